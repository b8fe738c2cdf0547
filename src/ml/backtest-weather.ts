/**
 * Observed weather for a backtest: joins it onto the load (`attachWeather`), keeps the load's rows
 * from the first to the last hour with a temperature when the weather covers less, and describes
 * what was used. Results made with it are "ex post": the models saw the temperatures that were
 * later observed, not a weather forecast.
 */
import { silentLogger, type Logger } from "../effects.js";
import { InputError } from "../errors.js";
import type { LoadSeries } from "../frame.js";
import type { WeatherOverlap } from "../etl/transform/join-weather.js";
import {
  attachWeather,
  sliceToOverlap,
  type AttachWeatherOptions,
  type AttachWeatherResult,
} from "../etl/weather/attach-weather.js";
import type { WeatherConfig, WeatherSpec } from "../etl/weather/weather-config.js";
import type { WeatherReport } from "../etl/weather/weather-report.js";

/** The label of results made with observed weather. */
export const EX_POST_LABEL = "ex post (observed weather)";

/** One station of the weather used: where it came from and how it was read. */
export interface WeatherStationUsed {
  name: string;
  inputs: string[];
  formats: string[];
  weight: number;
  conversion: string;
  timeZone: string;
  column: string;
  coverage: number;
}

/** The weather a backtest used. */
export interface BacktestWeather {
  label: typeof EX_POST_LABEL;
  /** how the stations were combined: single station, mean or weighted mean */
  combine: WeatherReport["combine"];
  stations: WeatherStationUsed[];
  overlap: WeatherOverlap & { loadFirstUtc: string | null; loadLastUtc: string | null };
  /** the load period the backtest ran on */
  usedFirstUtc: string | null;
  usedLastUtc: string | null;
  /** load rows left out because the weather does not cover them */
  rowsOutsideWeather: number;
  /** set when the backtest ran on the overlap only */
  note?: string;
  /** the full weather quality report */
  quality: WeatherReport;
}

/** Returns `series` joined with the weather of `spec`, cut to the overlap, and what was used. */
export async function joinBacktestWeather(
  series: LoadSeries,
  spec: WeatherSpec | WeatherConfig,
  options: AttachWeatherOptions & { logger?: Logger } = {},
): Promise<{ series: LoadSeries; weather: BacktestWeather }> {
  return _backtestWeatherOf(series, await attachWeather(series, spec, options), options.logger);
}

/**
 * `joinBacktestWeather` for weather already attached to `series` (`attachWeather`): the joined
 * load cut to the overlap and the weather used.
 */
export function _backtestWeatherOf(
  series: LoadSeries,
  attached: AttachWeatherResult<LoadSeries>,
  logger: Logger = silentLogger(),
): { series: LoadSeries; weather: BacktestWeather } {
  const o = attached.overlap;
  const t = series.columns.timeUtcMs;
  const iso = (i: number) => (t.length === 0 ? null : new Date(t[i]!).toISOString());
  const report = attached.weather.report;
  if (o.rowsWithTemperature === 0) {
    throw new InputError(
      `weather does not overlap the load: weather ${report.firstUtc} … ${report.lastUtc}, load ${iso(0)} … ${iso(t.length - 1)} (expected overlapping periods)`,
    );
  }
  const used = sliceToOverlap(attached.series, o);
  const outside = o.rowsBefore + o.rowsAfter;
  const weather: BacktestWeather = {
    label: EX_POST_LABEL,
    combine: report.combine,
    stations: _stationsUsed(report),
    overlap: { ...o, loadFirstUtc: iso(0), loadLastUtc: iso(t.length - 1) },
    usedFirstUtc: o.firstCoveredUtc,
    usedLastUtc: o.lastCoveredUtc,
    rowsOutsideWeather: outside,
    quality: report,
  };
  if (outside > 0) {
    weather.note = `the weather covers ${o.firstCoveredUtc} … ${o.lastCoveredUtc} of the load's ${iso(0)} … ${iso(t.length - 1)}: the backtest uses that overlap (${outside} load rows left out)`;
    logger.warn(weather.note);
  }
  return { series: used, weather };
}

/** Returns the stations of `report` as a result names them (backtest and forecast). */
export function _stationsUsed(report: WeatherReport): WeatherStationUsed[] {
  return report.stations.map((s) => ({
    name: s.name,
    inputs: s.inputs,
    formats: [...new Set(s.formats.map((f) => f.format))],
    weight: s.weight,
    conversion: s.conversion,
    timeZone: s.timeZone,
    column: s.column,
    coverage: s.coverage,
  }));
}
