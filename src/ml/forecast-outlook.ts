/**
 * A forecast beyond the end of the data for readers of a report: a long-horizon model fitted on
 * the whole series (intervals calibrated on its last year) predicts the next hours, returned with
 * the most recent actuals so a chart shows where the outlook starts from.
 */
import type { LoadSeries } from "../frame.js";
import { InputError } from "../errors.js";
import { dropWeather } from "../etl/transform/drop-weather.js";
import { fitForecaster } from "./fit-forecaster.js";
import { forecastAhead } from "./forecast-ahead.js";
import { toHourlyGrid } from "./hourly-grid.js";
import type { ModelCard } from "./model.js";
import { getModel } from "./registry.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";

/** Options of forecastOutlook. */
export interface ForecastOutlookOptions {
  /** IANA zone of the calendar features; default "UTC" */
  timeZone?: string;
  /** holiday country (ISO, optionally "US-NY"); default "US" */
  holidayCountry?: string;
  /** hours forecast after the last row; default 336 (two weeks) */
  horizonHours?: number;
  /** hours of actuals returned before the outlook; default 336 */
  historyHours?: number;
  /** a model that supports the long-horizon task; default "ridge" */
  model?: string;
  /** default 42 */
  seed?: number;
}

/** Recent actuals followed by the outlook: forecast and 80 % band are NaN over the actuals. */
export interface ForecastOutlook {
  model: string;
  /** nominal coverage of [lowerMw, upperMw] */
  level: number;
  timeUtcMs: Float64Array;
  actualMw: Float64Array;
  forecastMw: Float64Array;
  lowerMw: Float64Array;
  upperMw: Float64Array;
  /** UTC start of the first forecast hour */
  startUtcMs: number;
  card: ModelCard;
}

/**
 * Returns the next `horizonHours` of load after `series` with 80 % intervals, plus recent actuals;
 * from load and calendar only (weather columns of `series` are ignored: the future's is unknown).
 */
export async function forecastOutlook(
  series: LoadSeries,
  options: ForecastOutlookOptions = {},
): Promise<ForecastOutlook> {
  const horizon = options.horizonHours ?? 336;
  const historyHours = options.historyHours ?? 336;
  if (
    !Number.isInteger(horizon) ||
    horizon < 1 ||
    !Number.isInteger(historyHours) ||
    historyHours < 0
  ) {
    throw new InputError(
      `invalid outlook length: ${horizon} h ahead, ${historyHours} h history (expected whole hours, ahead ≥ 1)`,
    );
  }
  const gridOptions = {
    timeZone: options.timeZone ?? FORECAST_DEFAULTS.timeZone,
    holidayCountry: options.holidayCountry ?? FORECAST_DEFAULTS.holidayCountry,
  };
  // calendar only: a weather-aware fit would need temperatures past the end of the data
  const load = dropWeather(series);
  const grid = toHourlyGrid(load, gridOptions);
  const model = getModel(options.model ?? "ridge");
  const forecaster = await fitForecaster(model, grid, {
    task: "long-horizon",
    end: grid.length,
    seed: options.seed ?? FORECAST_DEFAULTS.seed,
  });
  const ahead = forecastAhead(forecaster, load, { horizon }).columns;
  const shown = Math.min(historyHours, grid.length);
  const n = shown + horizon;
  const out = {
    timeUtcMs: new Float64Array(n),
    actualMw: new Float64Array(n).fill(Number.NaN),
    forecastMw: new Float64Array(n).fill(Number.NaN),
    lowerMw: new Float64Array(n).fill(Number.NaN),
    upperMw: new Float64Array(n).fill(Number.NaN),
  };
  for (let i = 0; i < shown; i++) {
    const g = grid.length - shown + i;
    out.timeUtcMs[i] = grid.timeUtcMs[g]!;
    out.actualMw[i] = grid.loadMw[g]!;
  }
  for (let k = 0; k < horizon; k++) {
    out.timeUtcMs[shown + k] = ahead.timeUtcMs[k]!;
    out.forecastMw[shown + k] = ahead.forecastMw[k]!;
    out.lowerMw[shown + k] = ahead.lower80Mw[k]!;
    out.upperMw[shown + k] = ahead.upper80Mw[k]!;
  }
  forecaster.fitted.dispose();
  return {
    model: model.name,
    level: 0.8,
    ...out,
    startUtcMs: ahead.timeUtcMs[0]!,
    card: forecaster.card,
  };
}
