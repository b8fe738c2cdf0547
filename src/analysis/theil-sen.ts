/**
 * Theil–Sen robust line fit: the median of all pairwise slopes, with Sen's distribution-free
 * confidence interval for the slope (the rank bounds scipy.stats.theilslopes uses).
 */
import { InputError } from "../errors.js";
import { median, normalQuantile } from "./stats.js";

/** Options of theilSen. */
export interface TheilSenOptions {
  /** confidence level of the slope interval, 0-1; default 0.95 */
  confidence?: number;
}

/** A robust line y = intercept + slope·x with a confidence interval for the slope. */
export interface TheilSenFit {
  slope: number;
  /** median(y) − slope · median(x) */
  intercept: number;
  lowerSlope: number;
  upperSlope: number;
  confidence: number;
  /** pairs of points used */
  n: number;
}

/** Returns the Theil–Sen slope, intercept and Sen's confidence interval of y against x (finite pairs only). */
export function theilSen(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: TheilSenOptions = {},
): TheilSenFit {
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) {
    throw new InputError(`invalid confidence: ${confidence} (expected a number between 0 and 1)`);
  }
  if (x.length !== y.length)
    throw new InputError(`x and y length mismatch: ${x.length} vs ${y.length} (expected equal)`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      xs.push(x[i]!);
      ys.push(y[i]!);
    }
  }
  const n = xs.length;
  if (n < 3) throw new InputError(`too few points for a trend: ${n} (expected at least 3)`);
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (xs[j]! !== xs[i]!) slopes.push((ys[j]! - ys[i]!) / (xs[j]! - xs[i]!));
    }
  }
  const sorted = Float64Array.from(slopes).sort();
  const slope = median(sorted);
  const z = normalQuantile((1 + confidence) / 2);
  const sigma = Math.sqrt(kendallVariance(n, tieGroups(xs), tieGroups(ys)));
  const nt = sorted.length;
  const upperIndex = Math.min(Math.round((nt + z * sigma) / 2), nt - 1);
  const lowerIndex = Math.max(Math.round((nt - z * sigma) / 2) - 1, 0);
  return {
    slope,
    intercept: median(ys) - slope * median(xs),
    lowerSlope: sorted[lowerIndex]!,
    upperSlope: sorted[upperIndex]!,
    confidence,
    n,
  };
}

/** Returns the variance of Kendall's S for n points with the given tie group sizes in x and y. */
export function kendallVariance(n: number, xTies: number[] = [], yTies: number[] = []): number {
  const term = (t: number): number => t * (t - 1) * (2 * t + 5);
  let v = term(n);
  for (const t of xTies) v -= term(t);
  for (const t of yTies) v -= term(t);
  return v / 18;
}

/** Returns the sizes (> 1) of groups of equal values. */
export function tieGroups(values: ArrayLike<number>): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i]!, (counts.get(values[i]!) ?? 0) + 1);
  return [...counts.values()].filter((c) => c > 1);
}
