/**
 * Rolling-origin backtest: origins from the split onwards (local midnights for day-ahead),
 * each forecasting `horizon` hours from data before it; models are refitted on all data before
 * an origin every `refitEvery` origins (0 = fit once at the split). Returns plain data: metrics,
 * timings, model cards and the forecast frame (forecast, intervals, actual) of every model. When
 * the grid has temperature (a `temperatureC` column covering every hour, as `joinBacktestWeather`
 * leaves it), the weather-aware models read it and the result is labelled ex post.
 */
import { InputError } from "../errors.js";
import type { Logger } from "../effects.js";
import { silentLogger } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import { selectBackend, type BackendName } from "./backend.js";
import { localMidnights } from "./features/day-features.js";
import { fitForecaster, type Forecaster } from "./fit-forecaster.js";
import { concatForecastFrames } from "./concat-forecast-frames.js";
import type { ForecastFrame } from "./forecast-frame.js";
import { toHourlyGrid, type HourlyGrid } from "./hourly-grid.js";
import { forecastMetrics, seasonalNaiveScale, type ForecastMetrics } from "./metrics.js";
import type { ForecastTaskKind, ModelCard } from "./model.js";
import { modelsForTask } from "./registry.js";
import { splitRow } from "./split-row.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";
import { EX_POST_LABEL, type BacktestWeather } from "./backtest-weather.js";
import { isWeatherFeature } from "./features/weather-features.js";

/** Hours of history the first origin needs (16 weeks: fit, calibrate, one week of lags). */
export const MIN_HISTORY_HOURS = 24 * 7 * 16;

/** Options of backtest. */
export interface BacktestOptions {
  task: ForecastTaskKind;
  /** first forecast origin: "YYYY-MM-DD" (local midnight in timeZone) or ISO instant */
  split: string;
  /** hours per origin; default 24 (day-ahead) or to the end of the data (long-horizon) */
  horizon?: number;
  /** hours between origins; default 24 (day-ahead; whole days) or the horizon (long-horizon) */
  stepHours?: number;
  /** origins between refits on all earlier data; default 0 (fit once at the split) */
  refitEvery?: number;
  /** model names; default every model that supports the task */
  models?: readonly string[];
  /** default 42 */
  seed?: number;
  /** IANA zone of the calendar; default "UTC" */
  timeZone?: string;
  /** holiday country; default "US" */
  holidayCountry?: string;
  /** per-model options, keyed by model name; default {} */
  modelOptions?: Record<string, Record<string, unknown>>;
  /** hours held out for the intervals; default 8760 */
  calibrationHours?: number;
  /** TensorFlow.js backend; default "auto" */
  backend?: BackendName | "auto";
  /** progress lines (fits, epochs, origins); default silent */
  logger?: Logger;
  /** monotonic milliseconds for timings; default performance.now */
  clock?: () => number;
  /** keep the last fitted model of each model in `forecaster` (caller disposes); default false */
  keepModels?: boolean;
  /** the weather `joinBacktestWeather` joined onto `series`: echoed in the result and named when
   * the history is too short; default none */
  weather?: BacktestWeather;
}

/** One model's backtest. */
export interface ModelBacktest {
  model: string;
  /** true when the model's features include the observed temperatures (ex post) */
  usesWeather: boolean;
  metrics: ForecastMetrics;
  /** total fitting time over all refits (incl. calibration fit), ms */
  fitMs: number;
  predictMs: number;
  fits: number;
  /** card of the last fit */
  card: ModelCard;
  forecast: ForecastFrame;
  /** the last fitted model, only with `keepModels` (call `forecaster.fitted.dispose()` when done) */
  forecaster?: Forecaster;
}

/** A backtest's result: settings echoed, one entry per model. */
export interface BacktestResult {
  task: ForecastTaskKind;
  splitUtc: string;
  horizon: number;
  stepHours: number;
  refitEvery: number;
  origins: number;
  timeZone: string;
  holidayCountry: string;
  seed: number;
  /** TensorFlow.js backend, or "none" when no model used it */
  backend: string;
  /** in-sample seasonal-naive (24 h) MAE of the training rows: the MASE denominator */
  maseScaleMw: number;
  /** "ex post (observed weather)" when the grid had temperature; absent without weather */
  evaluation?: typeof EX_POST_LABEL;
  /** the weather used and the load period it covers (`options.weather`) */
  weather?: BacktestWeather;
  models: ModelBacktest[];
}

/** Returns the rolling-origin backtest of every requested model on `series`. */
export async function backtest(
  series: LoadSeries,
  options: BacktestOptions,
): Promise<BacktestResult> {
  const logger = options.logger ?? silentLogger();
  const clock = options.clock ?? (() => performance.now());
  const models = modelsForTask(options.task, options.models);
  const grid = toHourlyGrid(series, {
    timeZone: options.timeZone ?? FORECAST_DEFAULTS.timeZone,
    holidayCountry: options.holidayCountry ?? FORECAST_DEFAULTS.holidayCountry,
  });
  const temperature = grid.temperatureC;
  if (series.columns.temperatureC !== undefined && temperature === undefined) {
    logger.warn(
      "temperatureC does not cover every load hour: the models run without weather (cut the series to the overlap with joinBacktestWeather)",
    );
  }
  const split = splitRow(grid, options.split);
  checkHistory(split, options.split, options.weather);
  const plan = originPlan(grid, split, options);
  const backend = models.some((m) => m.usesTensorflow)
    ? await selectBackend({ prefer: options.backend ?? FORECAST_DEFAULTS.backend, logger })
    : "none";
  const results: ModelBacktest[] = [];
  for (const model of models) {
    results.push(await runModel(model, grid, plan, options, logger, clock));
  }
  return {
    task: options.task,
    splitUtc: new Date(grid.timeUtcMs[split]!).toISOString(),
    horizon: plan.horizon,
    stepHours: plan.stepHours,
    refitEvery: plan.refitEvery,
    origins: plan.origins.length,
    timeZone: grid.timeZone,
    holidayCountry: grid.holidayCountry,
    seed: options.seed ?? FORECAST_DEFAULTS.seed,
    backend,
    maseScaleMw: plan.maseScale,
    ...(temperature ? { evaluation: EX_POST_LABEL } : {}),
    ...(options.weather ? { weather: options.weather } : {}),
    models: results,
  };
}

