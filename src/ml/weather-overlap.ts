/**
 * The part of a load series a weather-aware backtest can use. With a `temperatureC` column, the
 * backtest keeps the span from the first to the last hour that has a temperature (the overlap of
 * load and weather) and describes the weather for the JSON, labelled "ex post (observed weather)":
 * the forecasts see the observed temperatures of the hours they forecast, not a weather forecast.
 */
import { InputError } from "../errors.js";
import { sliceRows, type LoadSeries } from "../frame.js";

/** How weather entered a backtest: observed values of the forecast hours. */
export const EX_POST = "ex post (observed weather)";

/** A UTC span (ISO, interval starts) and its row count. */
export interface UtcSpan {
  startUtc: string;
  endUtc: string;
  rows: number;
}

/** The weather of a backtest, as reported in its JSON. */
export interface BacktestWeather {
  /** what the weather is (file, station, column, unit conversion), as given by the caller */
  source: string;
  /** the series column the models read, in °C */
  column: "temperatureC";
  evaluation: typeof EX_POST;
  /** the load series as given */
  load: UtcSpan;
  /** the rows the backtest used: first to last load row with a temperature */
  used: UtcSpan;
  /** load rows outside the weather's span, left out */
  droppedLoadRows: number;
  /** load rows inside the used span without a temperature (filled from earlier hours) */
  missingTemperatureRows: number;
  /** one sentence: whether the backtest was cut to the overlap, and to what */
  note: string;
}

/** The rows to backtest and their weather description (null without a temperature column). */
export interface WeatherOverlap {
  series: LoadSeries;
  weather: BacktestWeather | null;
}

/**
 * Returns `series` cut to the span its temperatures cover, with the weather description;
 * a series without `temperatureC` comes back whole with `weather: null`. Throws InputError when
 * the column holds no temperature at all (weather and load do not overlap).
 */
export function weatherOverlap(series: LoadSeries, source: string): WeatherOverlap {
  const temperature = series.columns.temperatureC;
  if (!(temperature instanceof Float64Array)) return { series, weather: null };
  const times = series.columns.timeUtcMs;
  let first = -1;
  let last = -1;
  for (let r = 0; r < temperature.length; r++) {
    if (!Number.isFinite(temperature[r]!)) continue;
    if (first < 0) first = r;
    last = r;
  }
  if (first < 0) {
    throw new InputError(
      `weather does not overlap the load: ${source} has no temperature at the ${series.length} load stamps (expected hourly UTC stamps inside ${iso(times[0])} … ${iso(times[times.length - 1])})`,
    );
  }
  let missing = 0;
  for (let r = first; r <= last; r++) if (!Number.isFinite(temperature[r]!)) missing++;
  const used = last - first + 1 === series.length ? series : sliceRows(series, first, last + 1);
  const dropped = series.length - used.length;
  const span = (from: number, to: number): UtcSpan => ({
    startUtc: iso(times[from]),
    endUtc: iso(times[to]),
    rows: to - from + 1,
  });
  const usedSpan = span(first, last);
  return {
    series: used,
    weather: {
      source,
      column: "temperatureC",
      evaluation: EX_POST,
      load: span(0, series.length - 1),
      used: usedSpan,
      droppedLoadRows: dropped,
      missingTemperatureRows: missing,
      note:
        dropped > 0
          ? `weather covers less than the load: the backtest uses their overlap, ${usedSpan.startUtc} … ${usedSpan.endUtc} (${dropped} load rows left out)`
          : "weather covers the whole load series",
    },
  };
}

function iso(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? "?" : new Date(ms).toISOString();
}
