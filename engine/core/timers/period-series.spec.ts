import { parseIsoDuration } from './duration.js';
import { addDuration, subtractDuration } from './duration-arithmetic.js';
import { earliestBackwardElement, firstForwardElement, stepForward } from './period-series.js';

const at = (iso: string) => new Date(iso);
const START = at('2026-01-31T12:00:00.000Z');

/** Brute force reference: walk the series one step at a time. */
function bruteForward(period: string, target: Date, strict: boolean) {
  const d = parseIsoDuration(period);
  let current = START;
  let index = 0;
  while (strict ? current <= target : current < target) {
    current = addDuration(current, d);
    index++;
  }
  return { index, at: current.toISOString() };
}

function bruteBackward(period: string, target: Date, strict: boolean, maxIndex: number) {
  const d = parseIsoDuration(period);
  const reached = (x: Date) => (strict ? x > target : x >= target);
  if (!reached(START)) return null;
  let current = START;
  let index = 0;
  while (index < maxIndex && reached(subtractDuration(current, d))) {
    current = subtractDuration(current, d);
    index++;
  }
  return { index, at: current.toISOString() };
}

const nearTargets = [
  '2026-01-31T09:00:00.000Z',
  '2026-01-31T12:00:00.000Z',
  '2026-01-31T12:00:00.001Z',
  '2026-01-31T12:21:00.000Z',
  '2026-01-31T14:13:07.250Z',
].map(at);

const farTargets = [
  '2025-06-01T00:00:00.000Z',
  '2026-02-01T00:00:00.000Z',
  '2026-03-28T12:00:00.000Z',
  '2026-07-04T09:13:00.000Z',
].map(at);

// Short periods are only checked near the start, so the step-by-step reference stays fast.
describe.each<[string, Date[]]>([
  ['PT7M', nearTargets],
  ['PT1H', nearTargets],
  ['PT0.5S', nearTargets],
  ['P1D', [...nearTargets, ...farTargets]],
  ['P1W', [...nearTargets, ...farTargets]],
  ['P1M', [...nearTargets, ...farTargets]],
  ['P1Y', [...nearTargets, ...farTargets]],
  ['P1M1D', [...nearTargets, ...farTargets]],
])('period %s', (period, targets) => {
  const d = parseIsoDuration(period);

  it.each(targets)('forward matches step-by-step walking for target %s', (target) => {
    for (const strict of [false, true]) {
      const found = firstForwardElement(START, d, target, strict ? 'after' : 'at-or-after');
      expect({ index: found.index, at: found.at.toISOString() }).toEqual(bruteForward(period, target, strict));
      expect(stepForward(START, d, found.index).toISOString()).toBe(found.at.toISOString());
    }
  });

  it.each(targets)('backward from the anchor matches step-by-step walking for target %s', (target) => {
    for (const strict of [false, true]) {
      for (const maxIndex of [0, 2, Infinity]) {
        const bound = strict ? 'after' : 'at-or-after';
        const found = earliestBackwardElement(START, d, target, bound, maxIndex);
        expect(found && { index: found.index, at: found.at.toISOString() }).toEqual(
          bruteBackward(period, target, strict, maxIndex),
        );
      }
    }
  });
});
