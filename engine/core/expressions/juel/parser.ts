import { ExpressionSyntaxError } from '../errors.js';
import { isForbiddenMethodName, isForbiddenName } from '../security.js';
import type { BinaryOperator, JuelNode } from './ast.js';
import { BUILTIN_FUNCTIONS } from './functions.js';
import { tokenizeExpressionBody, type Token } from './lexer.js';
import {
  ADDITIVE_OPERATORS,
  describeToken,
  EQUALITY_OPERATORS,
  isKeyword,
  isOperatorToken,
  isPunctuator,
  MULTIPLICATIVE_OPERATORS,
  RELATIONAL_OPERATORS,
} from './parser-tokens.js';

/** Guards the recursive descent against stack exhaustion on hostile input. */
const MAX_NESTING_DEPTH = 100;

export interface ParsedExpressionBody {
  readonly node: JuelNode;
  /** offset just past the closing `}` */
  readonly end: number;
}

/** Parses the body of one `${...}`; `start` is the offset just after the opening brace. */
export function parseExpressionBody(source: string, start: number): ParsedExpressionBody {
  const parser = new JuelParser(source, tokenizeExpressionBody(source, start));
  return parser.parseBody();
}

/**
 * Recursive descent following the EL 2.2 precedence table, lowest first:
 * ?:  ||  &&  == !=  < > <= >=  + -  * / %  unary(- ! empty)  . [] ()
 */
