import { RE2JS } from 're2js';
import { checkBuiltList, checkBuiltString } from './budget.js';
import { ExpressionEvaluationError } from './errors.js';
import { EXPRESSION_LIMITS } from './limits.js';

/**
 * Regular expressions for expressions, run by RE2 (re2js): matching takes time linear in the
 * input, so no pattern can backtrack for seconds. Patterns RE2 cannot express (backreferences,
 * lookaround) are refused instead of being run by a backtracking engine.
 */

const FLAG_BITS: Readonly<Record<string, number>> = { i: RE2JS.CASE_INSENSITIVE, s: RE2JS.DOTALL, m: RE2JS.MULTILINE };

/** null: the pattern or flags are not a valid regular expression at all (FEEL answers null then) */
export function compileSafeRegex(pattern: string, flags: string): RE2JS | null {
  if (pattern.length > EXPRESSION_LIMITS.maxRegexPatternLength) {
    throw new ExpressionEvaluationError(
      `Expected a regular expression of at most ${EXPRESSION_LIMITS.maxRegexPatternLength} characters, but it has ${pattern.length}`,
    );
  }
  let bits = 0;
  for (const flag of flags) {
    if (flag === 'x') throw new ExpressionEvaluationError("Expected regular expression flags among 's', 'm' and 'i', but the 'x' flag is not supported");
    if (!Object.hasOwn(FLAG_BITS, flag)) return null;
    bits |= FLAG_BITS[flag]!;
  }
  if (!isValidJsPattern(pattern)) return null;
  try {
    return RE2JS.compile(pattern, bits);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExpressionEvaluationError(
      `Expected a regular expression without backreferences or lookaround (RE2 syntax), but '${pattern}' is refused: ${reason}`,
    );
  }
}

/** compiling (not running) a pattern is linear: it only tells whether the text is a regex at all */
function isValidJsPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function checkInput(input: string): void {
  if (input.length > EXPRESSION_LIMITS.maxRegexInputLength) {
    throw new ExpressionEvaluationError(
      `Expected a text of at most ${EXPRESSION_LIMITS.maxRegexInputLength} characters for a regular expression, but it has ${input.length}`,
    );
  }
}

/** whether the pattern matches anywhere in the input (XPath `fn:matches`) */
export function regexMatches(regex: RE2JS, input: string): boolean {
  checkInput(input);
  return regex.test(input);
}

/** every match replaced; `$0` or `$&` is the whole match, `$1`.. the groups */
export function regexReplace(regex: RE2JS, input: string, replacement: string): string {
  checkInput(input);
  const template = replacement.replace(/\$0/g, '$$&');
  const matcher = regex.matcher(input);
  let result = '';
  let last = 0;
  while (matcher.find()) {
    result += input.slice(last, matcher.start()) + expandReplacement(template, matcher);
    last = matcher.end();
    checkBuiltString(result, 'replace()');
    if (matcher.end() === matcher.start() && matcher.end() >= input.length) break;
  }
  return checkBuiltString(result + input.slice(last), 'replace()');
}

/** the parts between matches; an empty match at the start or the end splits nothing (as String.split) */
export function regexSplit(regex: RE2JS, input: string): string[] {
  checkInput(input);
  const matcher = regex.matcher(input);
  const parts: string[] = [];
  let last = 0;
  while (matcher.find()) {
    const [start, end] = [matcher.start(), matcher.end()];
    if (end === start && (start === last || start >= input.length)) {
      if (start >= input.length) break;
      continue;
    }
    parts.push(input.slice(last, start));
    last = end;
    checkBuiltList(parts.length, 'split()');
  }
  parts.push(input.slice(last));
  return parts;
}

function expandReplacement(template: string, matcher: ReturnType<RE2JS['matcher']>): string {
  return template.replace(/\$(\$|&|\d+)/g, (token, ref: string) => {
    if (ref === '$') return '$';
    if (ref === '&') return matcher.group() ?? '';
    const group = Number(ref);
    return group <= matcher.groupCount() ? (matcher.group(group) ?? '') : token;
  });
}
