/** AST of the JUEL subset. `position` is the 0-based offset of the node in the source. */

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '>' | '<=' | '>=';

export type JuelNode =
  | LiteralNode
  | IdentifierNode
  | MemberNode
  | IndexNode
  | MethodCallNode
  | FunctionCallNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | ConditionalNode;

export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly position: number;
}

export interface IdentifierNode {
  readonly kind: 'identifier';
  readonly name: string;
  readonly position: number;
}

/** `object.name` */
export interface MemberNode {
  readonly kind: 'member';
  readonly object: JuelNode;
  readonly name: string;
  readonly position: number;
}

/** `object[index]` */
export interface IndexNode {
  readonly kind: 'index';
  readonly object: JuelNode;
  readonly index: JuelNode;
  readonly position: number;
}

/** `object.name(args)` or `object[nameExpression](args)` */
export interface MethodCallNode {
  readonly kind: 'methodCall';
  readonly object: JuelNode;
  readonly method: string | JuelNode;
  readonly args: readonly JuelNode[];
  readonly position: number;
}

/** `name(args)`: a built-in function such as now() or dateTime() */
export interface FunctionCallNode {
  readonly kind: 'functionCall';
  readonly name: string;
  readonly args: readonly JuelNode[];
  readonly position: number;
}

export interface UnaryNode {
  readonly kind: 'unary';
  readonly operator: '-' | 'not' | 'empty';
  readonly operand: JuelNode;
  readonly position: number;
}

export interface BinaryNode {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: JuelNode;
  readonly right: JuelNode;
  readonly position: number;
}

/** `&&` / `||`, kept apart from BinaryNode because they short-circuit */
export interface LogicalNode {
  readonly kind: 'logical';
  readonly operator: 'and' | 'or';
  readonly left: JuelNode;
  readonly right: JuelNode;
  readonly position: number;
}

export interface ConditionalNode {
  readonly kind: 'conditional';
  readonly test: JuelNode;
  readonly consequent: JuelNode;
  readonly alternate: JuelNode;
  readonly position: number;
}

/** A whole attribute value: literal text interleaved with `${...}` / `#{...}` expressions. */
export type TemplateSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly node: JuelNode };
