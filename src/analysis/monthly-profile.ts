/**
 * The annual shape of load: mean, 10th and 90th percentile and mean daily peak of each calendar
 * month (local time), pooled over all years.
 */
import type { LoadSeries } from "../frame.js";
import { dailyLoad } from "./daily-load.js";
import { localCalendar } from "./local-calendar.js";
import { finiteMean, quantileSorted, sortedFinite } from "./stats.js";

/** Options of monthlyProfile. */
export interface MonthlyProfileOptions {
  /** IANA zone of the calendar months; default "UTC" */
  timeZone?: string;
}

/** One calendar month's load, pooled over all years; MW. */
export interface MonthProfileRow {
  /** 1-12 */
  month: number;
  label: string;
  meanMw: number;
  p10Mw: number;
  p90Mw: number;
  /** mean of the daily peaks */
  meanDailyPeakMw: number;
  count: number;
}

/** Three-letter month names, January first. */
export const MONTH_LABELS: readonly string[] = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** Full month names, January first. */
export const MONTH_NAMES: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Returns twelve rows (January first) with mean, p10, p90 and mean daily peak MW. */
export function monthlyProfile(
  series: LoadSeries,
  options: MonthlyProfileOptions = {},
): MonthProfileRow[] {
  const timeZone = options.timeZone ?? "UTC";
  const { timeUtcMs, loadMw } = series.columns;
  const cal = localCalendar(timeUtcMs, timeZone);
  const byMonth = Array.from({ length: 12 }, () => [] as number[]);
  for (let i = 0; i < series.length; i++) byMonth[cal.month[i]! - 1]!.push(loadMw[i]!);
  const daily = dailyLoad(series, { timeZone });
  const peaksByMonth = Array.from({ length: 12 }, () => [] as number[]);
  for (let k = 0; k < daily.length; k++) {
    const month = Number(daily.date[k]!.slice(5, 7));
    peaksByMonth[month - 1]!.push(daily.peakMw[k]!);
  }
  return byMonth.map((values, m) => {
    const sorted = sortedFinite(values);
    return {
      month: m + 1,
      label: MONTH_LABELS[m]!,
      meanMw: finiteMean(sorted),
      p10Mw: quantileSorted(sorted, 0.1),
      p90Mw: quantileSorted(sorted, 0.9),
      meanDailyPeakMw: finiteMean(peaksByMonth[m]!),
      count: sorted.length,
    };
  });
}
