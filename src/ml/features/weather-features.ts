/**
 * The weather blocks the models append to their designs when the grid has temperature (see
 * temperature-table.ts for the aggregates, the knots and the ex post convention):
 * - day-ahead (one row per origin, 24 outputs that each get their own coefficient on every
 *   column, so every hourly term is a temperature × hour interaction): the piecewise-linear terms
 *   of each forecast hour's temperature and its trailing 24 h mean; the forecast day's mean, max,
 *   min, mean² and degree hours; causally, the same for the previous day, that day's 24 hourly
 *   temperatures and degree hours and the last 72 hours' mean;
 * - hourly (long-horizon rows): heating / cooling degree hours; the piecewise-linear terms of the
 *   hour's temperature by hour of day and, by quarter of the day, of its 1–3 h lags and the
 *   trailing 24 h and 72 h means; heat build-up (cooling degree hours of the day's min and max, of
 *   the last 24 h and 72 h) and the day's max / min degree hours by quarter; cooling by day type;
 * - day (one row per local day): the day's 24 temperatures, mean, max, min, mean² and degree
 *   hours, the previous day's mean and the 72 h mean before the day.
 */
import {
  cooling,
  heating,
  TEMPERATURE_KNOTS_C,
  TEMPERATURE_TERM_NAMES,
  temperatureTerms,
  type TemperatureTable,
} from "./temperature-table.js";

const TERMS = TEMPERATURE_TERM_NAMES.length;
const DAY_TYPES = ["workday", "saturday", "sundayOrHoliday"];

/** True for the names of weather features (the backtest labels models that use them ex post). */
export function isWeatherFeature(name: string): boolean {
  return /temperature|degreeHours/i.test(name);
}

/** True when a model card lists weather features: the model was fitted with observed weather. */
export function modelUsesWeather(card: { readonly features: readonly string[] }): boolean {
  return card.features.some(isWeatherFeature);
}

/** Writes the day-ahead weather block of origin `o` at `x[at]`; returns the next column. */
export function dayAheadWeather(
  table: TemperatureTable,
  o: number,
  x: Float64Array,
  at: number,
): number {
  const last = table.hourly.length - 1;
  let c = at;
  for (let h = 0; h < 24; h++)
    temperatureTerms(table.hourly[Math.min(last, o + h)]!, x, c + h * TERMS);
  c += 24 * TERMS;
  for (let h = 0; h < 24; h++) x[c++] = table.mean24[Math.min(last, o + h)]!;
  c = dayStats(table, o, x, c);
  const before = Math.max(0, o - 1);
  c = dayStats(table, before, x, c);
  for (let h = 0; h < 24; h++) {
    const t = table.hourly[Math.max(0, o - 24 + h)]!;
    x[c + h] = t;
    x[c + 24 + h] = heating(t);
    x[c + 48 + h] = cooling(t);
  }
  c += 72;
  x[c++] = table.mean72[before]!;
  return c;
}

/** Names of the day-ahead weather block, in order. */
export function dayAheadWeatherNames(): string[] {
  const names: string[] = [];
  for (let h = 0; h < 24; h++)
    for (const term of TEMPERATURE_TERM_NAMES) names.push(`${term}_t+${h}`);
  for (let h = 0; h < 24; h++) names.push(`temperatureMean24h_t+${h}`);
  names.push(...dayStatNames("forecastDay"), ...dayStatNames("previousDay"));
  for (const term of ["temperatureC", "heatingDegreeHours15", "coolingDegreeHours18"]) {
    for (let j = 24; j >= 1; j--) names.push(`${term}_t-${j}`);
  }
  names.push("temperatureMean72h_t-1");
  return names;
}

/**
 * Writes the hourly (long-horizon) weather block of row `i` (local `hour`, `dayType` 0 working
 * day, 1 Saturday, 2 Sunday or holiday); returns the next column.
 */
