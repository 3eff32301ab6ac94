import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { isHostObject } from '../host-object.js';
import { isPlainObject, ownDataKeys } from '../plain-values.js';
import { isForbiddenName } from '../security.js';
import { METER_PREFIX } from './feel-instrument.js';

const MAX_DEPTH = 64;

/**
 * Copies a resolved variable into plain FEEL input. feelin would invoke any JS function it
 * finds in its context, so functions (and host objects, which FEEL cannot use) become null;
 * cycles and very deep data are cut off, and keys reserved for metering are dropped.
 */
export function toFeelInput(value: unknown, ancestors: Set<unknown> = new Set()): unknown {
  if (value === undefined || typeof value === 'function' || isHostObject(value)) return null;
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (ancestors.has(value) || ancestors.size >= MAX_DEPTH) return null;
  ancestors.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => toFeelInput(item, ancestors))
    : Object.fromEntries(
        ownDataKeys(value)
          .filter((key) => !isForbiddenName(key) && !key.startsWith(METER_PREFIX))
          .map((key) => [key, toFeelInput(value[key], ancestors)]),
      );
  ancestors.delete(value);
  return copy;
}

/** Converts feelin's temporal values in a result to JS: date-times and dates become Date (UTC). */
export function fromFeelResult(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof FeelDateTime) {
    return new Date(value.unwrap().toZonedDateTime(value.zone ?? 'UTC').epochMilliseconds);
  }
  if (value instanceof FeelDate) return new Date(`${value.iso}T00:00:00Z`);
  if (value instanceof FeelTime || value instanceof FeelDuration) return value.toString();
  if (Array.isArray(value)) return value.map(fromFeelResult);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fromFeelResult(entry)]));
  }
  return value;
}
