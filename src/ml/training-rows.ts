/** Which grid rows and origins a model may train or validate on. */
import type { HourlyGrid } from "./hourly-grid.js";
import { DAY_AHEAD_HISTORY } from "./features/day-ahead-features.js";

/** Hours in a (non-leap) year, used to express training windows in years. */
export const HOURS_PER_YEAR = 8760;

/** Rows in [start, end) with an observed load. */
export function observedRows(grid: HourlyGrid, start: number, end: number): Int32Array {
  const out: number[] = [];
  for (let i = Math.max(0, start); i < end; i++) if (Number.isFinite(grid.loadMw[i]!)) out.push(i);
  return Int32Array.from(out);
}

/**
 * Local midnights o in [start, end − horizon] with a full week of history before them and,
 * when `complete`, every target o … o + horizon − 1 observed.
 */
export function dayAheadOrigins(
  grid: HourlyGrid,
  start: number,
  end: number,
  horizon: number,
  complete = true,
): Int32Array {
  const out: number[] = [];
  for (let o = Math.max(start, DAY_AHEAD_HISTORY); o + horizon <= end; o++) {
    if (grid.calendar.hour[o] !== 0) continue;
    if (complete && !allObserved(grid, o, o + horizon)) continue;
    out.push(o);
  }
  return Int32Array.from(out);
}

function allObserved(grid: HourlyGrid, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!Number.isFinite(grid.loadMw[i]!)) return false;
  return true;
}

/** Start row of a training window of `years` ending at `end` (0 years = all rows). */
export function windowStart(end: number, years: number): number {
  return years > 0 ? Math.max(0, end - Math.round(years * HOURS_PER_YEAR)) : 0;
}