export function hourlyWeather(
  table: TemperatureTable,
  i: number,
  hour: number,
  dayType: number,
  x: Float64Array,
  at: number,
): number {
  const t = table.hourly[i]!;
  const quarter = Math.floor(hour / 6);
  let c = at;
  x[c++] = heating(t);
  x[c++] = cooling(t);
  temperatureTerms(t, x, c + hour * TERMS);
  c += 24 * TERMS;
  const byQuarter = [
    table.hourly[Math.max(0, i - 1)]!,
    table.hourly[Math.max(0, i - 2)]!,
    table.hourly[Math.max(0, i - 3)]!,
    table.mean24[i]!,
    table.mean72[i]!,
  ];
  for (const value of byQuarter) {
    temperatureTerms(value, x, c + quarter * TERMS);
    c += 4 * TERMS;
  }
  const heat = [
    cooling(table.dayMax[i]!),
    heating(table.dayMin[i]!),
    cooling(table.dayMin[i]!),
    Math.max(0, table.dayMax[i]! - TEMPERATURE_KNOTS_C.heat),
    table.cooling24[i]!,
    table.cooling72[i]!,
  ];
  for (const value of heat) {
    x[c + quarter] = value;
    c += 4;
  }
  x[c + dayType] = cooling(t);
  return c + DAY_TYPES.length;
}

/** Names of the hourly weather block, in order. */
export function hourlyWeatherNames(): string[] {
  const names = ["heatingDegreeHours", "coolingDegreeHours"];
  for (let h = 0; h < 24; h++) {
    for (const term of TEMPERATURE_TERM_NAMES) names.push(`${term}xHour${h}`);
  }
  const byQuarter = ["t-1", "t-2", "t-3", "mean24h", "mean72h"];
  for (const value of byQuarter) {
    for (let q = 0; q < 4; q++) {
      for (const term of TEMPERATURE_TERM_NAMES) names.push(`${term}_${value}xQuarter${q}`);
    }
  }
  const heat = [
    "dayMaxCoolingDegreeHours18",
    "dayMinHeatingDegreeHours15",
    "dayMinCoolingDegreeHours18",
    "dayMaxCoolingDegreeHours24",
    "coolingDegreeHours18_mean24h",
    "coolingDegreeHours18_mean72h",
  ];
  for (const value of heat) for (let q = 0; q < 4; q++) names.push(`${value}xQuarter${q}`);
  for (const kind of DAY_TYPES) names.push(`coolingDegreeHours18x${kind}`);
  return names;
}

/** Writes the day weather block of the local day starting at row `i`; returns the next column. */
export function dayWeather(
  table: TemperatureTable,
  i: number,
  x: Float64Array,
  at: number,
): number {
  const last = table.hourly.length - 1;
  let c = at;
  for (let h = 0; h < 24; h++) x[c++] = table.hourly[Math.min(last, i + h)]!;
  c = dayStats(table, i, x, c);
  x[c++] = table.previousDayMean[i]!;
  x[c++] = table.mean72[Math.max(0, i - 1)]!;
  return c;
}

/** Names of the day weather block, in order. */
export function dayWeatherNames(): string[] {
  const names: string[] = [];
  for (let h = 0; h < 24; h++) names.push(`temperatureC_hour${h}`);
  names.push(...dayStatNames("day"), "previousDayTemperatureMean", "temperatureMean72h_before");
  return names;
}

/** Mean, max, min, mean² and mean degree hours of row `i`'s local day. */
function dayStats(table: TemperatureTable, i: number, x: Float64Array, at: number): number {
  const mean = table.dayMean[i]!;
  x[at] = mean;
  x[at + 1] = table.dayMax[i]!;
  x[at + 2] = table.dayMin[i]!;
  x[at + 3] = mean * mean;
  x[at + 4] = table.dayHeating[i]!;
  x[at + 5] = table.dayCooling[i]!;
  return at + 6;
}

function dayStatNames(prefix: string): string[] {
  return [
    `${prefix}TemperatureMean`,
    `${prefix}TemperatureMax`,
    `${prefix}TemperatureMin`,
    `${prefix}TemperatureMeanSquared`,
    `${prefix}HeatingDegreeHours15`,
    `${prefix}CoolingDegreeHours18`,
  ];
}
