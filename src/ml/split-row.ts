/** Turns a split date into the first grid row at or after it. */
import { InputError } from "../errors.js";
import { zonedParts } from "../util/zoned-time.js";
import type { HourlyGrid } from "./hourly-grid.js";

/**
 * Returns the first grid row whose start is at or after `split` ("YYYY-MM-DD" = local midnight
 * in the grid's zone, or an ISO instant with zone); InputError when it lies outside the data.
 */
export function splitRow(grid: HourlyGrid, split: string): number {
  const instant = splitInstant(split, grid.timeZone);
  const first = grid.timeUtcMs[0]!;
  const last = grid.timeUtcMs[grid.length - 1]!;
  if (!(instant > first && instant <= last)) {
    throw new InputError(
      `split outside the data: "${split}" (expected after ${new Date(first).toISOString()} and not after ${new Date(last).toISOString()})`,
    );
  }
  return Math.ceil((instant - first) / 3_600_000);
}

/** UTC ms of a split string. */
export function splitInstant(split: string, timeZone: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(split)) {
    const guess = Date.parse(`${split}T00:00:00Z`);
    if (Number.isNaN(guess)) throw badSplit(split);
    const once = guess - zonedParts(guess, timeZone).offsetMinutes * 60_000;
    return guess - zonedParts(once, timeZone).offsetMinutes * 60_000;
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(split)) {
    const instant = Date.parse(split);
    if (!Number.isNaN(instant)) return instant;
  }
  throw badSplit(split);
}

function badSplit(split: string): InputError {
  return new InputError(
    `invalid split: "${split}" (expected YYYY-MM-DD or an ISO instant with zone, e.g. 2015-01-01T05:00Z)`,
  );
}
