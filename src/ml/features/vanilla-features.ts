/**
 * The design of Tao Hong's "vanilla" benchmark (Hong 2010; the GEFCom2012 benchmark), one row per
 * hour: a linear trend, month, weekday × hour, and the cubic polynomial of the hour's
 * temperature, alone and interacted with month and with hour. Without temperature only the
 * calendar part remains. No holidays, lags or smoothing: it is the named reference the other
 * models are measured against, kept as published.
 */
import type { HourlyGrid } from "../hourly-grid.js";
import type { NamedDesign } from "./calendar-features.js";

/** Milliseconds in a mean year: the trend's unit. */
const YEAR_MS = 365.25 * 86_400_000;

/** Returns the vanilla design of grid `rows`; the trend counts years since 1970 (UTC). */
export function vanillaFeatures(grid: HourlyGrid, rows: Int32Array): NamedDesign {
  const t = grid.temperatureC;
  const names = vanillaFeatureNames(t !== undefined);
  const cols = names.length;
  const x = new Float64Array(rows.length * cols);
  const { hour, month, weekday } = grid.calendar;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const base = r * cols;
    const m = month[i]! - 1;
    const h = hour[i]!;
    x[base] = grid.timeUtcMs[i]! / YEAR_MS;
    x[base + 1 + m] = 1;
    x[base + 13 + weekday[i]! * 24 + h] = 1;
    if (!t) continue;
    const c = base + 13 + 168;
    const powers = [t[i]!, t[i]! ** 2, t[i]! ** 3];
    for (let p = 0; p < 3; p++) {
      x[c + p] = powers[p]!;
      x[c + 3 + p * 12 + m] = powers[p]!;
      x[c + 39 + p * 24 + h] = powers[p]!;
    }
  }
  return { x, rows: rows.length, cols, names };
}

/** Names of the vanilla features, in design order. */
export function vanillaFeatureNames(withTemperature: boolean): string[] {
  const names = ["trendYears"];
  for (let m = 1; m <= 12; m++) names.push(`month_${m}`);
  for (const day of ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]) {
    for (let h = 0; h < 24; h++) names.push(`${day}Hour${h}`);
  }
  if (!withTemperature) return names;
  const powers = ["temperatureC", "temperatureC^2", "temperatureC^3"];
  names.push(...powers);
  for (const p of powers) for (let m = 1; m <= 12; m++) names.push(`${p}xMonth${m}`);
  for (const p of powers) for (let h = 0; h < 24; h++) names.push(`${p}xHour${h}`);
  return names;
}
