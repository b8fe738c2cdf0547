/**
 * Restricts a series (any frame with `timeUtcMs`) to local calendar dates [start, end], both
 * inclusive, so notebook parameters like `start = "2015-01-01"` select whole local days.
 */
import { numberColumn, sliceRows, type Frame } from "../frame.js";
import { InputError } from "../errors.js";
import { localMidnightUtc } from "./local-calendar.js";

/** Options of selectPeriod. */
export interface SelectPeriodOptions {
  /** first local date kept, YYYY-MM-DD; "" or absent = from the beginning */
  start?: string;
  /** last local date kept, YYYY-MM-DD; "" or absent = to the end */
  end?: string;
  /** IANA zone of the dates; default "UTC" */
  timeZone?: string;
}

/** Returns the rows of a time-sorted frame whose local date lies in [start, end] (a view, no copy). */
export function selectPeriod<F extends Frame>(frame: F, options: SelectPeriodOptions = {}): F {
  const timeZone = options.timeZone ?? "UTC";
  const time = numberColumn(frame, "timeUtcMs");
  const from = options.start
    ? localMidnightUtc(dayNumberOf(options.start, "start"), timeZone)
    : -Infinity;
  const to = options.end
    ? localMidnightUtc(dayNumberOf(options.end, "end") + 1, timeZone)
    : Infinity;
  if (from >= to)
    throw new InputError(`empty period: ${options.start} to ${options.end} (expected start ≤ end)`);
  const first = lowerBound(time, from);
  const last = lowerBound(time, to);
  return sliceRows(frame, first, last);
}

function dayNumberOf(date: string, name: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || !Number.isFinite(ms) || new Date(ms).getUTCDate() !== Number(m[3])) {
    throw new InputError(`invalid ${name} date: "${date}" (expected YYYY-MM-DD)`);
  }
  return ms / 86_400_000;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
