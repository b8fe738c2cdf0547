/**
 * One call from a load CSV to a backtest of a standard task: reads the file with the ETL reader
 * (local time zone, hour-ending, duplicates merged), joins observed weather when asked (the grid
 * then has `temperatureC`; the load is cut to the weather's overlap) and runs `backtest`.
 */
import { readLoadSeries } from "../etl/read-load-series.js";
import type { QualityReport } from "../etl/validate/quality-report.js";
import type { AttachWeatherOptions } from "../etl/weather/attach-weather.js";
import type { WeatherConfig, WeatherSpec } from "../etl/weather/weather-config.js";
import { backtest, type BacktestOptions, type BacktestResult } from "./backtest.js";
import { EX_POST_LABEL, joinBacktestWeather, type BacktestWeather } from "./backtest-weather.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";

/** Options of runForecastTask: the reader's plus the backtest's. */
export interface RunForecastTaskOptions extends Omit<BacktestOptions, "timeZone"> {
  /** IANA zone of the file's local stamps and of the calendar features; default "UTC" */
  tz?: string;
  /** stamps mark the END of each hour (PJM files); default false */
  hourEnding?: boolean;
  /** observed weather to join (see `readWeatherSeries`): a path, URL, list or mapping; default none */
  weather?: WeatherSpec | WeatherConfig;
  /** how to read it: column, unit (default C), tz (default UTC), format, http; default {} */
  weatherOptions?: AttachWeatherOptions;
}

/** A task run: the backtest plus the input's quality report (and the weather, when joined). */
export interface ForecastTaskResult extends BacktestResult {
  input: string;
  quality: QualityReport;
  /** "ex post (observed weather)" when weather was joined */
  evaluation?: typeof EX_POST_LABEL;
  /** the weather used and the load period it covers */
  weather?: BacktestWeather;
}

/** Returns the backtest of `options.task` on the load CSV at `input`. */
export async function runForecastTask(
  input: string,
  options: RunForecastTaskOptions,
): Promise<ForecastTaskResult> {
  const timeZone = options.tz ?? FORECAST_DEFAULTS.timeZone;
  const read = await readLoadSeries(input, {
    tz: timeZone,
    hourEnding: options.hourEnding,
  });
  let series = read.series;
  let weather: BacktestWeather | undefined;
  if (options.weather !== undefined) {
    const joined = await joinBacktestWeather(series, options.weather, {
      ...options.weatherOptions,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    series = joined.series;
    weather = joined.weather;
  }
  const result = await backtest(series, { ...options, timeZone });
  if (!weather) return { input, quality: read.quality, ...result };
  return { input, quality: read.quality, evaluation: EX_POST_LABEL, weather, ...result };
}
