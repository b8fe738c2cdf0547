/**
 * The load duration curve: loads sorted from highest to lowest against the share of time they
 * are equalled or exceeded, sampled at a fixed number of points for charts, with the summary
 * numbers planners read off it.
 */
import type { LoadSeries } from "../frame.js";
import { InputError } from "../errors.js";
import { quantileSorted, sortedFinite, intervalHours } from "./stats.js";

/** Options of loadDurationCurve. */
export interface LoadDurationCurveOptions {
  /** points sampled along the curve (≥ 2, first and last always kept); default 201 */
  points?: number;
}

/** The sampled curve and its landmarks; MW and % of time. */
export interface LoadDurationCurve {
  /** % of intervals whose load is ≥ the matching loadMw; ascending from 100/n to 100 */
  exceedancePct: number[];
  loadMw: number[];
  /** intervals with a finite load */
  count: number;
  peakMw: number;
  /** load exceeded 99 % of the time */
  baseMw: number;
  /** load exceeded 50 % of the time */
  medianMw: number;
  /** hours with load ≥ 90 % of the peak */
  hoursAbove90PctOfPeak: number;
  /** mean ÷ peak */
  loadFactor: number;
}

/** Returns the load duration curve sampled at `points` ranks, highest load first. */
export function loadDurationCurve(
  series: LoadSeries,
  options: LoadDurationCurveOptions = {},
): LoadDurationCurve {
  const points = options.points ?? 201;
  if (!Number.isInteger(points) || points < 2) {
    throw new InputError(`invalid number of points: ${points} (expected an integer ≥ 2)`);
  }
  const ascending = sortedFinite(series.columns.loadMw);
  const n = ascending.length;
  const stepHours = intervalHours(series.columns.timeUtcMs);
  const exceedancePct: number[] = [];
  const loadMw: number[] = [];
  const m = Math.min(points, n);
  for (let k = 0; k < m; k++) {
    const rank = m === 1 ? 0 : Math.round((k * (n - 1)) / (m - 1));
    exceedancePct.push(((rank + 1) / n) * 100);
    loadMw.push(ascending[n - 1 - rank]!);
  }
  const peak = n > 0 ? ascending[n - 1]! : NaN;
  let above = 0;
  let sum = 0;
  for (const v of ascending) {
    sum += v;
    if (v >= 0.9 * peak) above++;
  }
  return {
    exceedancePct,
    loadMw,
    count: n,
    peakMw: peak,
    baseMw: quantileSorted(ascending, 0.01),
    medianMw: quantileSorted(ascending, 0.5),
    hoursAbove90PctOfPeak: above * stepHours,
    loadFactor: sum / n / peak,
  };
}
