/**
 * Year-over-year change: per local calendar year the mean load, energy, peak and data coverage,
 * and the change against the previous year where both years are complete enough to compare.
 */
import type { LoadSeries } from "../frame.js";
import { localCalendar } from "./local-calendar.js";
import { intervalHours } from "./stats.js";

/** Options of yearOverYear. */
export interface YearOverYearOptions {
  /** IANA zone of the calendar years; default "UTC" */
  timeZone?: string;
  /** a year is complete when this share of its intervals has a finite load; default 0.95 */
  minCoverage?: number;
}

/** One calendar year; MW, GWh and %. */
export interface YearRow {
  year: number;
  meanMw: number;
  peakMw: number;
  /** energy of the intervals present, GWh */
  energyGwh: number;
  /** intervals with a finite load ÷ intervals in the year */
  coverage: number;
  complete: boolean;
  /** change of mean load against the previous year, %; NaN unless both years are complete */
  meanChangePct: number;
  /** change of annual peak against the previous year, %; NaN unless both years are complete */
  peakChangePct: number;
}

/** Returns one row per local calendar year with level, coverage and change versus the year before. */
export function yearOverYear(series: LoadSeries, options: YearOverYearOptions = {}): YearRow[] {
  const minCoverage = options.minCoverage ?? 0.95;
  const { timeUtcMs, loadMw } = series.columns;
  const cal = localCalendar(timeUtcMs, options.timeZone ?? "UTC");
  const stepHours = intervalHours(timeUtcMs);
  const acc = new Map<number, { sum: number; n: number; max: number }>();
  for (let i = 0; i < series.length; i++) {
    const v = loadMw[i]!;
    if (!Number.isFinite(v)) continue;
    const a = acc.get(cal.year[i]!) ?? { sum: 0, n: 0, max: -Infinity };
    a.sum += v;
    a.n++;
    if (v > a.max) a.max = v;
    acc.set(cal.year[i]!, a);
  }
  const rows: YearRow[] = [];
  for (const [year, a] of [...acc.entries()].sort((x, y) => x[0] - y[0])) {
    const hoursInYear = (isLeap(year) ? 366 : 365) * 24;
    const coverage = (a.n * stepHours) / hoursInYear;
    const prev = rows[rows.length - 1];
    const comparable =
      prev !== undefined && prev.year === year - 1 && prev.complete && coverage >= minCoverage;
    const meanMw = a.sum / a.n;
    rows.push({
      year,
      meanMw,
      peakMw: a.max,
      energyGwh: (a.sum * stepHours) / 1000,
      coverage,
      complete: coverage >= minCoverage,
      meanChangePct: comparable ? ((meanMw - prev.meanMw) / prev.meanMw) * 100 : NaN,
      peakChangePct: comparable ? ((a.max - prev.peakMw) / prev.peakMw) * 100 : NaN,
    });
  }
  return rows;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
