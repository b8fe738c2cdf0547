/**
 * The same backtest twice on the same rows: once with the observed temperatures (ex post) and
 * once from load and calendar alone, so a notebook can show what the weather is worth. The rows
 * are the end of the load–weather overlap, so a weather file that stops before the load still
 * gives a comparison, on the period it covers. Without weather it returns the reason only.
 */
import type { Logger } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import { sliceRows } from "../frame.js";
import { dropWeather } from "../etl/transform/drop-weather.js";
import {
  backtest,
  MIN_HISTORY_HOURS,
  type BacktestOptions,
  type BacktestResult,
} from "../ml/backtest.js";
import { EX_POST_LABEL, type BacktestWeather } from "../ml/backtest-weather.js";
import type { ForecastTaskKind } from "../ml/model.js";
import { FORECAST_DEFAULTS } from "../ml/forecast-defaults.js";
import type { ObservedWeather } from "./read-observed-weather.js";
import { recentSplit } from "./recent-split.js";
import { selectPeriod } from "./select-period.js";
import { weatherComparisonRows, type WeatherComparisonRow } from "./weather-comparison-rows.js";

/** Options of compareWeatherBacktests. */
export interface CompareWeatherBacktestsOptions {
  task: ForecastTaskKind;
  /** whole local days at the end of the overlap that are forecast; default 28 */
  testDays?: number;
  /** days at the end of the overlap the backtest uses (training, calibration, test); default all */
  historyDays?: number;
  /** models compared; default ["vanilla-benchmark", "ridge"] */
  models?: readonly string[];
  /** default 42 */
  seed?: number;
  /** IANA zone of the calendar; default "UTC" */
  timeZone?: string;
  /** holiday country; default "US" */
  holidayCountry?: string;
  /**
   * a backtest of the same load without weather (a notebook's main backtest): each of its models
   * is reused instead of run again when it ran on the same rows, split and settings; default none
   */
  withoutWeather?: BacktestResult;
  /** progress lines; default silent */
  logger?: Logger;
}

/** Both backtests and their comparison; only `note` (and `task`) without weather. */
export interface WeatherBacktestComparison {
  task: ForecastTaskKind;
  /** "ex post (observed weather)": the models saw the temperatures later observed */
  evaluation?: typeof EX_POST_LABEL;
  weather?: BacktestWeather;
  /** the rows both backtests ran on, with temperatureC */
  series?: LoadSeries;
  withWeather?: BacktestResult;
  withoutWeather?: BacktestResult;
  /** one per model, most accurate with weather first; [] without weather */
  rows: WeatherComparisonRow[];
  /** models whose no-weather results came from `options.withoutWeather` */
  reused: string[];
  /** why there is no comparison (no weather given) */
  note?: string;
}

/**
 * Returns the backtest of `options.models` with the observed weather of `observed` and without
 * it, on the last `historyDays` of the load–weather overlap, testing its last `testDays`; only a
 * note without weather or when the overlap leaves less than 16 weeks before the test period.
 * Throws InputError on an unknown model name (from `backtest`).
 */
export async function compareWeatherBacktests(
  observed: ObservedWeather,
  options: CompareWeatherBacktestsOptions,
): Promise<WeatherBacktestComparison> {
  const overlap = observed.overlap;
  const weather = observed.weather;
  if (overlap === undefined || weather === undefined)
    return { task: options.task, rows: [], reused: [], note: observed.note ?? "no weather" };
  const timeZone = options.timeZone ?? FORECAST_DEFAULTS.timeZone;
  const series = recentRows(overlap, options.historyDays, timeZone);
  const split = recentSplit(series, { days: options.testDays ?? 28, timeZone });
  const before = series.length - selectPeriod(series, { start: split, timeZone }).length;
  if (before < MIN_HISTORY_HOURS)
    return {
      task: options.task,
      rows: [],
      reused: [],
      note: `Not compared with and without weather: the load–weather overlap (${weather.usedFirstUtc} … ${weather.usedLastUtc}) leaves ${before} hours before the test period from ${split} (expected at least ${MIN_HISTORY_HOURS}, 16 weeks).`,
    };
  const common = {
    task: options.task,
    split,
    seed: options.seed ?? FORECAST_DEFAULTS.seed,
    timeZone,
    holidayCountry: options.holidayCountry ?? FORECAST_DEFAULTS.holidayCountry,
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const models = options.models ?? ["vanilla-benchmark", "ridge"];
  const withWeather = await backtest(series, { ...common, models, weather });
  const { result: withoutWeather, reused } = await withoutWeatherOn(
    series,
    { ...common, models },
    withWeather,
    options.withoutWeather,
  );
  return {
    task: options.task,
    evaluation: EX_POST_LABEL,
    weather,
    series,
    withWeather,
    withoutWeather,
    rows: weatherComparisonRows(withWeather, withoutWeather),
    reused,
  };
}

// The backtest of the same rows without weather: the models of `given` that ran on them are
// reused, the others run on the rows with their weather columns dropped.
async function withoutWeatherOn(
  series: LoadSeries,
  options: BacktestOptions & { models: readonly string[] },
  withWeather: BacktestResult,
  given: BacktestResult | undefined,
): Promise<{ result: BacktestResult; reused: string[] }> {
  const models = options.models;
  const reusable =
    given !== undefined && sameRows(given, withWeather)
      ? given.models.filter((m) => models.includes(m.model))
      : [];
  const missing = models.filter((name) => !reusable.some((m) => m.model === name));
  const ran =
    missing.length === 0
      ? undefined
      : await backtest(dropWeather(series), { ...options, models: missing });
  const byName = [...reusable, ...(ran ? ran.models : [])];
  const result: BacktestResult = {
    ...(ran ?? given!),
    models: models.map((name) => byName.find((m) => m.model === name)!),
  };
  return { result, reused: reusable.map((m) => m.model) };
}

// The last `days` local days of the overlap, from its first hour with a temperature: a slice
// starting inside a long weather gap would leave the backtest without weather.
function recentRows(overlap: LoadSeries, days: number | undefined, timeZone: string): LoadSeries {
  const recent =
    days === undefined
      ? overlap
      : selectPeriod(overlap, { start: recentSplit(overlap, { days, timeZone }), timeZone });
  const temperature = recent.columns.temperatureC as Float64Array;
  let first = 0;
  while (first < recent.length && Number.isNaN(temperature[first]!)) first++;
  return sliceRows(recent, first);
}

// Same load rows, split and settings: the first model's training fingerprint (timestamps and
// loads before the split) and the test period's origins and length.
function sameRows(a: BacktestResult, b: BacktestResult): boolean {
  const x = a.models[0];
  const y = b.models[0];
  if (x === undefined || y === undefined) return false;
  return (
    a.task === b.task &&
    a.splitUtc === b.splitUtc &&
    a.origins === b.origins &&
    a.horizon === b.horizon &&
    a.stepHours === b.stepHours &&
    a.refitEvery === b.refitEvery &&
    a.seed === b.seed &&
    a.timeZone === b.timeZone &&
    a.holidayCountry === b.holidayCountry &&
    x.card.dataSha256 === y.card.dataSha256 &&
    x.card.trainingRange.startUtc === y.card.trainingRange.startUtc &&
    x.forecast.length === y.forecast.length
  );
}
