/**
 * Training samples of the TensorFlow.js models. Day-ahead: one sample per complete local-midnight
 * origin. Long-horizon: one sample per complete 24-hour local day (a daily profile), so the
 * network learns whole-day shapes from day-level calendar features.
 */
import type { HourlyGrid } from "./hourly-grid.js";
import type { ForecastTaskKind } from "./model.js";
import { dayAheadOrigins } from "./training-rows.js";

/** Complete samples in [start, end): origins (day-ahead) or day starts (long-horizon). */
export function networkSamples(
  grid: HourlyGrid,
  task: ForecastTaskKind,
  start: number,
  end: number,
  horizon: number,
): Int32Array {
  if (task === "day-ahead") return dayAheadOrigins(grid, start, end, horizon);
  const out: number[] = [];
  for (let o = Math.max(0, start); o + 24 <= end; o++) {
    if (grid.calendar.hour[o] !== 0 || grid.calendar.hour[o + 23] !== 23) continue;
    let complete = true;
    for (let i = o; i < o + 24 && complete; i++) complete = Number.isFinite(grid.loadMw[i]!);
    if (complete) out.push(o);
  }
  return Int32Array.from(out);
}

/** For each requested row, the first grid row of its local day (rows may start mid-day). */
export function dayStartOf(grid: HourlyGrid, row: number): number {
  const day = grid.calendar.dayNumber[row]!;
  let start = row;
  while (start > 0 && grid.calendar.dayNumber[start - 1] === day) start--;
  return start;
}
