/**
 * Mean load by local hour of day and day of week (Monday first): the 7 × 24 matrix behind the
 * weekly shape and the hour × weekday heatmap.
 */
import type { LoadSeries } from "../frame.js";
import { localCalendar } from "./local-calendar.js";

/** Options of hourWeekdayProfile. */
export interface HourWeekdayProfileOptions {
  /** IANA zone of hours and weekdays; default "UTC" */
  timeZone?: string;
}

/** Mean MW per (weekday, hour); rows are Monday … Sunday, columns hours 0-23. */
export interface HourWeekdayProfile {
  readonly weekdays: readonly string[];
  readonly hours: readonly number[];
  /** meanMw[weekday][hour], NaN where no data */
  readonly meanMw: number[][];
  /** intervals averaged per cell */
  readonly count: number[][];
}

/** Labels of weekdays, Monday first. */
export const WEEKDAY_LABELS: readonly string[] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Returns the mean load in MW for each local (weekday, hour) cell, Monday first. */
export function hourWeekdayProfile(
  series: LoadSeries,
  options: HourWeekdayProfileOptions = {},
): HourWeekdayProfile {
  const { timeUtcMs, loadMw } = series.columns;
  const cal = localCalendar(timeUtcMs, options.timeZone ?? "UTC");
  const sum = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const count = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (let i = 0; i < series.length; i++) {
    const v = loadMw[i]!;
    if (!Number.isFinite(v)) continue;
    const row = (cal.weekday[i]! + 6) % 7;
    sum[row]![cal.hour[i]!]! += v;
    count[row]![cal.hour[i]!]! += 1;
  }
  const meanMw = sum.map((r, w) => r.map((s, h) => (count[w]![h]! > 0 ? s / count[w]![h]! : NaN)));
  return {
    weekdays: WEEKDAY_LABELS,
    hours: Array.from({ length: 24 }, (_, h) => h),
    meanMw,
    count,
  };
}
