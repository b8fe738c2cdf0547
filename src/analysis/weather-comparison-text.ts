/**
 * Words for a comparison with and without weather: the weather used and the period (for a
 * forecasting notebook), a plain-language summary of what the weather explains (for a report),
 * and the key insight. Every sentence says the results are ex post.
 */
import type { BacktestWeather } from "../ml/backtest-weather.js";
import type { WeatherComparisonRow } from "./weather-comparison-rows.js";
import type { WeatherBacktestComparison } from "./compare-weather-backtests.js";
import { formatNumber } from "./format-number.js";
import type { Insight } from "./insights.js";
import { isoDate, localCalendar } from "./local-calendar.js";

/** The local dates of the test period, e.g. "2023-01-01 – 2023-12-31", or "" without weather. */
export function comparisonPeriod(comparison: WeatherBacktestComparison): string {
  const result = comparison.withWeather;
  const first = result?.models[0];
  if (result === undefined || first === undefined || first.forecast.length === 0) return "";
  const t = first.forecast.columns.timeUtcMs;
  const cal = localCalendar([t[0]!, t[t.length - 1]!], result.timeZone);
  return `${isoDate(cal.dayNumber[0]!)} – ${isoDate(cal.dayNumber[1]!)}`;
}

/**
 * Returns Markdown naming the weather used (stations, format, column, unit conversion, zone,
 * coverage), the rows and test period, and the ex post label; without weather, the note.
 */
export function weatherSourceMarkdown(comparison: WeatherBacktestComparison): string {
  const weather = comparison.weather;
  const result = comparison.withWeather;
  if (weather === undefined || result === undefined) return `> ${comparison.note ?? "No weather."}`;
  const stations = stationsMarkdown(weather);
  const span = `${day(weather.usedFirstUtc)} … ${day(weather.usedLastUtc)} UTC`;
  const load = weather.overlap;
  const cut =
    weather.rowsOutsideWeather > 0
      ? ` The weather covers less than the load (${day(load.loadFirstUtc)} … ${day(load.loadLastUtc)} UTC): what follows uses the overlap only (${formatNumber(weather.rowsOutsideWeather)} load hours left out).`
      : "";
  return [
    `**Weather:** ${stations}. Load and weather overlap ${span}.${cut}`,
    `**Evaluation: ${weather.label}.** The backtest below ran on the last ${formatNumber(comparison.series?.length ?? 0)} hours of that overlap and forecast ${comparisonPeriod(comparison)} (${result.timeZone}). The weather-aware models read the temperatures *observed* on each forecast day, not a weather forecast, so these results are an upper bound of what a forecast made with weather forecasts would reach.`,
  ].join("\n\n");
}

/**
 * Returns the row the summary and the insight speak of: the most accurate model that reads the
 * weather (else the most accurate one); undefined without weather.
 */
export function headlineRow(
  comparison: WeatherBacktestComparison,
): WeatherComparisonRow | undefined {
  return comparison.rows.find((r) => r.usesWeather) ?? comparison.rows[0];
}

/**
 * Returns plain-language Markdown for a report: the error of the calendar-only forecast, the
 * error of the same model given the observed temperatures, and the share of the squared error
 * the weather accounts for, labelled ex post; without weather, the note.
 */
export function weatherGainMarkdown(comparison: WeatherBacktestComparison): string {
  const row = headlineRow(comparison);
  if (row === undefined) return `> ${comparison.note ?? "No weather."}`;
  const how =
    comparison.task === "long-horizon"
      ? "a forecast of the whole period made at its start"
      : "forecasts of each next day";
  const explained = (1 - (row.rmseWithMw / row.rmseWithoutMw) ** 2) * 100;
  return [
    `Over ${comparisonPeriod(comparison)}, ${how} by the \`${row.model}\` model from ${withoutWeatherInputs(comparison)} missed by **${formatNumber(row.rmseWithoutMw)} MW** in a typical hour (RMSE; MAPE ${formatNumber(row.mapeWithoutPct, 1)} %).`,
    `Given the temperatures that were actually observed, the same model missed by **${formatNumber(row.rmseWithMw)} MW** (MAPE ${formatNumber(row.mapeWithPct, 1)} %): the weather accounts for **${formatNumber(explained, 0)} %** of the first forecast's squared error.`,
    `These results are **${comparison.evaluation ?? "ex post"}**: a real forecast has only weather *forecasts*, which miss by a few degrees, so expect less gain in practice.`,
  ].join(" ");
}

/** Returns the key insight of the comparison (topic "weather"), or undefined without weather. */
export function weatherInsight(comparison: WeatherBacktestComparison): Insight | undefined {
  const row = headlineRow(comparison);
  if (row === undefined) return undefined;
  const period = comparisonPeriod(comparison);
  const what =
    comparison.task === "long-horizon"
      ? `a calendar-based forecast of ${period} made at its start`
      : `the day-ahead forecasts of ${period}`;
  return {
    topic: "weather",
    text: `Knowing the observed temperatures cuts the typical error of ${what} from ${formatNumber(row.rmseWithoutMw)} to ${formatNumber(row.rmseWithMw)} MW (RMSE, ${formatNumber(row.rmseGainPct, 0)} % lower; MAPE ${formatNumber(row.mapeWithoutPct, 1)} → ${formatNumber(row.mapeWithPct, 1)} %; model ${row.model}, ${comparison.evaluation ?? "ex post"}).`,
    value: row.rmseGainPct,
    unit: "%",
    period,
  };
}

/**
 * Returns Markdown naming each station of `weather`: format, column, unit conversion, zone of
 * stamps without an offset and the share of its hours with a temperature; then how they combine.
 */
export function stationsMarkdown(weather: BacktestWeather): string {
  const stations = weather.stations
    .map(
      (s) =>
        `\`${s.name}\` (${s.formats.join(", ")}; column \`${s.column}\`; conversion ${s.conversion}; stamps without offset read in ${s.timeZone}; a temperature in ${formatNumber(s.coverage * 100, 1)} % of its hours)`,
    )
    .join(", ");
  return weather.stations.length > 1 ? `${stations} (${weather.combine})` : stations;
}

/** Returns what the models saw without weather: "the calendar alone" or "the calendar and recent load". */
export function withoutWeatherInputs(comparison: WeatherBacktestComparison): string {
  return comparison.task === "long-horizon" ? "the calendar alone" : "the calendar and recent load";
}

function day(iso: string | null): string {
  return iso === null ? "n/a" : iso.slice(0, 16).replace("T", " ");
}
