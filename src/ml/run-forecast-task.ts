/**
 * One call from a load CSV to a backtest of a standard task: reads the file with the ETL reader
 * (local time zone, hour-ending, duplicates merged), joins observed weather when given, and runs
 * `backtest` on the clean series.
 */
import { joinWeather } from "../etl/transform/join-weather.js";
import { readLoadSeries } from "../etl/read-load-series.js";
import type { QualityReport } from "../etl/validate/quality-report.js";
import { createFrame, type LoadSeries } from "../frame.js";
import { backtest, type BacktestOptions, type BacktestResult } from "./backtest.js";

/** Observed hourly temperatures to join onto the load by UTC stamp. */
export interface ForecastTaskWeather {
  /** UTC interval starts, ms */
  timeUtcMs: Float64Array;
  /** °C, NaN where missing */
  temperatureC: Float64Array;
  /** names the weather in the result (file, station, column, unit conversion) */
  label: string;
}

/** Options of runForecastTask: the reader's plus the backtest's. */
export interface RunForecastTaskOptions extends Omit<BacktestOptions, "timeZone"> {
  /** IANA zone of the file's local stamps and of the calendar features; default "UTC" */
  tz?: string;
  /** stamps mark the END of each hour (PJM files); default false */
  hourEnding?: boolean;
  /** observed weather; the backtest then runs on the overlap of load and weather; default none */
  weather?: ForecastTaskWeather;
}

/** A task run: the backtest plus the input's quality report. */
export interface ForecastTaskResult extends BacktestResult {
  input: string;
  quality: QualityReport;
}

/** Returns the backtest of `options.task` on the load CSV at `input`. */
export async function runForecastTask(
  input: string,
  options: RunForecastTaskOptions,
): Promise<ForecastTaskResult> {
  const timeZone = options.tz ?? "UTC";
  const { series, quality } = await readLoadSeries(input, {
    tz: timeZone,
    hourEnding: options.hourEnding ?? false,
    duplicates: "mean",
  });
  const { weather, ...rest } = options;
  const joined = weather ? withWeather(series, weather) : series;
  const result = await backtest(joined, {
    ...rest,
    timeZone,
    ...(weather ? { weatherSource: weather.label } : {}),
  });
  return { input, quality, ...result };
}

function withWeather(series: LoadSeries, weather: ForecastTaskWeather): LoadSeries {
  const frame = createFrame({ timeUtcMs: weather.timeUtcMs, temperatureC: weather.temperatureC });
  const { frame: joined } = joinWeather(series, frame);
  return {
    length: series.length,
    columns: { ...series.columns, temperatureC: joined.columns.temperatureC as Float64Array },
  };
}
