/**
 * Forecasting ahead with a weather forecast: the weather (files, URLs or several stations, read,
 * cleaned and joined as for a backtest) gives, by UTC hour, the temperatures of the forecast hours
 * and of the history that the lagged temperature features read. Gaps up to the weather's
 * `maxFillHours` (6 h by default) are interpolated by the ETL; any other hour the model needs
 * without a temperature is an error, never a value carried forward.
 */
import { silentLogger, type Logger } from "../effects.js";
import { InputError } from "../errors.js";
import { createFrame, numberColumn, sliceRows, type Frame, type LoadSeries } from "../frame.js";
import { joinWeather } from "../etl/transform/join-weather.js";
import {
  attachWeather,
  type AttachWeatherOptions,
  type AttachWeatherResult,
} from "../etl/weather/attach-weather.js";
import type { WeatherConfig, WeatherSpec } from "../etl/weather/weather-config.js";
import type { WeatherReport } from "../etl/weather/weather-report.js";
import { _stationsUsed, type WeatherStationUsed } from "./backtest-weather.js";
import { DAY_AHEAD_HISTORY } from "./features/day-ahead-features.js";
import { modelUsesWeather } from "./features/weather-features.js";
import type { Forecaster } from "./fit-forecaster.js";
import { _checkHorizon, forecastAhead } from "./forecast-ahead.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";
import type { ForecastFrame } from "./forecast-frame.js";
import type { ModelCard } from "./model.js";

const HOUR_MS = 3_600_000;

/**
 * Hours before the forecast whose temperatures the weather features read (trailing 72 h means, the
 * previous local day, the last 24 hours): each of them needs a temperature.
 */
export const WEATHER_LOOKBACK_HOURS = 72;

/**
 * Returns how many hours before the forecast a weather forecast must cover for the model of `card`:
 * the 72 its temperature features read, or, for a day-ahead model, the 336 hours of history it
 * reads (the history is cut to where the weather starts).
 */
export function weatherHoursBefore(card: Pick<ModelCard, "task">): number {
  return card.task === "day-ahead"
    ? Math.max(DAY_AHEAD_HISTORY, WEATHER_LOOKBACK_HOURS)
    : WEATHER_LOOKBACK_HOURS;
}

/** The weather a forecast used. */
export interface ForecastWeather {
  /** "with weather forecast from <station names>" */
  label: string;
  /** how the stations were combined: single station, mean or weighted mean */
  combine: WeatherReport["combine"];
  stations: WeatherStationUsed[];
  /** first and last forecast hour (ISO UTC interval starts) */
  forecastFirstUtc: string;
  forecastLastUtc: string;
  forecastHours: number;
  /** forecast hours whose temperature the ETL interpolated (gaps up to `maxFillHours`) */
  forecastHoursInterpolated: number;
  /** hours before the forecast that all had a temperature (WEATHER_LOOKBACK_HOURS) */
  lookbackHours: number;
  /** first history row the model read: the first with a temperature */
  historyFirstUtc: string;
  /** history rows left out because the weather starts after them */
  rowsOutsideWeather: number;
  /** set when history rows were left out */
  note?: string;
  /** the full weather quality report */
  quality: WeatherReport;
}

/** Options of forecastAheadWithWeather: the weather reader's, plus the horizon and a logger. */
export interface ForecastAheadWithWeatherOptions extends AttachWeatherOptions {
  /** hours after the last row; default 24 */
  horizon?: number;
  /** receives the note when history rows are left out; default silent */
  logger?: Logger;
}

/** The forecast, the temperatures it read for the forecast hours, and the weather used. */
export interface ForecastWithWeather {
  forecast: ForecastFrame;
  /** °C of each forecast hour */
  temperatureC: Float64Array;
  weather: ForecastWeather;
}

/**
 * Returns the forecast of a weather-fitted model for the `horizon` hours after `series`, with the
 * temperatures of `spec` (as in `readWeatherSeries`: a weather forecast that also covers at least
 * the 72 hours before the forecast). History rows before the weather starts are left out, as in a
 * backtest. Throws InputError for a model fitted without weather or a missing hour.
 */
export async function forecastAheadWithWeather(
  forecaster: Forecaster,
  series: LoadSeries,
  spec: WeatherSpec | WeatherConfig,
  options: ForecastAheadWithWeatherOptions = {},
): Promise<ForecastWithWeather> {
  const { horizon = FORECAST_DEFAULTS.horizonHours, logger, ...attach } = options;
  const card = forecaster.card;
  if (!modelUsesWeather(card)) {
    throw new InputError(
      `model ${card.model} was fitted without weather: a weather forecast was given (expected a model fitted with observed temperatures, or no weather)`,
    );
  }
  _checkHorizon(horizon, card);
  if (series.length === 0) {
    throw new InputError("load series empty: 0 rows (expected the history before the forecast)");
  }
  const attached = await attachWeather(series, spec, { ...attach, hoursAfter: horizon });
  const used = _forecastWeatherOf(attached, card, horizon, logger);
  const forecast = forecastAhead(forecaster, used.series, {
    horizon,
    temperatureC: used.temperatureC,
  });
  return { forecast, temperatureC: used.temperatureC, weather: used.weather };
}