class JuelParser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseBody(): ParsedExpressionBody {
    const node = this.parseExpression();
    const closing = this.current();
    if (!isPunctuator(closing, '}')) this.fail("'}' or an operator", closing);
    return { node, end: closing.position + 1 };
  }

  private parseExpression(): JuelNode {
    if (++this.depth > MAX_NESTING_DEPTH) {
      this.fail(`at most ${MAX_NESTING_DEPTH} levels of nesting`, this.current());
    }
    const node = this.parseConditional();
    this.depth--;
    return node;
  }

  private parseConditional(): JuelNode {
    const test = this.parseOr();
    const question = this.current();
    if (!isPunctuator(question, '?')) return test;
    this.advance();
    const consequent = this.parseExpression();
    this.expectPunctuator(':');
    const alternate = this.parseExpression();
    return { kind: 'conditional', test, consequent, alternate, position: question.position };
  }

  private parseOr(): JuelNode {
    let left = this.parseAnd();
    while (this.matchesOperator('||', 'or')) {
      const operatorToken = this.advance();
      left = { kind: 'logical', operator: 'or', left, right: this.parseAnd(), position: operatorToken.position };
    }
    return left;
  }

  private parseAnd(): JuelNode {
    let left = this.parseBinaryLevel(EQUALITY_OPERATORS, () => this.parseRelational());
    while (this.matchesOperator('&&', 'and')) {
      const operatorToken = this.advance();
      const right = this.parseBinaryLevel(EQUALITY_OPERATORS, () => this.parseRelational());
      left = { kind: 'logical', operator: 'and', left, right, position: operatorToken.position };
    }
    return left;
  }

  private parseRelational(): JuelNode {
    return this.parseBinaryLevel(RELATIONAL_OPERATORS, () =>
      this.parseBinaryLevel(ADDITIVE_OPERATORS, () =>
        this.parseBinaryLevel(MULTIPLICATIVE_OPERATORS, () => this.parseUnary()),
      ),
    );
  }

  /** One left-associative precedence level. */
  private parseBinaryLevel(operators: ReadonlyMap<string, BinaryOperator>, parseOperand: () => JuelNode): JuelNode {
    let left = parseOperand();
    for (let token = this.current(); isOperatorToken(token) && operators.has(token.text); token = this.current()) {
      this.advance();
      const right = parseOperand();
      left = { kind: 'binary', operator: operators.get(token.text)!, left, right, position: token.position };
    }
    return left;
  }

  private parseUnary(): JuelNode {
    const token = this.current();
    let operator: '-' | 'not' | 'empty' | undefined;
    if (isPunctuator(token, '-')) operator = '-';
    else if (isPunctuator(token, '!') || isKeyword(token, 'not')) operator = 'not';
    else if (isKeyword(token, 'empty')) operator = 'empty';
    if (operator === undefined) return this.parseValue();
    this.advance();
    if (++this.depth > MAX_NESTING_DEPTH) this.fail(`at most ${MAX_NESTING_DEPTH} levels of nesting`, token);
    const operand = this.parseUnary();
    this.depth--;
    return { kind: 'unary', operator, operand, position: token.position };
  }

  /** A primary followed by any number of `.name`, `[expr]` and method-call suffixes. */
  private parseValue(): JuelNode {
    let node = this.parsePrimary();
    while (true) {
      const token = this.current();
      if (isPunctuator(token, '.')) {
        this.advance();
        const nameToken = this.current();
        if (nameToken.type !== 'identifier' && nameToken.type !== 'keyword') {
          this.fail("a property or method name after '.'", nameToken);
        }
        this.advance();
        node = this.parseMemberSuffix(node, nameToken);
      } else if (isPunctuator(token, '[')) {
        this.advance();
        const index = this.parseExpression();
        this.expectPunctuator(']');
        node = isPunctuator(this.current(), '(')
          ? this.parseComputedMethodCall(node, index, token)
          : this.parseComputedMember(node, index, token);
      } else {
        return node;
      }
    }
  }

  private parseMemberSuffix(object: JuelNode, nameToken: Token): JuelNode {
    const name = nameToken.text;
    if (isPunctuator(this.current(), '(')) {
      if (isForbiddenMethodName(name)) this.fail('an allowed method name', nameToken);
      return { kind: 'methodCall', object, method: name, args: this.parseArguments(), position: nameToken.position };
    }
    this.rejectForbiddenProperty(name, nameToken.position);
    return { kind: 'member', object, name, position: nameToken.position };
  }

  /** `object[index]`; a literal name is checked now, a computed one at run time. */
  private parseComputedMember(object: JuelNode, index: JuelNode, bracket: Token): JuelNode {
    if (index.kind === 'literal' && typeof index.value === 'string') this.rejectForbiddenProperty(index.value, index.position);
    return { kind: 'index', object, index, position: bracket.position };
  }

  private parseComputedMethodCall(object: JuelNode, method: JuelNode, bracket: Token): JuelNode {
    if (method.kind === 'literal' && typeof method.value === 'string' && isForbiddenMethodName(method.value)) {
      throw new ExpressionSyntaxError('an allowed method name', `'${method.value}'`, method.position, this.source);
    }
    return { kind: 'methodCall', object, method, args: this.parseArguments(), position: bracket.position };
  }

  private parsePrimary(): JuelNode {
    const token = this.current();
    switch (token.type) {
      case 'number':
      case 'string':
        this.advance();
        return { kind: 'literal', value: token.value!, position: token.position };
      case 'keyword':
        if (token.text === 'true' || token.text === 'false' || token.text === 'null') {
          this.advance();
          const value = token.text === 'null' ? null : token.text === 'true';
          return { kind: 'literal', value, position: token.position };
        }
        return this.fail('an expression', token);
      case 'identifier':
        this.advance();
        return isPunctuator(this.current(), '(') ? this.parseFunctionCall(token) : this.parseIdentifier(token);
      case 'punctuator':
        if (token.text === '(') {
          this.advance();
          const inner = this.parseExpression();
          this.expectPunctuator(')');
          return inner;
        }
        return this.fail('an expression', token);
      case 'end':
        return this.fail('an expression', token);
    }
  }

  private parseIdentifier(token: Token): JuelNode {
    if (isForbiddenName(token.text)) this.fail('an allowed identifier', token);
    return { kind: 'identifier', name: token.text, position: token.position };
  }

  private parseFunctionCall(nameToken: Token): JuelNode {
    const fn = BUILTIN_FUNCTIONS.get(nameToken.text);
    if (fn === undefined) {
      this.fail(`one of the functions ${[...BUILTIN_FUNCTIONS.keys()].map((name) => `${name}()`).join(', ')}`, nameToken);
    }
    const argumentsStart = this.current();
    const args = this.parseArguments();
    if (args.length !== fn.arity) {
      this.fail(`${fn.arity} argument(s) for ${nameToken.text}()`, argumentsStart, `${args.length}`);
    }
    return { kind: 'functionCall', name: nameToken.text, args, position: nameToken.position };
  }

  private parseArguments(): JuelNode[] {
    this.expectPunctuator('(');
    const args: JuelNode[] = [];
    if (isPunctuator(this.current(), ')')) {
      this.advance();
      return args;
    }
    while (true) {
      args.push(this.parseExpression());
      const separator = this.current();
      if (isPunctuator(separator, ')')) {
        this.advance();
        return args;
      }
      if (!isPunctuator(separator, ',')) this.fail("',' or ')'", separator);
      this.advance();
    }
  }

  private rejectForbiddenProperty(name: string, position: number): void {
    if (isForbiddenName(name)) {
      throw new ExpressionSyntaxError('an allowed property name', `'${name}'`, position, this.source);
    }
  }

  private current(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)]!;
  }

  private advance(): Token {
    const token = this.current();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private expectPunctuator(text: string): void {
    const token = this.current();
    if (!isPunctuator(token, text)) this.fail(`'${text}'`, token);
    this.advance();
  }

  private matchesOperator(symbol: string, word: string): boolean {
    const token = this.current();
    return isPunctuator(token, symbol) || isKeyword(token, word);
  }

  private fail(expected: string, token: Token, found: string = describeToken(token)): never {
    throw new ExpressionSyntaxError(expected, found, token.position, this.source);
  }
}
