/**
 * One row per local day for daily-profile models: smooth day-of-year harmonics, weekday
 * one-hot, holiday neighbourhood flags and, with temperature, the day weather block of
 * weather-features.ts (the day's temperatures, their summary and the days before).
 */
import type { HourlyGrid } from "../hourly-grid.js";
import { dayKinds } from "./day-kinds.js";
import type { NamedDesign } from "./calendar-features.js";
import { temperatureTable } from "./temperature-table.js";
import { dayWeather, dayWeatherNames } from "./weather-features.js";

const TWO_PI = 2 * Math.PI;

/** Returns the day design for the local days starting at grid rows `dayStarts`. */
export function dayFeatures(grid: HourlyGrid, dayStarts: Int32Array): NamedDesign {
  const table = temperatureTable(grid);
  const names = dayFeatureNames(table !== undefined);
  const cols = names.length;
  const x = new Float64Array(dayStarts.length * cols);
  const kinds = dayKinds(grid.calendar);
  for (let r = 0; r < dayStarts.length; r++) {
    const i = dayStarts[r]!;
    let c = r * cols;
    const angle = (TWO_PI * (grid.calendar.dayOfYear[i]! - 1)) / 365.25;
    for (let k = 1; k <= 3; k++) {
      x[c++] = Math.sin(k * angle);
      x[c++] = Math.cos(k * angle);
    }
    x[c + grid.calendar.weekday[i]!] = 1;
    c += 7;
    x[c++] = kinds.holiday(i);
    x[c++] = kinds.dayBeforeHoliday(i);
    x[c++] = kinds.dayAfterHoliday(i);
    x[c++] = kinds.yearEndBreak(i);
    if (table) dayWeather(table, i, x, c);
  }
  return { x, rows: dayStarts.length, cols, names };
}

/** Names of the day features, in design order. */
export function dayFeatureNames(withTemperature: boolean): string[] {
  const names: string[] = [];
  for (let k = 1; k <= 3; k++) names.push(`sinDayOfYear${k}`, `cosDayOfYear${k}`);
  for (const day of ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]) names.push(`weekday_${day}`);
  names.push("holiday", "dayBeforeHoliday", "dayAfterHoliday", "yearEndBreak");
  if (withTemperature) names.push(...dayWeatherNames());
  return names;
}

/** Grid rows at local midnight (hour 0), ascending, within [from, to). */
export function localMidnights(grid: HourlyGrid, from = 0, to = grid.length): Int32Array {
  const out: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, grid.length); i++) {
    if (grid.calendar.hour[i] === 0) out.push(i);
  }
  return Int32Array.from(out);
}