/**
 * `forecastAheadWithWeather` after `attachWeather` (with `hoursAfter: horizon`): the history cut
 * to where the weather starts, the forecast hours' temperatures and the weather used.
 */
export function _forecastWeatherOf<S extends LoadSeries>(
  attached: AttachWeatherResult<S>,
  card: ModelCard,
  horizon: number,
  logger: Logger = silentLogger(),
): { series: S; temperatureC: Float64Array; weather: ForecastWeather } {
  const { series, weather, overlap } = attached;
  const t = series.columns.timeUtcMs;
  const last = t[t.length - 1]!;
  const report = weather.report;
  const hours = hourlyTemperatures(attached, last, horizon);
  const covers = `the weather covers ${report.firstUtc} … ${report.lastUtc}; gaps up to ${weather.config.maxFillHours} h are interpolated`;
  requireEvery(
    hours,
    [WEATHER_LOOKBACK_HOURS, horizon],
    "forecast hours without temperature",
    `a weather forecast for every forecast hour; ${covers}`,
  );
  requireEvery(
    hours,
    [0, WEATHER_LOOKBACK_HOURS],
    "hours before the forecast without temperature",
    `the weather to cover the ${WEATHER_LOOKBACK_HOURS} hours before the forecast too, which the model's lagged temperature features read; ${covers}`,
  );
  const used = sliceRows(series, overlap.rowsBefore);
  const first = used.columns.timeUtcMs[0]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const historyHours = Math.round((last - first) / HOUR_MS) + 1;
  const needed = weatherHoursBefore(card);
  if (overlap.rowsBefore > 0 && historyHours < needed) {
    throw new InputError(
      `history with temperature too short for ${card.task} model ${card.model}: ${historyHours} hours from ${iso(first)} (expected the weather to cover at least the ${needed} hours before the forecast, from ${iso(last - (needed - 1) * HOUR_MS)})`,
    );
  }
  const forecastC = hours.temperatureC.slice(WEATHER_LOOKBACK_HOURS);
  const result: ForecastWeather = {
    label: `with weather forecast from ${report.stations.map((s) => s.name).join(", ")}`,
    combine: report.combine,
    stations: _stationsUsed(report),
    forecastFirstUtc: iso(last + HOUR_MS),
    forecastLastUtc: iso(last + horizon * HOUR_MS),
    forecastHours: horizon,
    forecastHoursInterpolated: count(hours.filled.subarray(WEATHER_LOOKBACK_HOURS)),
    lookbackHours: WEATHER_LOOKBACK_HOURS,
    historyFirstUtc: iso(first),
    rowsOutsideWeather: overlap.rowsBefore,
    quality: report,
  };
  if (overlap.rowsBefore > 0) {
    result.note = `the weather starts at ${iso(first)}, after the history's ${iso(t[0]!)}: the forecast reads the history from there (${overlap.rowsBefore} load rows left out)`;
    logger.warn(result.note);
  }
  return { series: used, temperatureC: forecastC, weather: result };
}

interface HourTemperatures {
  timeUtcMs: Float64Array;
  temperatureC: Float64Array;
  filled: Uint8Array;
}

// The lookback hours up to `last`, then the forecast hours, joined by UTC hour like the history.
function hourlyTemperatures(
  attached: AttachWeatherResult<LoadSeries>,
  last: number,
  horizon: number,
): HourTemperatures {
  const timeUtcMs = new Float64Array(WEATHER_LOOKBACK_HOURS + horizon);
  for (let k = 0; k < timeUtcMs.length; k++) {
    timeUtcMs[k] = last + (k + 1 - WEATHER_LOOKBACK_HOURS) * HOUR_MS;
  }
  const stamps: Frame = createFrame({ timeUtcMs });
  const joined = joinWeather(stamps, attached.weather.frame).frame;
  const filled = joined.columns.temperatureFilled;
  return {
    timeUtcMs,
    temperatureC: numberColumn(joined, "temperatureC"),
    filled: filled instanceof Uint8Array ? filled : new Uint8Array(timeUtcMs.length),
  };
}

// Throws InputError naming how many of hours [from, from + n) have no temperature, and the first.
function requireEvery(
  hours: HourTemperatures,
  [from, n]: [number, number],
  subject: string,
  expected: string,
): void {
  let missing = 0;
  let first = -1;
  for (let k = from; k < from + n; k++) {
    if (Number.isFinite(hours.temperatureC[k]!)) continue;
    if (first < 0) first = k;
    missing++;
  }
  if (missing === 0) return;
  throw new InputError(
    `${subject}: ${missing} of ${n}, the first at ${new Date(hours.timeUtcMs[first]!).toISOString()} (expected ${expected})`,
  );
}

function count(flags: Uint8Array): number {
  let n = 0;
  for (const f of flags) n += f;
  return n;
}
