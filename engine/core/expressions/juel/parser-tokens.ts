import type { BinaryOperator } from './ast.js';
import type { Token } from './lexer.js';

/** Operator spellings per precedence level; word forms (eq, div, ...) map to the symbol. */
export const EQUALITY_OPERATORS: ReadonlyMap<string, BinaryOperator> = new Map([
  ['==', '=='], ['eq', '=='], ['!=', '!='], ['ne', '!='],
]);
export const RELATIONAL_OPERATORS: ReadonlyMap<string, BinaryOperator> = new Map([
  ['<', '<'], ['lt', '<'], ['>', '>'], ['gt', '>'], ['<=', '<='], ['le', '<='], ['>=', '>='], ['ge', '>='],
]);
export const ADDITIVE_OPERATORS: ReadonlyMap<string, BinaryOperator> = new Map([['+', '+'], ['-', '-']]);
export const MULTIPLICATIVE_OPERATORS: ReadonlyMap<string, BinaryOperator> = new Map([
  ['*', '*'], ['/', '/'], ['div', '/'], ['%', '%'], ['mod', '%'],
]);

export function isOperatorToken(token: Token): boolean {
  return token.type === 'punctuator' || token.type === 'keyword';
}

export function isPunctuator(token: Token, text: string): boolean {
  return token.type === 'punctuator' && token.text === text;
}

export function isKeyword(token: Token, text: string): boolean {
  return token.type === 'keyword' && token.text === text;
}

/** How a token is named in "Expected ..., but found ..." messages. */
export function describeToken(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'end of input';
    case 'identifier':
      return `identifier '${token.text}'`;
    case 'number':
      return `number ${token.text}`;
    case 'string':
      return `string ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}
