import type { ExpressionContext } from '../expression-context.js';
import { DateTimeValue } from './date-time.js';

export interface BuiltinFunction {
  readonly arity: number;
  invoke(ctx: ExpressionContext, args: readonly unknown[]): unknown;
}

/** The only functions an expression may call; checked at compile time. */
export const BUILTIN_FUNCTIONS: ReadonlyMap<string, BuiltinFunction> = new Map<string, BuiltinFunction>([
  ['now', { arity: 0, invoke: (ctx) => new Date(ctx.now().getTime()) }],
  ['dateTime', { arity: 0, invoke: (ctx) => DateTimeValue.fromDate(ctx.now()) }],
]);
