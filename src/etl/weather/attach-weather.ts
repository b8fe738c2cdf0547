/**
 * Reads weather for a load series and joins it: the weather is put on the load's hourly grid
 * (same phase), its period follows the load's (for `{year}` inputs and Open-Meteo dates), and the
 * result says where the two overlap.
 */
import type { LoadSeries } from "../../frame.js";
import { sliceRows } from "../../frame.js";
import { joinWeather, type WeatherOverlap } from "../transform/join-weather.js";
import {
  readWeatherSeries,
  type ReadWeatherSeriesOptions,
  type WeatherSeries,
} from "./read-weather-series.js";
import type { WeatherConfig, WeatherSpec } from "./weather-config.js";

const HOUR_MS = 3_600_000;

/** Options of `attachWeather`: the reader's, plus the load's interval. */
export interface AttachWeatherOptions extends Omit<
  ReadWeatherSeriesOptions,
  "range" | "gridPhaseMs"
> {
  /** the load's interval in ms; default 3,600,000 */
  intervalMs?: number;
  /** hours after the load's last interval to read weather for too (a forecast's); default 0 */
  hoursAfter?: number;
}

/** The series with temperature, the weather read, and the overlap. */
export interface AttachWeatherResult<S extends LoadSeries> {
  /** `series` plus temperatureC (°C), temperatureFilled, heatingDegreeHours, coolingDegreeHours */
  series: S;
  weather: WeatherSeries;
  overlap: WeatherOverlap;
}

/**
 * Returns `series` with the temperature of `spec` (see `readWeatherSeries`) joined by UTC stamp,
 * degree-hours with the spec's bases (default 18 / 22 °C), and the overlap of load and weather.
 */
export async function attachWeather<S extends LoadSeries>(
  series: S,
  spec: WeatherSpec | WeatherConfig,
  options: AttachWeatherOptions = {},
): Promise<AttachWeatherResult<S>> {
  const t = series.columns.timeUtcMs;
  const intervalMs = options.intervalMs ?? HOUR_MS;
  const after = (options.hoursAfter ?? 0) * HOUR_MS;
  const range =
    t.length === 0
      ? undefined
      : { startUtcMs: t[0]!, endUtcMs: t[t.length - 1]! + intervalMs + after };
  const weather = await readWeatherSeries(spec, {
    ...options,
    ...(range ? { range } : {}),
    gridPhaseMs: t.length === 0 ? 0 : ((t[0]! % HOUR_MS) + HOUR_MS) % HOUR_MS,
  });
  const joined = joinWeather(series, weather.frame, {
    heatingBaseC: weather.config.heatingBaseC,
    coolingBaseC: weather.config.coolingBaseC,
    intervalMs,
  });
  return { series: joined.frame, weather, overlap: joined.overlap };
}

/** Returns the rows of `series` from its first to its last interval with a temperature. */
export function sliceToOverlap<S extends LoadSeries>(series: S, overlap: WeatherOverlap): S {
  return sliceRows(series, overlap.rowsBefore, series.length - overlap.rowsAfter);
}
