/**
 * Temperature sensitivity of daily load: a change-point (piecewise linear) regression
 *   load = base + heating · max(Th − T, 0) + cooling · max(T − Tc, 0)
 * fitted by least squares over a grid of heating and cooling balance points Th ≤ Tc.
 */
import { InputError } from "../errors.js";
import type { DailyLoad } from "./daily-load.js";
import { quantileSorted, sortedFinite } from "./stats.js";

/** Options of temperatureSensitivity. */
export interface TemperatureSensitivityOptions {
  /** balance-point grid step, °C; default 0.5 */
  stepC?: number;
  /** fit on Monday–Friday only, so weekend dips do not blur the slopes; default true */
  workingDaysOnly?: boolean;
  /** days with less than this coverage are left out; default 0.9 */
  minCoverage?: number;
}

/** The fitted change-point model; MW, °C and MW per °C. */
export interface TemperatureSensitivity {
  /** below this daily mean temperature load rises as it gets colder */
  heatingBalanceC: number;
  /** above this daily mean temperature load rises as it gets warmer */
  coolingBalanceC: number;
  /** load between the balance points */
  baseMw: number;
  /** extra MW per °C colder than heatingBalanceC (positive when heating drives load up) */
  heatingMwPerC: number;
  /** extra MW per °C warmer than coolingBalanceC */
  coolingMwPerC: number;
  r2: number;
  /** days used */
  n: number;
  /** the days used, for scatter plots */
  temperatureC: number[];
  loadMw: number[];
  date: string[];
}

/** Returns the best change-point regression of daily mean load on daily mean temperature. */
export function temperatureSensitivity(
  daily: DailyLoad,
  options: TemperatureSensitivityOptions = {},
): TemperatureSensitivity {
  const step = options.stepC ?? 0.5;
  const minCoverage = options.minCoverage ?? 0.9;
  const workingOnly = options.workingDaysOnly ?? true;
  const t: number[] = [];
  const y: number[] = [];
  const date: string[] = [];
  for (let k = 0; k < daily.length; k++) {
    const w = daily.weekday[k]!;
    if (workingOnly && (w === 0 || w === 6)) continue;
    if (!(daily.coverage[k]! >= minCoverage)) continue;
    if (!Number.isFinite(daily.temperatureC[k]!) || !Number.isFinite(daily.meanMw[k]!)) continue;
    t.push(daily.temperatureC[k]!);
    y.push(daily.meanMw[k]!);
    date.push(daily.date[k]!);
  }
  if (t.length < 30) {
    throw new InputError(
      `too few days with temperature: ${t.length} (expected at least 30; does the series have a temperatureC column?)`,
    );
  }
  const sorted = sortedFinite(t);
  const lo = Math.ceil(quantileSorted(sorted, 0.05) / step) * step;
  const hi = Math.floor(quantileSorted(sorted, 0.95) / step) * step;
  let best: Fit | undefined;
  for (let th = lo; th <= hi + 1e-9; th += step) {
    for (let tc = th; tc <= hi + 1e-9; tc += step) {
      const fit = fitHinges(t, y, th, tc);
      if (fit && (!best || fit.sse < best.sse)) best = fit;
    }
  }
  if (!best)
    throw new InputError(
      "temperature range too narrow for a change-point fit (expected a spread of daily temperatures)",
    );
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const sst = y.reduce((a, v) => a + (v - mean) ** 2, 0);
  return {
    heatingBalanceC: best.th,
    coolingBalanceC: best.tc,
    baseMw: best.beta[0],
    heatingMwPerC: best.beta[1],
    coolingMwPerC: best.beta[2],
    r2: 1 - best.sse / sst,
    n: t.length,
    temperatureC: t,
    loadMw: y,
    date,
  };
}

/** Returns the load the fitted model predicts at `temperatureC`, MW. */
export function predictTemperatureLoad(
  model: TemperatureSensitivity,
  temperatureC: number,
): number {
  return (
    model.baseMw +
    model.heatingMwPerC * Math.max(model.heatingBalanceC - temperatureC, 0) +
    model.coolingMwPerC * Math.max(temperatureC - model.coolingBalanceC, 0)
  );
}

interface Fit {
  th: number;
  tc: number;
  beta: [number, number, number];
  sse: number;
}

function fitHinges(t: number[], y: number[], th: number, tc: number): Fit | undefined {
  const xtx = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const xty = [0, 0, 0];
  for (let i = 0; i < t.length; i++) {
    const row = [1, Math.max(th - t[i]!, 0), Math.max(t[i]! - tc, 0)];
    for (let a = 0; a < 3; a++) {
      xty[a]! += row[a]! * y[i]!;
      for (let b = 0; b < 3; b++) xtx[a * 3 + b]! += row[a]! * row[b]!;
    }
  }
  const beta = solve3(xtx, xty);
  if (!beta) return undefined;
  let sse = 0;
  for (let i = 0; i < t.length; i++) {
    const f = beta[0] + beta[1] * Math.max(th - t[i]!, 0) + beta[2] * Math.max(t[i]! - tc, 0);
    sse += (y[i]! - f) ** 2;
  }
  return { th: Math.round(th * 1e6) / 1e6, tc: Math.round(tc * 1e6) / 1e6, beta, sse };
}

function solve3(m: number[], v: number[]): [number, number, number] | undefined {
  const det = (a: number[]): number =>
    a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) -
    a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) +
    a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9 * Math.max(1, Math.abs(m[0]! * m[4]! * m[8]!))) return undefined;
  const col = (k: number): number[] =>
    m.map((x, idx) => (idx % 3 === k ? v[Math.floor(idx / 3)]! : x));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}
