/**
 * A notebook's `weather` parameter turned into observed temperatures on its load: read with the
 * ETL's weather readers (any CSV, ISD-Lite, Meteostat or Open-Meteo, with column, unit and zone
 * settings as `--weather-column`, `--weather-unit` and `--weather-tz` give them), joined by UTC
 * hour, and cut to the overlap for backtests. An empty `weather` means "no weather": the load is
 * returned unchanged with a note, so notebooks show the note instead of branching.
 */
import type { Effects, Logger } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import { attachWeather, type AttachWeatherResult } from "../etl/weather/attach-weather.js";
import { _backtestWeatherOf, type BacktestWeather } from "../ml/backtest-weather.js";

/** Options of readObservedWeather. */
export interface ReadObservedWeatherOptions {
  /** temperature column of a CSV; default "" (the only numeric column, or the one named like a temperature (temp*, t2m, tmp, tas, tair)) */
  column?: string;
  /** unit of a CSV's values: "C", "F" or "K"; default "C" */
  unit?: string;
  /** IANA zone of a CSV's stamps without a UTC offset; default "UTC" */
  tz?: string;
  /** isd-lite, meteostat, open-meteo or csv; default "" (detected from URL, name, then content) */
  format?: string;
  /** receives the overlap warning; default silent */
  logger?: Logger;
  /** file and network access; default the real ones */
  effects?: Effects;
}

/** The load with its observed weather, or the load alone and why. */
export interface ObservedWeather {
  /** the load with `temperatureC` (°C; NaN where the weather has none), or unchanged without weather */
  series: LoadSeries;
  /** the load from its first to its last hour with a temperature (backtests use it); absent without weather */
  overlap?: LoadSeries;
  /** the weather used: stations, conversion, zone, overlap, quality; absent without weather */
  weather?: BacktestWeather;
  /** the one-line note notebooks show instead of their weather sections; absent with weather */
  note?: string;
}

/** The note shown when a notebook's `weather` parameter is empty. */
export const NO_WEATHER_NOTE =
  'No weather given (`weather = ""`): the sections that use the observed temperature are not shown.';

/**
 * Returns `series` with the observed temperature of `weather` (a path, glob or URL; "" = none)
 * joined, the overlap for backtests and the weather used; when the weather does not overlap the
 * load, the load unchanged and a note naming both periods. Throws InputError on a bad setting,
 * ValidationError on unreadable weather data, SourceError on a failed download.
 */
export async function readObservedWeather(
  series: LoadSeries,
  weather: string,
  options: ReadObservedWeatherOptions = {},
): Promise<ObservedWeather> {
  if (weather.trim() === "") return { series, note: NO_WEATHER_NOTE };
  const spec: Record<string, unknown> = {
    input: weather,
    unit: options.unit ?? "C",
    tz: options.tz ?? "UTC",
  };
  if (options.column) spec.column = options.column;
  if (options.format) spec.format = options.format;
  const attached = await attachWeather(
    series,
    spec,
    options.effects ? { effects: options.effects } : {},
  );
  if (attached.overlap.rowsWithTemperature === 0)
    return { series, note: noOverlapNote(series, attached) };
  const used = _backtestWeatherOf(series, attached, options.logger);
  return { series: attached.series, overlap: used.series, weather: used.weather };
}

function noOverlapNote(series: LoadSeries, attached: AttachWeatherResult<LoadSeries>): string {
  const t = series.columns.timeUtcMs;
  const day = (ms: number | undefined) =>
    ms === undefined ? "n/a" : new Date(ms).toISOString().slice(0, 10);
  const report = attached.weather.report;
  return `The weather (${(report.firstUtc ?? "n/a").slice(0, 10)} … ${(report.lastUtc ?? "n/a").slice(0, 10)} UTC) does not overlap the load (${day(t[0])} … ${day(t[t.length - 1])}): the sections that use the observed temperature are not shown.`;
}
