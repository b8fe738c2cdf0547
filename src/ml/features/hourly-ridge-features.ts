/**
 * The design of the hourly ridge (models/hourly-ridge.ts), which fits one ridge per local hour of
 * the day, so no column needs an hour interaction: weekday one-hot (a holiday keeps its weekday),
 * holiday neighbourhood flags, day-of-year harmonics (and two more on rest days), one column per
 * named holiday (holiday-names.ts) and, with temperature, the recency block of
 * temperature-recency.ts.
 */
import type { HourlyGrid } from "../hourly-grid.js";
import type { NamedDesign } from "./calendar-features.js";
import { dayKinds } from "./day-kinds.js";
import { holidayNames } from "./holiday-names.js";
import { temperatureTable } from "./temperature-table.js";
import { recencyWeather, recencyWeatherNames, temperatureRecency } from "./temperature-recency.js";

const TWO_PI = 2 * Math.PI;
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const HARMONICS = 3;
const REST_DAY_HARMONICS = 2;

/** Builds hourly-ridge designs of grid rows, with a column for each holiday in `holidays`. */
export type HourlyRidgeDesign = (rows: Int32Array) => NamedDesign;

/**
 * Returns the design builder of `grid`; `holidays` names the holiday columns (from the fit, so
 * that the columns stay the same on another grid; holidays not listed get no column).
 */
export function hourlyRidgeFeatures(
  grid: HourlyGrid,
  holidays: readonly string[],
): HourlyRidgeDesign {
  const table = temperatureTable(grid);
  const recency = table ? temperatureRecency(table, grid.calendar.dayNumber) : undefined;
  const names = hourlyRidgeFeatureNames(holidays, recency !== undefined);
  const named = holidayNames(grid.calendar, grid.holidayCountry);
  const holidayColumn = new Map(holidays.map((name, k) => [name, k]));
  const kinds = dayKinds(grid.calendar);
  const { weekday, dayOfYear, dayNumber } = grid.calendar;
  const cols = names.length;
  return (rows) => {
    const x = new Float64Array(rows.length * cols);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r]!;
      let c = r * cols;
      x[c + weekday[i]!] = 1;
      c += WEEKDAYS.length;
      x[c++] = kinds.holiday(i);
      x[c++] = kinds.dayBeforeHoliday(i);
      x[c++] = kinds.dayAfterHoliday(i);
      x[c++] = kinds.yearEndBreak(i);
      const angle = (TWO_PI * (dayOfYear[i]! - 1)) / 365.25;
      const rest = kinds.dayType(i) > 0 ? 1 : 0;
      for (let k = 1; k <= HARMONICS; k++) {
        x[c++] = Math.sin(k * angle);
        x[c++] = Math.cos(k * angle);
      }
      for (let k = 1; k <= REST_DAY_HARMONICS; k++) {
        x[c++] = rest * Math.sin(k * angle);
        x[c++] = rest * Math.cos(k * angle);
      }
      const holiday = holidayColumn.get(named.get(dayNumber[i]!) ?? "");
      if (holiday !== undefined) x[c + holiday] = 1;
      c += holidays.length;
      if (recency) recencyWeather(recency, i, x, c);
    }
    return { x, rows: rows.length, cols, names };
  };
}

/** Names of the hourly-ridge features, in design order. */
export function hourlyRidgeFeatureNames(
  holidays: readonly string[],
  withTemperature: boolean,
): string[] {
  const names = WEEKDAYS.map((day) => `weekday_${day}`);
  names.push("holiday", "dayBeforeHoliday", "dayAfterHoliday", "yearEndBreak");
  for (let k = 1; k <= HARMONICS; k++) names.push(`sinDayOfYear${k}`, `cosDayOfYear${k}`);
  for (let k = 1; k <= REST_DAY_HARMONICS; k++) {
    names.push(`sinDayOfYear${k}xRestDay`, `cosDayOfYear${k}xRestDay`);
  }
  names.push(...holidays.map((name) => `holiday_${name}`));
  if (withTemperature) names.push(...recencyWeatherNames());
  return names;
}

/** The holiday names of the local days of grid `rows`, sorted (the columns a fit gets). */
export function holidaysIn(grid: HourlyGrid, rows: Int32Array): string[] {
  const named = holidayNames(grid.calendar, grid.holidayCountry);
  const seen = new Set<string>();
  for (const i of rows) {
    const name = named.get(grid.calendar.dayNumber[i]!);
    if (name !== undefined) seen.add(name);
  }
  return [...seen].sort();
}
