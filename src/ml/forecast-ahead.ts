/** Forecasts beyond the end of a series with a fitted (or loaded) model. */
import { InputError } from "../errors.js";
import type { LoadSeries } from "../frame.js";
import type { Forecaster } from "./fit-forecaster.js";
import type { ForecastFrame } from "./forecast-frame.js";
import { toHourlyGrid } from "./hourly-grid.js";
import { DAY_AHEAD_HISTORY } from "./features/day-ahead-features.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";
import { modelUsesWeather } from "./features/weather-features.js";
import type { HourlyGrid } from "./hourly-grid.js";
import type { ModelCard } from "./model.js";

/** Options of forecastAhead. */
export interface ForecastAheadOptions {
  /** hours after the last row; default 24 */
  horizon?: number;
  /**
   * °C for each forecast hour (e.g. a weather forecast); required by, and only read for, a model
   * fitted with observed temperatures (its series then needs a `temperatureC` column too)
   */
  temperatureC?: ArrayLike<number>;
}

/**
 * Returns the forecast for the `horizon` hours after the last row of `series` (calendar and
 * holidays from the model card). Day-ahead models need the series to end just before a local
 * midnight and at most their fitted horizon.
 */
export function forecastAhead(
  forecaster: Forecaster,
  series: LoadSeries,
  options: ForecastAheadOptions = {},
): ForecastFrame {
  const horizon = options.horizon ?? FORECAST_DEFAULTS.horizonHours;
  const card = forecaster.card;
  _checkHorizon(horizon, card);
  const grid = toHourlyGrid(series, {
    timeZone: card.timeZone,
    holidayCountry: card.holidayCountry,
    extendHours: horizon,
  });
  const origin = grid.length - horizon;
  if (card.task === "day-ahead") {
    if (origin < DAY_AHEAD_HISTORY) {
      throw new InputError(
        `too little history for day-ahead model: ${origin} hours (expected at least ${DAY_AHEAD_HISTORY})`,
      );
    }
    if (grid.calendar.hour[origin] !== 0) {
      throw new InputError(
        `day-ahead model needs data ending at a local midnight: next hour starts ${new Date(grid.timeUtcMs[origin]!).toISOString()} (expected 00:00 ${card.timeZone})`,
      );
    }
  }
  if (modelUsesWeather(card)) {
    setForecastTemperatures(grid, origin, horizon, card.model, options.temperatureC);
  }
  return forecaster.forecast(grid, Int32Array.of(origin), horizon);
}

/** Throws InputError unless `horizon` is a whole number of hours the model can forecast. */
export function _checkHorizon(horizon: number, card: ModelCard): void {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new InputError(`invalid horizon: ${horizon} (expected a positive whole number of hours)`);
  }
  if (card.task === "day-ahead" && horizon > card.horizon) {
    throw new InputError(
      `horizon too long for day-ahead model ${card.model}: ${horizon} (expected at most ${card.horizon})`,
    );
  }
}

// A weather model forecasts with the temperatures it is given, never with guessed ones.
function setForecastTemperatures(
  grid: HourlyGrid,
  origin: number,
  horizon: number,
  model: string,
  temperatures: ArrayLike<number> | undefined,
): void {
  const fitted = `model ${model} was fitted with observed temperatures`;
  if (!grid.temperatureC) {
    throw new InputError(
      `${fitted}: the series needs a temperatureC column with a value for every hour of its history (expected the weather joined as for the fit)`,
    );
  }
  if (temperatures === undefined) {
    throw new InputError(
      `${fitted}: forecasting ahead needs the temperature of each of the ${horizon} forecast hours (expected option temperatureC in °C, e.g. a weather forecast)`,
    );
  }
  if (temperatures.length !== horizon) {
    throw new InputError(
      `${fitted}: ${temperatures.length} forecast temperatures for ${horizon} hours (expected one per forecast hour)`,
    );
  }
  for (let k = 0; k < horizon; k++) {
    const t = temperatures[k]!;
    if (!Number.isFinite(t)) {
      throw new InputError(`forecast temperature ${k + 1} of ${horizon} is ${t} (expected °C)`);
    }
    grid.temperatureC[origin + k] = t;
  }
}
