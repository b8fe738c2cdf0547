/**
 * Ridge regressions fitted separately for each local hour of the day — one per hour (bandwidth
 * 0) or, through the seasonal kernel of seasonal-ridge.ts, one per hour and twelfth of the year —
 * with one level column per training year and training rows weighted by recency (half-life in
 * years), so the fit leans on the recent level and response. The building block of
 * models/hourly-ridge.ts.
 */
import type { HourlyRidgeDesign } from "./features/hourly-ridge-features.js";
import type { HourlyGrid } from "./hourly-grid.js";
import { withLevels } from "./ridge-training-data.js";
import {
  predictSeasonalRidge,
  seasonalRidgeStats,
  solveSeasonalRidge,
  type SeasonalRidgeFit,
  type SeasonalRidgeStats,
} from "./seasonal-ridge.js";
import { HOURS_PER_YEAR, observedRows } from "./training-rows.js";

const HOURS_PER_DAY = 24;

/** Fitted ridges of one bandwidth: per local hour, with the level setting of the forecasts. */
export interface HourRidgeFit {
  bandwidthDays: number;
  /** one seasonal fit per local hour 0 … 23 */
  hours: SeasonalRidgeFit[];
  /** yearly level columns, and how many of the latest set the forecast level */
  periods: number;
  recent: number;
}

/** Sufficient statistics of the training rows [0, end), per local hour. */
export interface HourRidgeStats {
  bandwidthDays: number;
  hours: SeasonalRidgeStats[];
  periods: number;
  /** sum of the recency weights: a penalty per weighted row scales with it */
  weightedRows: number;
}

/** Returns the statistics of the observed rows before `end` for one bandwidth. */
export function hourRidgeStats(
  grid: HourlyGrid,
  design: HourlyRidgeDesign,
  end: number,
  options: { bandwidthDays: number; halfLifeYears: number },
): HourRidgeStats {
  const rows = observedRows(grid, 0, end);
  const periods = Math.max(1, Math.floor(end / HOURS_PER_YEAR));
  const periodOf = (row: number): number =>
    Math.min(periods - 1, Math.floor((end - 1 - row) / HOURS_PER_YEAR));
  const weightOf = (row: number): number =>
    0.5 ** ((end - 1 - row) / (options.halfLifeYears * HOURS_PER_YEAR));
  let weightedRows = 0;
  const hours = byHour(grid, rows).map((hourRows) => {
    const d = withLevels(design(hourRows), (r) => periodOf(hourRows[r]!), periods, 1);
    const weights = Float64Array.from(hourRows, weightOf);
    for (const w of weights) weightedRows += w;
    const targets = Float64Array.from(hourRows, (i) => grid.loadMw[i]!);
    return seasonalRidgeStats(
      d,
      targets,
      1,
      daysOfYear(grid, hourRows),
      options.bandwidthDays,
      weights,
    );
  });
  return { bandwidthDays: options.bandwidthDays, hours, periods, weightedRows };
}

/** Solves every hour's ridges at relative penalty `lambda`, forecasting the `recent` years' level. */
export function solveHourRidge(
  stats: HourRidgeStats,
  lambda: number,
  recent: number,
): HourRidgeFit {
  return {
    bandwidthDays: stats.bandwidthDays,
    hours: stats.hours.map((s) => solveSeasonalRidge(s, lambda)),
    periods: stats.periods,
    recent: Math.min(recent, stats.periods) || stats.periods,
  };
}

/** Forecasts of grid `rows` (any hours, in any order), each by the ridge of its local hour. */
export function predictHourRidge(
  fit: HourRidgeFit,
  grid: HourlyGrid,
  design: HourlyRidgeDesign,
  rows: Int32Array,
): Float64Array {
  const out = new Float64Array(rows.length);
  const positions = Int32Array.from(rows, (_, k) => k);
  byHour(grid, rows, positions).forEach((at, hour) => {
    if (at.length === 0) return;
    const hourRows = Int32Array.from(at, (k) => rows[k]!);
    const d = withLevels(design(hourRows), () => -1, fit.periods, fit.recent);
    const predicted = predictSeasonalRidge(fit.hours[hour]!, d, daysOfYear(grid, hourRows));
    at.forEach((k, j) => (out[k] = predicted[j]!));
  });
  return out;
}

/** `values` (default the rows themselves) split by the local hour of `rows`. */
function byHour(grid: HourlyGrid, rows: Int32Array, values: Int32Array = rows): Int32Array[] {
  const parts: number[][] = Array.from({ length: HOURS_PER_DAY }, () => []);
  rows.forEach((i, k) => parts[grid.calendar.hour[i]!]!.push(values[k]!));
  return parts.map((part) => Int32Array.from(part));
}

function daysOfYear(grid: HourlyGrid, rows: Int32Array): Int32Array {
  return Int32Array.from(rows, (i) => grid.calendar.dayOfYear[i]!);
}
