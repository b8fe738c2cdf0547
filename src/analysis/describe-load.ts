/**
 * Descriptive statistics of a load series per calendar period (whole series, year, quarter or
 * month, in local time): count, missing, mean, spread, quantiles, peak and energy.
 */
import type { LoadSeries } from "../frame.js";
import { InputError } from "../errors.js";
import { formatLocalTime, localCalendar, type LocalCalendar } from "./local-calendar.js";
import { quantileSorted, intervalHours } from "./stats.js";

/** Grouping of describeLoad. */
export type StatsPeriod = "all" | "year" | "quarter" | "month";

/** Options of describeLoad. */
export interface DescribeLoadOptions {
  /** IANA zone of the calendar periods; default "UTC" */
  timeZone?: string;
  /** period to group by; default "year" */
  period?: StatsPeriod;
}

/** Statistics of one period; loads in MW, energy in GWh. */
export interface PeriodStats {
  /** "all", "2015", "2015-Q3" or "2015-07" */
  period: string;
  /** intervals with a finite load */
  count: number;
  /** intervals present as rows but with NaN load */
  missing: number;
  meanMw: number;
  stdMw: number;
  minMw: number;
  p05Mw: number;
  medianMw: number;
  p95Mw: number;
  maxMw: number;
  /** mean ÷ max */
  loadFactor: number;
  /** energy of the intervals present, GWh */
  energyGwh: number;
  /** local wall-clock start of the peak interval, "YYYY-MM-DD HH:mm" */
  peakLocal: string;
}

const PERIODS: readonly StatsPeriod[] = ["all", "year", "quarter", "month"];

/** Returns descriptive statistics per period in local time, in period order. */
export function describeLoad(series: LoadSeries, options: DescribeLoadOptions = {}): PeriodStats[] {
  const timeZone = options.timeZone ?? "UTC";
  const period = options.period ?? "year";
  if (!PERIODS.includes(period)) {
    throw new InputError(`invalid period: "${String(period)}" (expected ${PERIODS.join(", ")})`);
  }
  const { timeUtcMs, loadMw } = series.columns;
  const cal = localCalendar(timeUtcMs, timeZone);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < series.length; i++) {
    const key = periodKey(cal, i, period);
    let rows = groups.get(key);
    if (!rows) groups.set(key, (rows = []));
    rows.push(i);
  }
  const stepHours = intervalHours(timeUtcMs);
  return [...groups.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([key, rows]) => periodStats(key, rows, timeUtcMs, loadMw, stepHours, timeZone));
}

/** Returns the period label of row `i`. */
export function periodKey(cal: LocalCalendar, i: number, period: StatsPeriod): string {
  const year = String(cal.year[i]);
  if (period === "all") return "all";
  if (period === "year") return year;
  const month = cal.month[i]!;
  if (period === "quarter") return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${month < 10 ? "0" : ""}${month}`;
}

function periodStats(
  period: string,
  rows: number[],
  timeUtcMs: Float64Array,
  loadMw: Float64Array,
  stepHours: number,
  timeZone: string,
): PeriodStats {
  const values: number[] = [];
  let peakRow = -1;
  for (const i of rows) {
    const v = loadMw[i]!;
    if (!Number.isFinite(v)) continue;
    values.push(v);
    if (peakRow < 0 || v > loadMw[peakRow]!) peakRow = i;
  }
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  const max = n > 0 ? sorted[n - 1]! : NaN;
  return {
    period,
    count: n,
    missing: rows.length - n,
    meanMw: mean,
    stdMw: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    minMw: n > 0 ? sorted[0]! : NaN,
    p05Mw: quantileSorted(sorted, 0.05),
    medianMw: quantileSorted(sorted, 0.5),
    p95Mw: quantileSorted(sorted, 0.95),
    maxMw: max,
    loadFactor: mean / max,
    energyGwh: (sum * stepHours) / 1000,
    peakLocal: peakRow < 0 ? "" : formatLocalTime(timeUtcMs[peakRow]!, timeZone),
  };
}
