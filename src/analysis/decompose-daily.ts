/**
 * Additive decomposition of daily load into trend-cycle, weekly seasonal component and residual.
 * With `passes: 1` it is the classical decomposition (trend = centred moving average over one
 * period, seasonal = mean detrended value of each position in the cycle, centred to sum to zero).
 * The robust default takes the median per position instead of the mean.
 * The default is robust, in the spirit of STL's robustness weights: after each pass the most
 * extreme day of each window (robust z beyond `robustZ`) is left out of the moving average of the
 * deseasonalised series, as are missing days, so one holiday or outage no longer drags the trend
 * and residuals of its neighbours.
 */
import { InputError } from "../errors.js";
import type { DailyLoad } from "./daily-load.js";
import { isoDate } from "./local-calendar.js";
import { median } from "./stats.js";

/** Options of decomposeDaily. */
export interface DecomposeDailyOptions {
  /** cycle length in days; default 7 (the week) */
  period?: number;
  /** which daily column to decompose; default "meanMw" */
  value?: "meanMw" | "peakMw" | "energyMwh";
  /** passes; 1 = classical, more = robust to extreme days; default 3 */
  passes?: number;
  /** robust z beyond which a day is left out of the trend in later passes; default 3.5 */
  robustZ?: number;
}

/** Components per day, in the units of the chosen column; trend and residual are NaN in the first and last half period and where too many days are missing. */
export interface DailyDecomposition {
  date: string[];
  observed: Float64Array;
  trend: Float64Array;
  seasonal: Float64Array;
  residual: Float64Array;
  period: number;
  /** share of variance of (observed − trend) explained by the seasonal component, 0-1 */
  seasonalStrength: number;
  /** days left out of the trend in the last pass (extreme or missing) */
  excluded: number;
}

/** Returns the (robust) additive decomposition of a daily column; missing days become NaN. */
export function decomposeDaily(
  daily: DailyLoad,
  options: DecomposeDailyOptions = {},
): DailyDecomposition {
  const period = options.period ?? 7;
  const passes = options.passes ?? 3;
  const { date, observed } = consecutiveDays(daily, options.value ?? "meanMw");
  const n = observed.length;
  if (!Number.isInteger(period) || period < 2)
    throw new InputError(`invalid period: ${period} (expected an integer ≥ 2)`);
  if (n < 2 * period)
    throw new InputError(`too few days to decompose: ${n} (expected at least ${2 * period})`);
  let seasonal: Float64Array = new Float64Array(n);
  let trend = centredMovingAverage(observed, period);
  const use = Uint8Array.from(observed, (v) => (Number.isFinite(v) ? 1 : 0));
  for (let pass = 1; ; pass++) {
    seasonal = seasonalComponent(observed, trend, use, period, passes > 1);
    if (pass >= passes) break;
    markExtremes(observed, trend, seasonal, use, options.robustZ ?? 3.5, period);
    trend = robustTrend(observed, seasonal, use, period);
  }
  const residual = Float64Array.from(observed, (v, i) => v - trend[i]! - seasonal[i]!);
  const excluded = use.reduce((s, u) => s + (u ? 0 : 1), 0);
  return {
    date,
    observed,
    trend,
    seasonal,
    residual,
    period,
    seasonalStrength: strength(seasonal, residual),
    excluded,
  };
}

/** Returns the centred moving average of `values` over `period` (2×period MA when even); NaN at edges. */
export function centredMovingAverage(values: ArrayLike<number>, period: number): Float64Array {
  const all = new Uint8Array(values.length).fill(1);
  return windowMean(values, new Float64Array(values.length), all, period, 1);
}

