import { compileSafeRegex, regexMatches, regexReplace, regexSplit } from '../safe-regex.js';

/** a FEEL built-in as feelin calls it: positional arguments, parameter names in `$args` */
export type FeelBuiltin = ((...args: unknown[]) => unknown) & { $args?: unknown };

function builtin(parameterNames: string[], fn: (...args: unknown[]) => unknown): FeelBuiltin {
  const wrapped: FeelBuiltin = (...args: unknown[]) => fn(...args);
  wrapped.$args = parameterNames;
  return wrapped;
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isOptionalText = (value: unknown): value is string | null | undefined => value === null || value === undefined || typeof value === 'string';

/**
 * FEEL's `matches`, `replace` and `split` with their feelin parameter names and null results
 * for arguments of the wrong type or an invalid pattern, but run by RE2 (see safe-regex.ts).
 */
export const REGEX_BUILTINS: ReadonlyMap<string, FeelBuiltin> = new Map([
  ['matches', builtin(['input', 'pattern', 'flags'], (input, pattern, flags) => {
    if (!isText(input) || !isText(pattern) || !isOptionalText(flags)) return null;
    const regex = compileSafeRegex(pattern, flags ?? '');
    return regex === null ? null : regexMatches(regex, input);
  })],
  ['replace', builtin(['input', 'pattern', 'replacement', 'flags'], (input, pattern, replacement, flags) => {
    if (!isText(input) || !isText(pattern) || !isText(replacement) || !isOptionalText(flags)) return null;
    const regex = compileSafeRegex(pattern, flags ?? '');
    return regex === null ? null : regexReplace(regex, input, replacement);
  })],
  ['split', builtin(['string', 'delimiter'], (input, delimiter) => {
    if (!isText(input) || !isText(delimiter)) return null;
    const regex = compileSafeRegex(delimiter, '');
    return regex === null ? null : regexSplit(regex, input);
  })],
]);
