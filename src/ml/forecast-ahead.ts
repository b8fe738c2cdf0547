/** Forecasts beyond the end of a series with a fitted (or loaded) model. */
import { InputError } from "../errors.js";
import type { LoadSeries } from "../frame.js";
import type { Forecaster } from "./fit-forecaster.js";
import type { ForecastFrame } from "./forecast-frame.js";
import { toHourlyGrid } from "./hourly-grid.js";
import { DAY_AHEAD_HISTORY } from "./features/day-ahead-features.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";

/** Options of forecastAhead. */
export interface ForecastAheadOptions {
  /** hours after the last row; default 24 */
  horizon?: number;
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
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new InputError(`invalid horizon: ${horizon} (expected a positive whole number of hours)`);
  }
  if (card.task === "day-ahead" && horizon > card.horizon) {
    throw new InputError(
      `horizon too long for day-ahead model ${card.model}: ${horizon} (expected at most ${card.horizon})`,
    );
  }
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
  return forecaster.forecast(grid, Int32Array.of(origin), horizon);
}
