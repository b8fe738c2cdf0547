/**
 * Calendar-only features for long-horizon models, from timestamps alone (no load values):
 * hour × day-type one-hots, smooth day-of-year harmonics and their interaction with the hour,
 * holiday neighbourhood flags and, when the grid has temperature, the hourly weather block of
 * weather-features.ts (temperature terms by hour and quarter of the day).
 */
import type { HourlyGrid } from "../hourly-grid.js";
import type { Design } from "../ridge-regression.js";
import { dayKinds } from "./day-kinds.js";
import { temperatureTable } from "./temperature-table.js";
import { hourlyWeather, hourlyWeatherNames } from "./weather-features.js";

const TWO_PI = 2 * Math.PI;
/** day-of-year harmonics interacted with the hour of day */
const INTERACTION_HARMONICS = 3;

/** Design rows for grid `rows` plus the feature names. */
export interface NamedDesign extends Design {
  names: string[];
}

/** Returns the hourly calendar design for grid `rows`. */
export function calendarFeatures(grid: HourlyGrid, rows: Int32Array): NamedDesign {
  const table = temperatureTable(grid);
  const names = calendarFeatureNames(table !== undefined);
  const cols = names.length;
  const x = new Float64Array(rows.length * cols);
  const kinds = dayKinds(grid.calendar);
  const { hour, dayOfYear } = grid.calendar;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const base = r * cols;
    const h = hour[i]!;
    x[base + kinds.dayType(i) * 24 + h] = 1;
    let c = 72;
    const angle = (TWO_PI * (dayOfYear[i]! - 1)) / 365.25;
    for (let k = 1; k <= 3; k++) {
      x[base + c++] = Math.sin(k * angle);
      x[base + c++] = Math.cos(k * angle);
    }
    for (let k = 1; k <= INTERACTION_HARMONICS; k++) {
      x[base + c + 2 * (k - 1) * 24 + h] = Math.sin(k * angle);
      x[base + c + (2 * (k - 1) + 1) * 24 + h] = Math.cos(k * angle);
    }
    c += INTERACTION_HARMONICS * 48;
    if (kinds.dayType(i) > 0) {
      for (let k = 1; k <= 2; k++) {
        x[base + c + 2 * (k - 1) * 24 + h] = Math.sin(k * angle);
        x[base + c + (2 * (k - 1) + 1) * 24 + h] = Math.cos(k * angle);
      }
    }
    c += 96;
    x[base + c++] = kinds.holiday(i);
    x[base + c++] = kinds.dayBeforeHoliday(i);
    x[base + c++] = kinds.dayAfterHoliday(i);
    x[base + c++] = kinds.yearEndBreak(i);
    if (table) hourlyWeather(table, i, h, kinds.dayType(i), x, base + c);
  }
  return { x, rows: rows.length, cols, names };
}

/** Names of the calendar features, in design order. */
export function calendarFeatureNames(withTemperature: boolean): string[] {
  const names: string[] = [];
  for (const kind of ["workday", "saturday", "sundayOrHoliday"]) {
    for (let h = 0; h < 24; h++) names.push(`${kind}Hour${h}`);
  }
  for (let k = 1; k <= 3; k++) names.push(`sinDayOfYear${k}`, `cosDayOfYear${k}`);
  for (let k = 1; k <= INTERACTION_HARMONICS; k++) {
    for (const f of ["sin", "cos"]) {
      for (let h = 0; h < 24; h++) names.push(`${f}DayOfYear${k}xHour${h}`);
    }
  }
  for (let k = 1; k <= 2; k++) {
    for (const f of ["sin", "cos"]) {
      for (let h = 0; h < 24; h++) names.push(`${f}DayOfYear${k}xRestDayHour${h}`);
    }
  }
  names.push("holiday", "dayBeforeHoliday", "dayAfterHoliday", "yearEndBreak");
  if (withTemperature) names.push(...hourlyWeatherNames());
  return names;
}
