/**
 * The temperature block of the hourly ridge (models/hourly-ridge.ts): the piecewise-linear terms
 * (temperature-table.ts) of nine series that carry the "recency effect" of Hong's GEFCom models —
 * the hour's temperature, the temperature three hours earlier, the trailing 24 h and 72 h means,
 * the local day's mean, max and min (ex post: the observed temperatures of the row's own day) and
 * the previous local day's max and min. The hourly ridge fits one model per hour of the day, so
 * every term is a temperature × hour interaction.
 */
import {
  TEMPERATURE_TERM_NAMES,
  temperatureTerms,
  type TemperatureTable,
} from "./temperature-table.js";

/** Suffixes of the nine series, in block order. */
const SERIES = [
  "",
  "_t-3",
  "_mean24h",
  "_mean72h",
  "_dayMean",
  "_dayMax",
  "_dayMin",
  "_previousDayMax",
  "_previousDayMin",
];

/** Hours before the row of the lagged temperature. */
const LAG_HOURS = 3;

/** Returns the nine recency series of every grid row, in `recencyWeatherNames` order. */
export function temperatureRecency(table: TemperatureTable, dayNumber: Int32Array): Float64Array[] {
  const t = table.hourly;
  const lagged = t.map((_, i) => t[Math.max(0, i - LAG_HOURS)]!);
  const previousMax = previousDay(table.dayMax, dayNumber);
  const previousMin = previousDay(table.dayMin, dayNumber);
  return [
    t,
    lagged,
    table.mean24,
    table.mean72,
    table.dayMean,
    table.dayMax,
    table.dayMin,
    previousMax,
    previousMin,
  ];
}

/** Names of the recency block (series × the five temperature terms). */
export function recencyWeatherNames(): string[] {
  return SERIES.flatMap((suffix) => TEMPERATURE_TERM_NAMES.map((term) => `${term}${suffix}`));
}

/** Writes the recency block of row `i` at `x[at]`; returns the next column. */
export function recencyWeather(
  series: readonly Float64Array[],
  i: number,
  x: Float64Array,
  at: number,
): number {
  let c = at;
  for (const values of series) c = temperatureTerms(values[i]!, x, c);
  return c;
}

/** The value of each row's previous local day (its own day for the first day). */
function previousDay(perDay: Float64Array, dayNumber: Int32Array): Float64Array {
  const out = new Float64Array(perDay.length);
  let previous = NaN;
  let current = NaN;
  for (let i = 0; i < perDay.length; i++) {
    if (i === 0 || dayNumber[i] !== dayNumber[i - 1]) {
      previous = i === 0 ? perDay[0]! : current;
      current = perDay[i]!;
    }
    out[i] = previous;
  }
  return out;
}
