/**
 * The ridge's training rows: long-horizon, hourly calendar features with one level column per
 * training year; day-ahead, the origins' features with targets relative to each origin's level.
 */
import { ModelError } from "../errors.js";
import { calendarFeatures, type NamedDesign } from "./features/calendar-features.js";
import { dayAheadFeatures, dayAheadLevels, horizonTargets } from "./features/day-ahead-features.js";
import type { HourlyGrid } from "./hourly-grid.js";
import type { FitContext } from "./model.js";
import { dayAheadOrigins, HOURS_PER_YEAR, observedRows } from "./training-rows.js";

/** The design and targets of a ridge fit on rows [start, end). */
export interface TrainingData {
  design: NamedDesign;
  targets: Float64Array;
  outputs: number;
  /** long-horizon: number of yearly level columns */
  periods?: number;
  /** day-ahead: the origins and each one's day of the year (for the seasonal ridges) */
  origins?: Int32Array;
  daysOfYear?: Int32Array;
}

/** Returns the ridge's design and targets on grid rows [start, end); ModelError on too few rows. */
export function ridgeTrainingData(
  grid: HourlyGrid,
  context: FitContext,
  start: number,
  end: number,
): TrainingData {
  if (context.task === "day-ahead") {
    const origins = dayAheadOrigins(grid, start, end, context.horizon);
    if (origins.length < 14) {
      throw new ModelError(
        `too little history for day-ahead ridge: ${origins.length} complete days before the origin (expected at least 14 after one week of history)`,
      );
    }
    // targets relative to each origin's level, like the load features
    const targets = horizonTargets(grid, origins, context.horizon);
    const levels = dayAheadLevels(grid, origins);
    for (let k = 0; k < targets.length; k++)
      targets[k] = targets[k]! / levels[Math.floor(k / context.horizon)]!;
    return {
      design: dayAheadFeatures(grid, origins),
      targets,
      outputs: context.horizon,
      origins,
      daysOfYear: originDaysOfYear(grid, origins),
    };
  }
  const rows = observedRows(grid, start, end);
  if (rows.length < 24 * 28) {
    throw new ModelError(
      `too little history for ridge: ${rows.length} hours (expected at least 672)`,
    );
  }
  const targets = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) targets[r] = grid.loadMw[rows[r]!]!;
  const periods = Math.max(1, Math.floor((end - Math.max(0, start)) / HOURS_PER_YEAR));
  const periodOf = (r: number): number =>
    Math.min(periods - 1, Math.floor((end - 1 - rows[r]!) / HOURS_PER_YEAR));
  return {
    design: withLevels(calendarFeatures(grid, rows), periodOf, periods, 1),
    targets,
    outputs: 1,
    periods,
  };
}

/**
 * Appends one level column per year counted back from the training end (column 0 = the last
 * year). Training rows get a one-hot (`periodOf(r)`); forecasts (`periodOf` → −1) get 1/recent on
 * the `recent` latest years, so the forecast level follows recent years rather than the average.
 */
export function withLevels(
  design: NamedDesign,
  periodOf: (r: number) => number,
  periods: number,
  recent: number,
): NamedDesign {
  const cols = design.cols + periods;
  const x = copyLeadingColumns(design, design.cols, cols);
  for (let r = 0; r < design.rows; r++) {
    const p = periodOf(r);
    if (p >= 0) x[r * cols + design.cols + p] = 1;
    else for (let q = 0; q < recent; q++) x[r * cols + design.cols + q] = 1 / recent;
  }
  const names = [
    ...design.names,
    ...Array.from({ length: periods }, (_, p) => `level_year-${p + 1}`),
  ];
  return { x, rows: design.rows, cols, names };
}

/** Local day of the year of each origin (the first forecast day). */
export function originDaysOfYear(grid: HourlyGrid, origins: Int32Array): Int32Array {
  return Int32Array.from(origins, (o) => grid.calendar.dayOfYear[o]!);
}

/**
 * Returns a rows × `cols` matrix whose first `width` columns of each row are `design`'s first
 * `width` (the rest zero): a design widened for appended columns, or cut to its leading block.
 */
export function copyLeadingColumns(design: NamedDesign, width: number, cols: number): Float64Array {
  const x = new Float64Array(design.rows * cols);
  const from = design.x;
  for (let r = 0; r < design.rows; r++) {
    // an element loop, not set(subarray()): a view per row costs more than the copy on big designs
    for (let j = 0, i = r * design.cols, o = r * cols; j < width; j++) x[o + j] = from[i + j]!;
  }
  return x;
}
