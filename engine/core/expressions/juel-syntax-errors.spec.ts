import { compileExpression, ExpressionSyntaxError } from './index.js';

function syntaxErrorOf(text: string): ExpressionSyntaxError {
  try {
    compileExpression(text);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected '${text}' not to compile`);
}

describe('JUEL syntax errors', () => {
  it.each([
    ['${a >}', 5, "Expected an expression, but found '}' at position 5 in '${a >}'"],
    ['${(a}', 4, "Expected ')', but found '}' at position 4 in '${(a}'"],
    ["${'unterminated}", 16, "Expected a closing ' for the string starting at position 2, but found end of input at position 16 in '${'unterminated}'"],
    ['${a + 1', 7, "Expected '}' or an operator, but found end of input at position 7 in '${a + 1'"],
    ['${}', 2, "Expected an expression, but found '}' at position 2 in '${}'"],
    ['${a b}', 4, "Expected '}' or an operator, but found identifier 'b' at position 4 in '${a b}'"],
    ['${a = 1}', 4, "Expected '==', but found '=' at position 4 in '${a = 1}'"],
    ['${a & b}', 4, "Expected '&&', but found '&' at position 4 in '${a & b}'"],
    ['${a @ b}', 4, "Expected a valid token, but found '@' at position 4 in '${a @ b}'"],
    ['${a.}', 4, "Expected a property or method name after '.', but found '}' at position 4 in '${a.}'"],
    ['${a[1}', 5, "Expected ']', but found '}' at position 5 in '${a[1}'"],
    ['${a ? 1}', 7, "Expected ':', but found '}' at position 7 in '${a ? 1}'"],
    ['${s.contains(1,}', 15, "Expected an expression, but found '}' at position 15 in '${s.contains(1,}'"],
    ['${now(1)}', 5, "Expected 0 argument(s) for now(), but found 1 at position 5 in '${now(1)}'"],
    ['${12abc}', 4, "Expected an operator after a number, but found 'a' at position 4 in '${12abc}'"],
    ['${a instanceof b}', 4, "Expected '}' or an operator, but found 'instanceof' at position 4 in '${a instanceof b}'"],
    ['ok ${a} then ${b +}', 18, "Expected an expression, but found '}' at position 18 in 'ok ${a} then ${b +}'"],
    ['#{x', 3, "Expected '}' or an operator, but found end of input at position 3 in '#{x'"],
  ])('%s fails at position %d', (text, position, message) => {
    const error = syntaxErrorOf(text);
    expect(error.position).toBe(position);
    expect(error.source).toBe(text);
    expect(error.message).toBe(message);
  });
});