/** Mean of (values − seasonal) over the centred window, using only days with use = 1; NaN below `minShare` of the weight. */
function windowMean(
  values: ArrayLike<number>,
  seasonal: Float64Array,
  use: Uint8Array,
  period: number,
  minShare: number,
): Float64Array {
  const n = values.length;
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  const out = new Float64Array(n).fill(NaN);
  for (let i = half; i < n - half; i++) {
    let sum = 0;
    let weight = 0;
    for (let k = -half; k <= half; k++) {
      const j = i + k;
      if (!use[j] || !Number.isFinite(values[j]!)) continue;
      const w = even && Math.abs(k) === half ? 0.5 : 1;
      sum += w * (values[j]! - seasonal[j]!);
      weight += w;
    }
    if (weight >= minShare * period - 1e-9) out[i] = sum / weight;
  }
  return out;
}

function robustTrend(
  observed: Float64Array,
  seasonal: Float64Array,
  use: Uint8Array,
  period: number,
): Float64Array {
  return windowMean(observed, seasonal, use, period, 0.7);
}

/** Mean (classical) or median (robust) detrended value per cycle position, centred to sum to zero. */
function seasonalComponent(
  observed: Float64Array,
  trend: Float64Array,
  use: Uint8Array,
  period: number,
  robust: boolean,
): Float64Array {
  const byPosition = Array.from({ length: period }, () => [] as number[]);
  for (let i = 0; i < observed.length; i++) {
    const d = observed[i]! - trend[i]!;
    if (use[i] && Number.isFinite(d)) byPosition[i % period]!.push(d);
  }
  const level = byPosition.map((values) =>
    values.length === 0
      ? 0
      : robust
        ? median(values)
        : values.reduce((a, b) => a + b, 0) / values.length,
  );
  const centre = level.reduce((a, b) => a + b, 0) / period;
  return Float64Array.from(observed, (_, i) => level[i % period]! - centre);
}

function markExtremes(
  observed: Float64Array,
  trend: Float64Array,
  seasonal: Float64Array,
  use: Uint8Array,
  z: number,
  period: number,
): void {
  const residual = Float64Array.from(observed, (v, i) => v - trend[i]! - seasonal[i]!);
  const centre = median(residual);
  const mad = median(Array.from(residual, (r) => Math.abs(r - centre)));
  // A MAD at rounding-noise level (an exact fit) would turn float noise into "extremes".
  const scale = median(Array.from(observed, Math.abs));
  if (!(mad > 1e-9 * scale)) return;
  for (let i = 0; i < observed.length; i++) {
    const extreme =
      Math.abs((0.6745 * (residual[i]! - centre)) / mad) >= z && isWindowMax(residual, i, period);
    if (!Number.isFinite(observed[i]!) || extreme) use[i] = 0;
  }
}

/** True when |r[i]| is the largest finite |r| within ± period/2 days (a spike, not its echo). */
function isWindowMax(r: Float64Array, i: number, period: number): boolean {
  const half = Math.floor(period / 2);
  for (let j = Math.max(0, i - half); j <= Math.min(r.length - 1, i + half); j++) {
    if (Math.abs(r[j]!) > Math.abs(r[i]!)) return false;
  }
  return true;
}

function consecutiveDays(
  daily: DailyLoad,
  column: "meanMw" | "peakMw" | "energyMwh",
): { date: string[]; observed: Float64Array } {
  const n = daily.length;
  if (n === 0) return { date: [], observed: new Float64Array(0) };
  const first = daily.dayNumber[0]!;
  const span = daily.dayNumber[n - 1]! - first + 1;
  const observed = new Float64Array(span).fill(NaN);
  const date = Array.from({ length: span }, (_, k) => isoDate(first + k));
  for (let k = 0; k < n; k++) observed[daily.dayNumber[k]! - first] = daily[column][k]!;
  return { date, observed };
}

function strength(seasonal: Float64Array, residual: Float64Array): number {
  const variance = (a: number[]): number => {
    const m = a.reduce((s, v) => s + v, 0) / a.length;
    return a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length;
  };
  const r: number[] = [];
  const sr: number[] = [];
  for (let i = 0; i < residual.length; i++) {
    if (Number.isFinite(residual[i]!)) {
      r.push(residual[i]!);
      sr.push(seasonal[i]! + residual[i]!);
    }
  }
  return Math.max(0, 1 - variance(r) / variance(sr));
}
