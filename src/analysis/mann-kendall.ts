/**
 * The Mann–Kendall test for a monotonic trend in an ordered series: Kendall's S, its tie-corrected
 * variance, the continuity-corrected Z score and the two-sided p-value (normal approximation).
 */
import { InputError } from "../errors.js";
import { normalCdf } from "./stats.js";
import { kendallVariance, tieGroups } from "./theil-sen.js";

/** Result of mannKendall. */
export interface MannKendallResult {
  /** Σ sign(y[j] − y[i]) over i < j */
  s: number;
  variance: number;
  z: number;
  /** two-sided */
  pValue: number;
  /** Kendall's tau-a: S ÷ (n(n−1)/2) */
  tau: number;
  n: number;
  trend: "increasing" | "decreasing" | "none";
}

/** Options of mannKendall. */
export interface MannKendallOptions {
  /** significance level deciding `trend`; default 0.05 */
  alpha?: number;
}

/** Returns the Mann–Kendall trend test of the finite values of `y`, in order. */
export function mannKendall(
  y: ArrayLike<number>,
  options: MannKendallOptions = {},
): MannKendallResult {
  const alpha = options.alpha ?? 0.05;
  const values: number[] = [];
  for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i]!)) values.push(y[i]!);
  const n = values.length;
  if (n < 3) throw new InputError(`too few points for a trend test: ${n} (expected at least 3)`);
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  }
  const variance = kendallVariance(n, [], tieGroups(values));
  const z = s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  return {
    s,
    variance,
    z,
    pValue,
    tau: s / ((n * (n - 1)) / 2),
    n,
    trend: pValue < alpha ? (s > 0 ? "increasing" : "decreasing") : "none",
  };
}
