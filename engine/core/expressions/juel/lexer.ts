import { ExpressionSyntaxError } from '../errors.js';

export type TokenType = 'number' | 'string' | 'identifier' | 'keyword' | 'punctuator' | 'end';

export interface Token {
  readonly type: TokenType;
  /** the raw text (for strings and numbers: the source text incl. quotes) */
  readonly text: string;
  /** decoded value for number and string literals */
  readonly value?: number | string;
  /** 0-based offset into the full expression source */
  readonly position: number;
}

const KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge',
  'true', 'false', 'null', 'empty', 'div', 'mod', 'instanceof',
]);

// Longest first, so that '<=' wins over '<'.
const PUNCTUATORS = [
  '==', '!=', '<=', '>=', '&&', '||',
  '.', '[', ']', '(', ')', ',', '?', ':', '+', '-', '*', '/', '%', '<', '>', '!', '}',
] as const;

/** Bounds the AST size, and with it the evaluator's recursion depth (long `a + a + ...` chains). */
export const MAX_TOKENS_PER_EXPRESSION = 1000;

const IDENTIFIER_START = /[\p{L}_$]/u;
const IDENTIFIER_PART = /[\p{L}\p{N}_$]/u;
const DIGIT = /[0-9]/;

/**
 * Tokenizes the body of one `${...}` starting at `start` (just after the opening brace).
 * Stops after the first `}` outside a string literal (EL 2.2 has no braces of its own);
 * if there is none, the last token is `end`.
 */
export function tokenizeExpressionBody(source: string, start: number): Token[] {
  const tokens: Token[] = [];
  let index = start;
  while (true) {
    while (index < source.length && /\s/.test(source[index]!)) index++;
    if (index >= source.length) {
      tokens.push({ type: 'end', text: '', position: index });
      return tokens;
    }
    const token = readToken(source, index);
    if (tokens.length >= MAX_TOKENS_PER_EXPRESSION) {
      throw new ExpressionSyntaxError(`at most ${MAX_TOKENS_PER_EXPRESSION} tokens in one expression`, 'more', index, source);
    }
    tokens.push(token);
    index = token.position + token.text.length;
    if (token.type === 'punctuator' && token.text === '}') return tokens;
  }
}

function readToken(source: string, index: number): Token {
  const char = source[index]!;
  if (char === "'" || char === '"') return readString(source, index);
  if (DIGIT.test(char) || (char === '.' && DIGIT.test(source[index + 1] ?? ''))) {
    return readNumber(source, index);
  }
  if (IDENTIFIER_START.test(char)) return readWord(source, index);
  const punctuator = PUNCTUATORS.find((candidate) => source.startsWith(candidate, index));
  if (punctuator !== undefined) return { type: 'punctuator', text: punctuator, position: index };
  const expected = char === '&' ? "'&&'" : char === '|' ? "'||'" : char === '=' ? "'=='" : 'a valid token';
  throw new ExpressionSyntaxError(expected, `'${char}'`, index, source);
}

function readWord(source: string, start: number): Token {
  let end = start + 1;
  while (end < source.length && IDENTIFIER_PART.test(source[end]!)) end++;
  const text = source.slice(start, end);
  return { type: KEYWORDS.has(text) ? 'keyword' : 'identifier', text, position: start };
}

// EL: IntegerLiteral [0-9]+ ; FloatingPointLiteral [0-9]+ '.' [0-9]* Exp? | '.' [0-9]+ Exp? | [0-9]+ Exp
const NUMBER_PATTERN = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

function readNumber(source: string, start: number): Token {
  NUMBER_PATTERN.lastIndex = start;
  const match = NUMBER_PATTERN.exec(source);
  const text = match![0];
  const next = source[start + text.length];
  if (next !== undefined && IDENTIFIER_PART.test(next)) {
    throw new ExpressionSyntaxError('an operator after a number', `'${next}'`, start + text.length, source);
  }
  return { type: 'number', text, value: Number(text), position: start };
}

function readString(source: string, start: number): Token {
  const quote = source[start]!;
  let value = '';
  let index = start + 1;
  while (index < source.length) {
    const char = source[index]!;
    if (char === quote) {
      return { type: 'string', text: source.slice(start, index + 1), value, position: start };
    }
    if (char === '\\') {
      const escaped = source[index + 1];
      // EL escapes only \' \" and \\; any other backslash is kept literally.
      if (escaped === "'" || escaped === '"' || escaped === '\\') {
        value += escaped;
        index += 2;
        continue;
      }
    }
    value += char;
    index++;
  }
  throw new ExpressionSyntaxError(
    `a closing ${quote} for the string starting at position ${start}`,
    'end of input',
    source.length,
    source,
  );
}
