/**
 * Split-conformal prediction intervals: signed held-out residuals (actual − forecast) are grouped
 * by horizon step or local hour, and their empirical quantiles (with the (n + 1) finite-sample
 * correction) widen each point forecast into 80 % and 95 % intervals.
 */
import type { HourlyGrid } from "./hourly-grid.js";
import type { ConformalTable } from "./model.js";

/** Returns the residual quantile table; `groupOf(k)` maps residual k to its group. */
export function conformalTable(
  residuals: Float64Array,
  groupOf: (k: number) => number,
  groups: number,
  groupBy: ConformalTable["groupBy"],
): ConformalTable {
  const buckets: number[][] = Array.from({ length: groups }, () => []);
  const pooled: number[] = [];
  for (let k = 0; k < residuals.length; k++) {
    const r = residuals[k]!;
    if (!Number.isFinite(r)) continue;
    buckets[groupOf(k)]?.push(r);
    pooled.push(r);
  }
  pooled.sort((a, b) => a - b);
  const table: ConformalTable = { groupBy, q025: [], q10: [], q90: [], q975: [] };
  for (const bucket of buckets) {
    // Too few residuals in a group for a 95 % quantile: use all groups together.
    const sorted = bucket.length >= 40 ? bucket.sort((a, b) => a - b) : pooled;
    table.q025.push(conformalQuantile(sorted, 0.025));
    table.q10.push(conformalQuantile(sorted, 0.1));
    table.q90.push(conformalQuantile(sorted, 0.9));
    table.q975.push(conformalQuantile(sorted, 0.975));
  }
  return table;
}

/** The q-quantile of ascending `sorted` with the (n + 1) correction (conservative at both ends). */
export function conformalQuantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = q >= 0.5 ? Math.ceil((n + 1) * q) : Math.floor((n + 1) * q);
  return sorted[Math.min(n - 1, Math.max(0, rank - 1))]!;
}

/** Group of the forecast at grid row `row`, step `step`, for a table grouped as `groupBy`. */
export function conformalGroup(
  grid: HourlyGrid,
  row: number,
  step: number,
  groupBy: ConformalTable["groupBy"],
): number {
  return groupBy === "step" ? step : grid.calendar.hour[Math.min(row, grid.length - 1)]!;
}
