/**
 * Forecast accuracy metrics, defined once: MAE, RMSE, MAPE, sMAPE, MASE, pinball loss and
 * interval coverage. Pairs whose actual or forecast is NaN are skipped everywhere.
 */
import { InputError } from "../errors.js";

/** Interval bounds at the two nominal levels every PowerFlow forecast carries. */
export interface IntervalBounds {
  lower80: ArrayLike<number>;
  upper80: ArrayLike<number>;
  lower95: ArrayLike<number>;
  upper95: ArrayLike<number>;
}

/** Every accuracy metric of one forecast; MW, % or unitless as named; NaN when undefined. */
export interface ForecastMetrics {
  n: number;
  maeMw: number;
  rmseMw: number;
  mapePct: number;
  smapePct: number;
  /** MAE divided by the in-sample seasonal-naive MAE (NaN without a scale) */
  mase: number;
  /** mean pinball loss over the quantiles 0.025, 0.1, 0.9, 0.975 of the interval bounds, MW */
  pinballMw: number;
  /** share of actuals inside the 80 % / 95 % intervals, 0-1 */
  coverage80: number;
  coverage95: number;
  /** mean interval widths, MW */
  width80Mw: number;
  width95Mw: number;
}

/** Options of forecastMetrics. */
export interface ForecastMetricsOptions {
  /** MASE denominator (e.g. from seasonalNaiveScale); default NaN (MASE undefined) */
  maseScale?: number;
  /** interval bounds; default none (pinball and coverage NaN) */
  intervals?: IntervalBounds;
}

/** Returns every metric of `forecast` against `actual`. */
export function forecastMetrics(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  options: ForecastMetricsOptions = {},
): ForecastMetrics {
  checkLengths(actual, forecast);
  const bounds = options.intervals;
  const mae = meanAbsoluteError(actual, forecast);
  return {
    n: pairs(actual, forecast).length,
    maeMw: mae,
    rmseMw: rootMeanSquaredError(actual, forecast),
    mapePct: meanAbsolutePercentageError(actual, forecast),
    smapePct: symmetricMape(actual, forecast),
    mase: mae / (options.maseScale ?? NaN),
    pinballMw: bounds ? intervalPinball(actual, bounds) : NaN,
    coverage80: bounds ? intervalCoverage(actual, bounds.lower80, bounds.upper80) : NaN,
    coverage95: bounds ? intervalCoverage(actual, bounds.lower95, bounds.upper95) : NaN,
    width80Mw: bounds ? meanWidth(actual, bounds.lower80, bounds.upper80) : NaN,
    width95Mw: bounds ? meanWidth(actual, bounds.lower95, bounds.upper95) : NaN,
  };
}

/** Mean |actual − forecast|. */
export function meanAbsoluteError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  return mean(pairs(actual, forecast).map(([y, f]) => Math.abs(y - f)));
}

/** √ mean (actual − forecast)². */
export function rootMeanSquaredError(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
): number {
  return Math.sqrt(mean(pairs(actual, forecast).map(([y, f]) => (y - f) ** 2)));
}

/** 100 · mean |actual − forecast| / |actual|, over actuals ≠ 0. */
export function meanAbsolutePercentageError(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
): number {
  const kept = pairs(actual, forecast).filter(([y]) => y !== 0);
  return 100 * mean(kept.map(([y, f]) => Math.abs(y - f) / Math.abs(y)));
}

/** 100 · mean 2|actual − forecast| / (|actual| + |forecast|); 0/0 counts as 0. */
export function symmetricMape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  return (
    100 *
    mean(
      pairs(actual, forecast).map(([y, f]) => {
        const denominator = Math.abs(y) + Math.abs(f);
        return denominator === 0 ? 0 : (2 * Math.abs(y - f)) / denominator;
      }),
    )
  );
}

/** In-sample MAE of the seasonal naive forecast y[t − period]: the MASE denominator. */
export function seasonalNaiveScale(history: ArrayLike<number>, period = 24): number {
  const errors: number[] = [];
  for (let t = period; t < history.length; t++) {
    const d = history[t]! - history[t - period]!;
    if (Number.isFinite(d)) errors.push(Math.abs(d));
  }
  return mean(errors);
}

/** Mean pinball (quantile) loss of `quantile` forecasts at level `q` in (0, 1). */
export function pinballLoss(
  actual: ArrayLike<number>,
  quantile: ArrayLike<number>,
  q: number,
): number {
  if (!(q > 0 && q < 1)) throw new InputError(`invalid quantile level: ${q} (expected 0 < q < 1)`);
  return mean(pairs(actual, quantile).map(([y, p]) => Math.max(q * (y - p), (q - 1) * (y - p))));
}

/** Share of actuals with lower ≤ actual ≤ upper. */
export function intervalCoverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  let inside = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (!Number.isFinite(y) || !Number.isFinite(lower[i]!) || !Number.isFinite(upper[i]!)) continue;
    n++;
    if (y >= lower[i]! && y <= upper[i]!) inside++;
  }
  return n === 0 ? NaN : inside / n;
}

function intervalPinball(actual: ArrayLike<number>, b: IntervalBounds): number {
  return (
    (pinballLoss(actual, b.lower95, 0.025) +
      pinballLoss(actual, b.lower80, 0.1) +
      pinballLoss(actual, b.upper80, 0.9) +
      pinballLoss(actual, b.upper95, 0.975)) /
    4
  );
}

function meanWidth(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  const widths: number[] = [];
  for (let i = 0; i < actual.length; i++) {
    const w = upper[i]! - lower[i]!;
    if (Number.isFinite(actual[i]!) && Number.isFinite(w)) widths.push(w);
  }
  return mean(widths);
}

function pairs(actual: ArrayLike<number>, forecast: ArrayLike<number>): [number, number][] {
  checkLengths(actual, forecast);
  const out: [number, number][] = [];
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const f = forecast[i]!;
    if (Number.isFinite(y) && Number.isFinite(f)) out.push([y, f]);
  }
  return out;
}

function checkLengths(actual: ArrayLike<number>, forecast: ArrayLike<number>): void {
  if (actual.length !== forecast.length) {
    throw new InputError(
      `metric inputs differ in length: ${forecast.length} forecasts (expected ${actual.length}, one per actual)`,
    );
  }
}

function mean(values: number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
