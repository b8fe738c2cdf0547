/**
 * Seasonally local ridge regression: one ridge per twelfth of the year, each fitted on every
 * training row weighted by a Gaussian kernel of its day-of-year distance to that twelfth's centre.
 * Load dynamics differ by season (heating, cooling, shoulder months), so a row is predicted by the
 * coefficients fitted around its own time of year; a bandwidth of 0 means one global ridge, and a
 * season with fewer weighted rows than features (short histories) uses the global one too.
 */
import { ModelError } from "../errors.js";
import {
  predictRidge,
  ridgeStats,
  solveRidge,
  type Design,
  type RidgeFit,
  type RidgeStats,
} from "./ridge-regression.js";

/** Seasons (equal twelfths of the year) with their own coefficients. */
export const SEASON_BINS = 12;
const DAYS_PER_YEAR = 365.25;
/** Kernel weights below this are treated as 0 (their rows are skipped). */
const MIN_WEIGHT = 1e-4;

/** One ridge per season (or a single global one when `bandwidthDays` is 0). */
export interface SeasonalRidgeFit {
  bandwidthDays: number;
  fits: RidgeFit[];
}

/** Sufficient statistics per season, reusable across penalties. */
export interface SeasonalRidgeStats {
  bandwidthDays: number;
  stats: RidgeStats[];
}

/** Season (0 … 11) of a 1-based day of the year. */
export function seasonOf(dayOfYear: number): number {
  return Math.min(SEASON_BINS - 1, Math.floor(((dayOfYear - 1) * SEASON_BINS) / DAYS_PER_YEAR));
}

/** Kernel weight of each row for the season `season` (rows far from it in the year get 0). */
export function seasonWeights(
  daysOfYear: ArrayLike<number>,
  season: number,
  bandwidthDays: number,
): Float64Array {
  const centre = ((season + 0.5) * DAYS_PER_YEAR) / SEASON_BINS;
  const out = new Float64Array(daysOfYear.length);
  for (let r = 0; r < daysOfYear.length; r++) {
    const apart = Math.abs(daysOfYear[r]! - 1 - centre) % DAYS_PER_YEAR;
    const distance = Math.min(apart, DAYS_PER_YEAR - apart);
    const w = Math.exp(-0.5 * (distance / bandwidthDays) ** 2);
    out[r] = w >= MIN_WEIGHT ? w : 0;
  }
  return out;
}

/**
 * Statistics of `design` against `targets` (`rows × k`) for every season at `bandwidthDays`;
 * `rowWeights` (default 1) multiply the kernel weights (0 leaves a row out, e.g. a held-out fold).
 */
export function seasonalRidgeStats(
  design: Design,
  targets: Float64Array,
  k: number,
  daysOfYear: ArrayLike<number>,
  bandwidthDays: number,
  rowWeights?: Float64Array,
): SeasonalRidgeStats {
  if (daysOfYear.length !== design.rows) {
    throw new ModelError(
      `seasonal ridge has ${daysOfYear.length} days of year for ${design.rows} rows (expected one per row)`,
    );
  }
  const global = (): RidgeStats => ridgeStats(design, targets, k, rowWeights);
  if (bandwidthDays === 0) return { bandwidthDays, stats: [global()] };
  const stats: RidgeStats[] = [];
  let fallback: RidgeStats | undefined;
  for (let s = 0; s < SEASON_BINS; s++) {
    const weights = seasonWeights(daysOfYear, s, bandwidthDays);
    let total = 0;
    for (let r = 0; r < weights.length; r++) {
      weights[r]! *= rowWeights ? rowWeights[r]! : 1;
      total += weights[r]!;
    }
    // a season seen on fewer (weighted) rows than there are features falls back to the global fit
    stats.push(
      total >= design.cols ? ridgeStats(design, targets, k, weights) : (fallback ??= global()),
    );
  }
  return { bandwidthDays, stats };
}

/** True when every season fell back to the global statistics (the fit equals one global ridge). */
export function isGlobalOnly(stats: SeasonalRidgeStats): boolean {
  return stats.stats.every((s) => s === stats.stats[0]);
}

/** Solves every season's ridge at penalty `lambda`. */
export function solveSeasonalRidge(stats: SeasonalRidgeStats, lambda: number): SeasonalRidgeFit {
  // seasons that fell back to the global statistics share one solve
  const solved = new Map<RidgeStats, RidgeFit>();
  const solve = (s: RidgeStats): RidgeFit => {
    const fit = solved.get(s) ?? solveRidge(s, lambda);
    solved.set(s, fit);
    return fit;
  };
  return { bandwidthDays: stats.bandwidthDays, fits: stats.stats.map(solve) };
}

/** Predictions (`rows × k`), each row by the ridge of its own season. */
export function predictSeasonalRidge(
  fit: SeasonalRidgeFit,
  design: Design,
  daysOfYear: ArrayLike<number>,
): Float64Array {
  const first = fit.fits[0];
  if (!first) throw new ModelError("seasonal ridge has no fits (expected 1 or 12)");
  if (fit.fits.length === 1) return predictRidge(first, design);
  const { cols } = design;
  const k = first.k;
  const out = new Float64Array(design.rows * k);
  const rowsOf: number[][] = Array.from({ length: SEASON_BINS }, () => []);
  for (let r = 0; r < design.rows; r++) rowsOf[seasonOf(daysOfYear[r]!)]!.push(r);
  rowsOf.forEach((rows, s) => {
    if (rows.length === 0) return;
    const sub: Design = { x: new Float64Array(rows.length * cols), rows: rows.length, cols };
    rows.forEach((r, i) => sub.x.set(design.x.subarray(r * cols, (r + 1) * cols), i * cols));
    const predicted = predictRidge(fit.fits[s]!, sub);
    rows.forEach((r, i) => out.set(predicted.subarray(i * k, (i + 1) * k), r * k));
  });
  return out;
}
