/**
 * Features of one forecast origin for day-ahead models, read from rows BEFORE the origin only:
 * the last 48 hours, the same 24 hours one week earlier, and the target day's calendar
 * (weekday, month, holiday flags, day-of-year harmonics; degree hours when temperature exists —
 * the target day's temperatures stand in for a weather forecast).
 */
import type { HourlyGrid } from "../hourly-grid.js";
import type { NamedDesign } from "./calendar-features.js";
import { dayKinds } from "./day-kinds.js";

/** History (hours) an origin needs before it. */
export const DAY_AHEAD_HISTORY = 168;

/** Returns the day-ahead design: one row per origin. */
export function dayAheadFeatures(grid: HourlyGrid, origins: Int32Array): NamedDesign {
  const withTemperature = grid.temperatureC !== undefined;
  const names = dayAheadFeatureNames(withTemperature);
  const cols = names.length;
  const x = new Float64Array(origins.length * cols);
  const kinds = dayKinds(grid.calendar);
  const y = grid.filledMw;
  for (let r = 0; r < origins.length; r++) {
    const o = origins[r]!;
    let c = r * cols;
    for (let j = 48; j >= 1; j--) x[c++] = y[o - j]!;
    for (let j = 168; j > 144; j--) x[c++] = y[o - j]!;
    for (let d = 1; d <= 7; d++) x[c++] = dailyMean(y, o - 24 * d);
    x[c + grid.calendar.weekday[o]!] = 1;
    c += 7;
    x[c + grid.calendar.month[o]! - 1] = 1;
    c += 12;
    x[c++] = kinds.holiday(o);
    x[c++] = kinds.dayAfterHoliday(o);
    x[c++] = kinds.dayBeforeHoliday(o);
    x[c++] = kinds.yearEndBreak(o);
    const angle = (2 * Math.PI * (grid.calendar.dayOfYear[o]! - 1)) / 365.25;
    x[c++] = Math.sin(angle);
    x[c++] = Math.cos(angle);
    if (grid.temperatureC) {
      for (let h = 0; h < 24; h++) {
        const t = grid.temperatureC[Math.min(grid.length - 1, o + h)]!;
        x[c + h] = Math.max(0, 18 - t);
        x[c + 24 + h] = Math.max(0, t - 18);
      }
    }
  }
  return { x, rows: origins.length, cols, names };
}

/** Names of the day-ahead features, in design order. */
export function dayAheadFeatureNames(withTemperature: boolean): string[] {
  const names: string[] = [];
  for (let j = 48; j >= 1; j--) names.push(`load_t-${j}`);
  for (let j = 168; j > 144; j--) names.push(`load_t-${j}`);
  for (let d = 1; d <= 7; d++) names.push(`meanLoad_day-${d}`);
  for (const day of ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]) names.push(`weekday_${day}`);
  for (let m = 1; m <= 12; m++) names.push(`month_${m}`);
  names.push("holiday", "dayAfterHoliday", "dayBeforeHoliday", "yearEndBreak");
  names.push("sinDayOfYear", "cosDayOfYear");
  if (withTemperature) {
    for (let h = 0; h < 24; h++) names.push(`heatingDegreeHours_t+${h}`);
    for (let h = 0; h < 24; h++) names.push(`coolingDegreeHours_t+${h}`);
  }
  return names;
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
