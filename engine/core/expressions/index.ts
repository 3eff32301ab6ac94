export type { CompiledExpression, ExpressionContext, ExpressionLanguage, VariablesRead } from './expression-context.js';
export { compileExpression } from './compile-expression.js';
export { evaluateCondition } from './evaluate-condition.js';
export { ExpressionEvaluationError, ExpressionSyntaxError } from './errors.js';
export { HOST_OBJECT, isHostObject, methodNotAllowed, type HostObject } from './host-object.js';
export { DateTimeValue } from './juel/date-time.js';
export { ExpressionGlobalTable, type ExpressionGlobalFactory, type ExpressionGlobals } from './expression-globals.js';
