/**
 * One call from a load CSV to a backtest of a standard task: reads the file with the ETL reader
 * (local time zone, hour-ending, duplicates merged) and runs `backtest` on the clean series.
 */
import { readLoadSeries } from "../etl/read-load-series.js";
import type { QualityReport } from "../etl/validate/quality-report.js";
import { backtest, type BacktestOptions, type BacktestResult } from "./backtest.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";

/** Options of runForecastTask: the reader's plus the backtest's. */
export interface RunForecastTaskOptions extends Omit<BacktestOptions, "timeZone"> {
  /** IANA zone of the file's local stamps and of the calendar features; default "UTC" */
  tz?: string;
  /** stamps mark the END of each hour (PJM files); default false */
  hourEnding?: boolean;
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
  const timeZone = options.tz ?? FORECAST_DEFAULTS.timeZone;
  const { series, quality } = await readLoadSeries(input, {
    tz: timeZone,
    hourEnding: options.hourEnding,
  });
  const result = await backtest(series, { ...options, timeZone });
  return { input, quality, ...result };
}
