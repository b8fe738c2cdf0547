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
import { joinBacktestWeather } from "./backtest-weather.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";

/** Options of runForecastTask: the reader's plus the backtest's. */
export interface RunForecastTaskOptions extends Omit<BacktestOptions, "timeZone" | "weather"> {
  /** IANA zone of the file's local stamps and of the calendar features; default "UTC" */
  tz?: string;
  /** stamps mark the END of each hour (PJM files); default false */
  hourEnding?: boolean;
  /** observed weather to join (see `readWeatherSeries`): a path, URL, list or mapping; default none */
  weather?: WeatherSpec | WeatherConfig;
  /** how to read it: column, unit (default C), tz (default UTC), format, http; default {} */
  weatherOptions?: AttachWeatherOptions;
}

/**
 * A task run: the backtest plus the input's quality report; with weather, `evaluation` is
 * "ex post (observed weather)" and `weather` the weather used and the load period it covers.
 */
export interface ForecastTaskResult extends BacktestResult {
  input: string;
  quality: QualityReport;
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
  const { weather: spec, weatherOptions, ...rest } = options;
  if (spec === undefined) {
    return {
      input,
      quality: read.quality,
      ...(await backtest(read.series, { ...rest, timeZone })),
    };
  }
  const { series, weather } = await joinBacktestWeather(read.series, spec, {
    ...weatherOptions,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const result = await backtest(series, { ...rest, timeZone, weather });
  return { input, quality: read.quality, ...result };
}