interface OriginPlan {
  origins: Int32Array;
  horizon: number;
  stepHours: number;
  refitEvery: number;
  maseScale: number;
}

function originPlan(grid: HourlyGrid, split: number, options: BacktestOptions): OriginPlan {
  const dayAhead = options.task === "day-ahead";
  const horizon =
    options.horizon ?? (dayAhead ? FORECAST_DEFAULTS.horizonHours : grid.length - split);
  const stepHours = options.stepHours ?? (dayAhead ? 24 : horizon);
  checkPositive("horizon", horizon);
  checkPositive("stepHours", stepHours);
  if (dayAhead && stepHours % 24 !== 0) {
    throw new InputError(
      `invalid stepHours for day-ahead: ${stepHours} (expected a multiple of 24)`,
    );
  }
  const candidates = dayAhead
    ? localMidnights(grid, split)
    : rangeRows(split, grid.length, stepHours);
  const every = dayAhead ? stepHours / 24 : 1;
  const origins = candidates.filter((o, k) => k % every === 0 && o + horizon <= grid.length);
  if (origins.length === 0) {
    throw new InputError(
      `too little data after the split for the horizon: ${grid.length - split} hours (expected at least ${horizon}${dayAhead ? " from a local midnight" : ""})`,
    );
  }
  const refitEvery = options.refitEvery ?? FORECAST_DEFAULTS.refitEvery;
  if (!Number.isInteger(refitEvery) || refitEvery < 0) {
    throw new InputError(
      `invalid refitEvery: ${refitEvery} (expected a whole number of origins, 0 = never)`,
    );
  }
  const maseScale = seasonalNaiveScale(grid.loadMw.subarray(0, split), 24);
  return { origins, horizon, stepHours, refitEvery, maseScale };
}

async function runModel(
  model: ReturnType<typeof modelsForTask>[number],
  grid: HourlyGrid,
  plan: OriginPlan,
  options: BacktestOptions,
  logger: Logger,
  clock: () => number,
): Promise<ModelBacktest> {
  const blocks = refitBlocks(plan.origins, plan.refitEvery);
  const frames: ForecastFrame[] = [];
  let fitMs = 0;
  let predictMs = 0;
  let card: ModelCard | undefined;
  let kept: Forecaster | undefined;
  for (const [b, block] of blocks.entries()) {
    logger.info(`${model.name}: fit ${b + 1}/${blocks.length} on ${block[0]} hours`);
    const fitStart = clock();
    const forecaster = await fitForecaster(model, grid, {
      task: options.task,
      end: block[0]!,
      horizon: plan.horizon,
      seed: options.seed ?? FORECAST_DEFAULTS.seed,
      modelOptions: options.modelOptions?.[model.name] ?? {},
      logger,
      clock,
      ...(options.calibrationHours === undefined
        ? {}
        : { calibrationHours: options.calibrationHours }),
    });
    fitMs += clock() - fitStart;
    const predictStart = clock();
    frames.push(forecaster.forecast(grid, block, plan.horizon));
    predictMs += clock() - predictStart;
    card = forecaster.card;
    kept?.fitted.dispose();
    kept = forecaster;
    logger.info(
      `${model.name}: origins done ${frames.reduce((s, f) => s + f.length, 0) / plan.horizon}/${plan.origins.length}`,
    );
  }
  const forecast = concatForecastFrames(frames);
  const c = forecast.columns;
  const metrics = forecastMetrics(c.actualMw, c.forecastMw, {
    maseScale: plan.maseScale,
    intervals: {
      lower80: c.lower80Mw,
      upper80: c.upper80Mw,
      lower95: c.lower95Mw,
      upper95: c.upper95Mw,
    },
  });
  const result: ModelBacktest = {
    model: model.name,
    usesWeather: card!.features.some(isWeatherFeature),
    metrics,
    fitMs,
    predictMs,
    fits: blocks.length,
    card: card!,
    forecast,
  };
  if (options.keepModels && kept) result.forecaster = kept;
  else kept?.fitted.dispose();
  return result;
}

function refitBlocks(origins: Int32Array, refitEvery: number): Int32Array[] {
  if (refitEvery === 0) return [origins];
  const blocks: Int32Array[] = [];
  for (let k = 0; k < origins.length; k += refitEvery)
    blocks.push(origins.subarray(k, k + refitEvery));
  return blocks;
}

function rangeRows(from: number, to: number, step: number): Int32Array {
  const out: number[] = [];
  for (let i = from; i < to; i += step) out.push(i);
  return Int32Array.from(out);
}

function checkHistory(split: number, text: string, weather: BacktestWeather | undefined): void {
  if (split < MIN_HISTORY_HOURS) {
    // the weather may be what is short: say which rows were left
    const note = weather?.note;
    throw new InputError(
      `too little history before the split: ${split} hours before ${text} (expected at least ${MIN_HISTORY_HOURS}, 16 weeks${note ? `; ${note}` : ""})`,
    );
  }
}

function checkPositive(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(`invalid ${name}: ${value} (expected a positive whole number of hours)`);
  }
}
