/**
 * Shared pieces of the per-model tests: a small synthetic hourly grid, a fit context, origins,
 * the same grid with the future changed, and a save/restore round trip through JSON.
 */
import { silentLogger } from "../../../src/effects.js";
import { createLoadSeries } from "../../../src/frame.js";
import { toHourlyGrid, type HourlyGrid } from "../../../src/ml/hourly-grid.js";
import type {
  FitContext,
  FittedPointModel,
  ForecastTaskKind,
  Model,
  ModelCard,
} from "../../../src/ml/model.js";
import { syntheticSeries } from "../synthetic-series.js";

const TIME_ZONE = "America/New_York";

/** Days of the standard case. */
export const DAYS = 150;

/**
 * The standard case: `DAYS` days of load, fitted on the rows before the first local midnight
 * after day 120 (`end`), forecast from ten daily origins from there.
 */
export function standardCase(): { grid: HourlyGrid; end: number; origins: Int32Array } {
  const grid = gridOf(DAYS);
  const end = midnightAtOrAfter(grid, 120 * 24);
  return { grid, end, origins: originsFrom(end, 10) };
}

/**
 * `days` of synthetic hourly load from 2021-01-01 local midnight on an hourly grid, with the
 * generated temperature when `temperature` is set.
 */
export function gridOf(
  days: number,
  options: { seed?: number; temperature?: boolean } = {},
): HourlyGrid {
  return toHourlyGrid(syntheticSeries(days, options), { timeZone: TIME_ZONE });
}

/**
 * The same grid with every load from `fromRow` on changed (scaled by 1.5 plus a ripple): a model
 * that reads only rows before its origins forecasts the same on both.
 */
export function futureChanged(
  days: number,
  fromRow: number,
  options: { temperature?: boolean } = {},
): HourlyGrid {
  const series = syntheticSeries(days, options);
  const load = Float64Array.from(series.columns.loadMw, (v, i) =>
    i >= fromRow ? v * 1.5 + 300 * Math.sin(i) : v,
  );
  const temperature = series.columns.temperatureC;
  const extra: Record<string, Float64Array> =
    temperature instanceof Float64Array ? { temperatureC: temperature } : {};
  return toHourlyGrid(createLoadSeries(series.columns.timeUtcMs, load, extra), {
    timeZone: TIME_ZONE,
  });
}

/**
 * The synthetic grid with temperature, every temperature from `fromRow` on replaced by 35 °C minus
 * itself: an ex post model forecasts a local day before `fromRow` the same on both.
 */
export function temperaturesChanged(days: number, fromRow: number): HourlyGrid {
  const series = syntheticSeries(days, { temperature: true });
  const temperature = series.columns.temperatureC as Float64Array;
  const changed = temperature.map((t, i) => (i >= fromRow ? 35 - t : t));
  return toHourlyGrid(
    createLoadSeries(series.columns.timeUtcMs, series.columns.loadMw, { temperatureC: changed }),
    { timeZone: TIME_ZONE },
  );
}

/** A temperature with daily and yearly cycles and a slow irregular wiggle at hour `i`, °C. */
export function wiggleTemperature(i: number): number {
  return (
    12 -
    10 * Math.cos((2 * Math.PI * i) / (24 * 365)) +
    5 * Math.sin((2 * Math.PI * (i - 9)) / 24) +
    3 * Math.sin(i / 37)
  );
}

/**
 * `hours` of hourly load `load(i, t)` from `startUtcMs` on a UTC-calendar grid, `t` the generated
 * `temperature(i)` (°C), which the grid carries when `withTemperature` is set: a known response
 * for recovery tests.
 */
export function functionGrid(options: {
  startUtcMs: number;
  hours: number;
  temperature: (i: number) => number;
  load: (i: number, t: number) => number;
  withTemperature: boolean;
}): HourlyGrid {
  const { startUtcMs, hours, temperature, load, withTemperature } = options;
  const times = Float64Array.from({ length: hours }, (_, i) => startUtcMs + i * 3_600_000);
  const temps = Float64Array.from({ length: hours }, (_, i) => temperature(i));
  const loads = Float64Array.from(temps, (t, i) => load(i, t));
  return toHourlyGrid(
    createLoadSeries(times, loads, withTemperature ? { temperatureC: temps } : {}),
  );
}

/** A fit context on rows [0, end) for `task` (day-ahead: 24 steps), seed 7. */
export function contextOf(
  task: ForecastTaskKind,
  end: number,
  extra: Partial<FitContext> = {},
): FitContext {
  return {
    task,
    end,
    horizon: 24,
    seed: 7,
    logger: silentLogger(),
    options: {},
    ...extra,
  };
}

/** `count` origins from row `first`, one day apart (local midnights when `first` is one). */
export function originsFrom(first: number, count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, k) => first + 24 * k);
}

/** Local midnight rows of `grid` at or after `row`. */
export function midnightAtOrAfter(grid: HourlyGrid, row: number): number {
  let r = row;
  while (grid.calendar.hour[r] !== 0) r += 1;
  return r;
}

/**
 * Fits `model` on `grid` and returns its forecasts from `origins` on `forecastGrid` (default the
 * same grid), then frees it.
 */
export async function fitAndForecast(
  model: Model,
  grid: HourlyGrid,
  context: FitContext,
  origins: Int32Array,
  horizon = 24,
  forecastGrid = grid,
): Promise<Float64Array> {
  const fitted = await model.fit(grid, context);
  try {
    return fitted.predict(forecastGrid, origins, horizon);
  } finally {
    fitted.dispose();
  }
}

/** Restores `fitted` from its exported state after a trip through JSON text (as saveModel does). */
export async function roundTrip(model: Model, fitted: FittedPointModel): Promise<FittedPointModel> {
  const state = await fitted.exportState();
  const json = JSON.parse(JSON.stringify(state.json)) as unknown;
  return model.restore(
    state.weights ? { json, weights: state.weights.slice() } : { json },
    {} as ModelCard,
  );
}

/** Mean absolute percentage error of `forecast` against the grid's load from `origins`. */
export function mapeOf(
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
  forecast: Float64Array,
): number {
  let sum = 0;
  for (let k = 0; k < forecast.length; k++) {
    const actual = grid.loadMw[origins[Math.floor(k / horizon)]! + (k % horizon)]!;
    sum += Math.abs(forecast[k]! - actual) / actual;
  }
  return (100 * sum) / forecast.length;
}

/** MAPE of the flat forecast at the mean load of rows [0, end): the bar every model must clear. */
export function flatMape(
  grid: HourlyGrid,
  end: number,
  origins: Int32Array,
  horizon: number,
): number {
  let mean = 0;
  for (let i = 0; i < end; i++) mean += grid.loadMw[i]! / end;
  return mapeOf(grid, origins, horizon, new Float64Array(origins.length * horizon).fill(mean));
}
