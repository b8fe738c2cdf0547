/**
 * The first local date of the last `days` whole days of a series: the split date for a
 * backtest over the most recent period, whatever span the input file covers.
 */
import type { LoadSeries } from "../frame.js";
import { InputError } from "../errors.js";
import { isoDate, localCalendar } from "./local-calendar.js";

/** Options of recentSplit. */
export interface RecentSplitOptions {
  /** days in the test period; default 28 */
  days?: number;
  /** IANA zone of the local dates; default "UTC" */
  timeZone?: string;
}

/** Returns "YYYY-MM-DD": the local date `days` days before the day after the last row. */
export function recentSplit(series: LoadSeries, options: RecentSplitOptions = {}): string {
  const days = options.days ?? 28;
  if (!Number.isInteger(days) || days < 1)
    throw new InputError(`invalid number of days: ${days} (expected a positive integer)`);
  const n = series.length;
  if (n === 0) throw new InputError("empty series (expected at least one row)");
  const last = localCalendar([series.columns.timeUtcMs[n - 1]!], options.timeZone ?? "UTC");
  const lastFullDay = last.hour[0] === 23 ? last.dayNumber[0]! : last.dayNumber[0]! - 1;
  return isoDate(lastFullDay - days + 1);
}
