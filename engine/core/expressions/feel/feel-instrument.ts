import { parseExpression, parseUnaryTests } from 'feelin';

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/**
 * The engine's metering functions, called from instrumented FEEL. The prefix is reserved: a
 * model may not name anything with it (checked when the expression is compiled).
 */
export const METER_PREFIX = '__meter_';
export const METER = {
  /** a value read: a variable, a path, a list or context literal; charges its size */
  read: `${METER_PREFIX}read`,
  /** the source of a for / some / every iteration; charges one step per element */
  iterate: `${METER_PREFIX}iterate`,
  /** `a..b` in an iteration, checked before it is enumerated */
  range: `${METER_PREFIX}range`,
  /** entering a user-defined function */
  call: `${METER_PREFIX}call`,
  /** the result of `+`: a concatenated string must stay within the limit */
  sized: `${METER_PREFIX}sized`,
} as const;

/**
 * feelin has no step hook, so the expression is rewritten once, at compile time, to route
 * everything that can multiply work through the metering functions: iteration sources, value
 * reads, user function calls and string concatenation. Everything else evaluates unchanged.
 */
export function instrumentFeel(body: string, top: FeelTop = 'expression'): string {
  const render = (node: SyntaxNode): string => {
    const parts: RenderedChild[] = [];
    let text = '';
    let position = node.from;
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      const rendered = render(child);
      parts.push({ node: child, text: rendered });
      text += body.slice(position, child.from) + rendered;
      position = child.to;
    }
    text += body.slice(position, node.to);
    return meter(node, text, parts, body);
  };
  return render(parseFeel(body, top).topNode);
}

/** what a FEEL text is: an expression, or (a DMN input entry) unary tests */
export type FeelTop = 'expression' | 'unaryTests';

export function parseFeel(body: string, top: FeelTop): ReturnType<typeof parseExpression> {
  return top === 'unaryTests' ? parseUnaryTests(body, {}, undefined) : parseExpression(body, {}, undefined);
}

interface RenderedChild {
  readonly node: SyntaxNode;
  readonly text: string;
}

function meter(node: SyntaxNode, text: string, parts: readonly RenderedChild[], body: string): string {
  switch (node.name) {
    case 'VariableName':
      return isCallee(node) || isInsideType(node) ? text : `${METER.read}(${text})`;
    case 'List':
    case 'Context':
      return `${METER.read}(${text})`;
    case 'IterationContext': {
      const [start, dots, end] = parts;
      if (dots?.node.name === '..' && start && end) return `${METER.range}(${start.text}, ${end.text})`;
      return `${METER.iterate}(${text})`;
    }
    case 'FunctionBody':
      return node.parent?.getChild('external') ? text : `if ${METER.call}() then (${text}) else null`;
    case 'ArithmeticExpression': {
      const operator = parts[1]?.node;
      return operator?.name === 'ArithOp' && body.slice(operator.from, operator.to) === '+' ? `${METER.sized}(${text})` : text;
    }
    case 'LineComment':
    case 'BlockComment':
      // a rewrite may put text after a line comment
      return ' ';
    default:
      return text;
  }
}

/** `f` in `f(x)` stays a name: it is resolved to a (metered) function, not read as data */
function isCallee(node: SyntaxNode): boolean {
  return node.parent?.name === 'FunctionInvocation' && node.prevSibling === null;
}

/** type names in `instance of` are not variables */
function isInsideType(node: SyntaxNode): boolean {
  for (let parent = node.parent; parent !== null; parent = parent.parent) if (parent.name === 'Type') return true;
  return false;
}
