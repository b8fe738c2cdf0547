/**
 * Stacking weight of a correction added to a base forecast: forecast = base + w · correction,
 * with w picked from a short grid by the loss on rows the correction was not trained on. A weight
 * of 0 switches off a correction that does not help there.
 */

/** The weights tried, from "ignore the correction" to "take it whole". */
export const STACKING_WEIGHTS: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/** Options of stackingLosses. */
export interface StackingLossOptions {
  /** the forecast without the correction; default 0 */
  base?: ArrayLike<number>;
  /** errors are divided by this (one per row, or one for all), e.g. each origin's level; default 1 */
  divisor?: ArrayLike<number> | number;
}

/**
 * Mean loss, for each weight in STACKING_WEIGHTS, of (target − base − w · correction) / divisor:
 * absolute or squared. Rows with a non-finite target are skipped; no rows gives all zeros.
 */
export function stackingLosses(
  target: ArrayLike<number>,
  correction: ArrayLike<number>,
  loss: "absolute" | "squared",
  options: StackingLossOptions = {},
): number[] {
  const { base, divisor = 1 } = options;
  return STACKING_WEIGHTS.map((w) => {
    let total = 0;
    let rows = 0;
    for (let k = 0; k < target.length; k++) {
      const y = target[k]!;
      if (!Number.isFinite(y)) continue;
      const d = typeof divisor === "number" ? divisor : divisor[k]!;
      const e = (y - (base ? base[k]! : 0) - w * correction[k]!) / d;
      total += loss === "squared" ? e * e : Math.abs(e);
      rows++;
    }
    return rows > 0 ? total / rows : 0;
  });
}

/** The weight with the lowest of `losses` (one per STACKING_WEIGHTS entry); ties keep the smaller. */
export function lowestLossWeight(losses: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < STACKING_WEIGHTS.length; i++) if (losses[i]! < losses[best]!) best = i;
  return STACKING_WEIGHTS[best]!;
}
