/**
 * Features of one forecast origin for day-ahead models, read from rows BEFORE the origin only:
 * the last 48 hours, the same 24 hours one and two weeks earlier and the last seven daily means,
 * all as ratios to the origin's level (the mean of the last 24 hours, so one model serves high-
 * and low-load seasons and years alike), and the target day's calendar (weekday, month, holiday,
 * bridge and day-before/after flags, the previous day's type, day-of-year harmonics) and, when the
 * grid has temperature, the weather block of weather-features.ts (ex post: the forecast day's
 * observed temperatures stand in for a weather forecast).
 */
import type { HourlyGrid } from "../hourly-grid.js";
import type { NamedDesign } from "./calendar-features.js";
import { dayKinds, type DayKinds } from "./day-kinds.js";
import { temperatureTable } from "./temperature-table.js";
import { dayAheadWeather, dayAheadWeatherNames } from "./weather-features.js";

/** History (hours) an origin needs before it. */
export const DAY_AHEAD_HISTORY = 336;

/** Returns the day-ahead design: one row per origin. */
export function dayAheadFeatures(grid: HourlyGrid, origins: Int32Array): NamedDesign {
  const table = temperatureTable(grid);
  const names = dayAheadFeatureNames(table !== undefined);
  const cols = names.length;
  const x = new Float64Array(origins.length * cols);
  const kinds = dayKinds(grid.calendar);
  const y = grid.filledMw;
  for (let r = 0; r < origins.length; r++) {
    const o = origins[r]!;
    const level = levelAt(y, o);
    let c = r * cols;
    for (let j = 48; j >= 1; j--) x[c++] = y[o - j]! / level;
    for (let j = 168; j > 144; j--) x[c++] = y[o - j]! / level;
    for (let j = 336; j > 312; j--) x[c++] = y[o - j]! / level;
    for (let d = 1; d <= 7; d++) x[c++] = dailyMean(y, o - 24 * d) / level;
    c = calendarColumns(x, c, grid, kinds, o);
    if (table) dayAheadWeather(table, o, x, c);
  }
  return { x, rows: origins.length, cols, names };
}

function calendarColumns(
  x: Float64Array,
  at: number,
  grid: HourlyGrid,
  kinds: DayKinds,
  o: number,
): number {
  let c = at;
  const weekday = grid.calendar.weekday[o]!;
  x[c + weekday] = 1;
  c += 7;
  x[c + grid.calendar.month[o]! - 1] = 1;
  c += 12;
  x[c++] = kinds.holiday(o);
  x[c++] = kinds.dayAfterHoliday(o);
  x[c++] = kinds.dayBeforeHoliday(o);
  x[c++] = kinds.yearEndBreak(o);
  // a working Friday after a holiday or Monday before one: many take the day off
  const bridge =
    (weekday === 5 && kinds.dayAfterHoliday(o) === 1) ||
    (weekday === 1 && kinds.dayBeforeHoliday(o) === 1);
  x[c++] = bridge && kinds.holiday(o) === 0 ? 1 : 0;
  x[c++] = kinds.dayType(o - 1) === 2 ? 1 : 0;
  x[c++] = kinds.dayType(o - 1) === 1 ? 1 : 0;
  const angle = (2 * Math.PI * (grid.calendar.dayOfYear[o]! - 1)) / 365.25;
  for (let k = 1; k <= 3; k++) {
    x[c++] = Math.sin(k * angle);
    x[c++] = Math.cos(k * angle);
  }
  return c;
}

/** Names of the day-ahead features, in design order. */
export function dayAheadFeatureNames(withTemperature: boolean): string[] {
  const names: string[] = [];
  for (let j = 48; j >= 1; j--) names.push(`load_t-${j}/level`);
  for (let j = 168; j > 144; j--) names.push(`load_t-${j}/level`);
  for (let j = 336; j > 312; j--) names.push(`load_t-${j}/level`);
  for (let d = 1; d <= 7; d++) names.push(`meanLoad_day-${d}/level`);
  for (const day of ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]) names.push(`weekday_${day}`);
  for (let m = 1; m <= 12; m++) names.push(`month_${m}`);
  names.push("holiday", "dayAfterHoliday", "dayBeforeHoliday", "yearEndBreak", "bridgeDay");
  names.push("yesterdaySundayOrHoliday", "yesterdaySaturday");
  for (let k = 1; k <= 3; k++) names.push(`sinDayOfYear${k}`, `cosDayOfYear${k}`);
  if (withTemperature) names.push(...dayAheadWeatherNames());
  return names;
}

/** The level each origin's features and targets are relative to: the mean load of the last 24 h. */
export function dayAheadLevels(grid: HourlyGrid, origins: Int32Array): Float64Array {
  return Float64Array.from(origins, (o) => levelAt(grid.filledMw, o));
}

/** Mean of the 24 h before `o`; 1 when not positive (a series at or below zero has no level). */
function levelAt(y: Float64Array, o: number): number {
  const level = dailyMean(y, o - 24);
  return level > 0 ? level : 1;
}

function dailyMean(y: Float64Array, from: number): number {
  let sum = 0;
  for (let i = from; i < from + 24; i++) sum += y[i]!;
  return sum / 24;
}

/** Targets `origins.length × horizon` from the observed load (NaN where missing). */
export function horizonTargets(
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
): Float64Array {
  const out = new Float64Array(origins.length * horizon);
  for (let r = 0; r < origins.length; r++) {
    for (let h = 0; h < horizon; h++) {
      const i = origins[r]! + h;
      out[r * horizon + h] = i < grid.length ? grid.loadMw[i]! : NaN;
    }
  }
  return out;
}
