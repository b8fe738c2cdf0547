/**
 * Per-hour temperature aggregates that the weather features are built from, and the
 * piecewise-linear temperature terms. Conventions (ex post, as in every weather-aware backtest):
 * a row may read the observed temperatures of its own local day (the forecast day), including
 * its later hours; everything else is causal — trailing means end at the row, and the previous
 * day is the local day before it. Nothing reads a temperature after the row's local day.
 */
import type { HourlyGrid } from "../hourly-grid.js";

/**
 * Knots (°C) of the piecewise-linear temperature terms: heating below 15 °C and, steeper, below
 * 5 °C (electric heating in hard frost); cooling above 18 °C and, steeper, above 24 °C (air
 * conditioning running flat out). 15 and 18 °C bracket the flat bottom of PJM's
 * temperature–load curve (about 59–65 °F). A degree hour is one hour one degree past a knot.
 */
export const TEMPERATURE_KNOTS_C = { heating: 15, frost: 5, cooling: 18, heat: 24 } as const;

/** Names of the five temperature terms, in `temperatureTerms` order. */
export const TEMPERATURE_TERM_NAMES: readonly string[] = [
  "temperatureC",
  "heatingDegreeHours15",
  "heatingDegreeHours5",
  "coolingDegreeHours18",
  "coolingDegreeHours24",
];

/** Heating degree hours of `t` °C below 15 °C. */
export function heating(t: number): number {
  return Math.max(0, TEMPERATURE_KNOTS_C.heating - t);
}

/** Cooling degree hours of `t` °C above 18 °C. */
export function cooling(t: number): number {
  return Math.max(0, t - TEMPERATURE_KNOTS_C.cooling);
}

/** Writes the five piecewise-linear terms of `t` (°C) into `x` at `at`; returns the next column. */
export function temperatureTerms(t: number, x: Float64Array, at: number): number {
  x[at] = t;
  x[at + 1] = heating(t);
  x[at + 2] = Math.max(0, TEMPERATURE_KNOTS_C.frost - t);
  x[at + 3] = cooling(t);
  x[at + 4] = Math.max(0, t - TEMPERATURE_KNOTS_C.heat);
  return at + 5;
}

/** Temperature aggregates of every grid row, °C (degree hours: °C above or below the knot). */
export interface TemperatureTable {
  /** the (causally filled) hourly temperature */
  readonly hourly: Float64Array;
  /** mean / max / min over the row's local day (ex post: includes its later hours) */
  readonly dayMean: Float64Array;
  readonly dayMax: Float64Array;
  readonly dayMin: Float64Array;
  /** mean heating (below 15 °C) and cooling (above 18 °C) degree hours of the row's local day */
  readonly dayHeating: Float64Array;
  readonly dayCooling: Float64Array;
  /** mean over the previous local day (the row's own day for the grid's first day) */
  readonly previousDayMean: Float64Array;
  /** trailing means over the last 24 and 72 hours, the row included */
  readonly mean24: Float64Array;
  readonly mean72: Float64Array;
  /** trailing means of the cooling degree hours over the last 24 and 72 hours (heat build-up) */
  readonly cooling24: Float64Array;
  readonly cooling72: Float64Array;
}

/** Returns the temperature aggregates of `grid`, or undefined when it has no temperature. */
export function temperatureTable(grid: HourlyGrid): TemperatureTable | undefined {
  const t = grid.temperatureC;
  if (!t) return undefined;
  const hourlyCooling = t.map(cooling);
  return {
    hourly: t,
    ...dayAggregates(t, grid.calendar.dayNumber),
    mean24: trailingMean(t, 24),
    mean72: trailingMean(t, 72),
    cooling24: trailingMean(hourlyCooling, 24),
    cooling72: trailingMean(hourlyCooling, 72),
  };
}

type DayAggregates = Pick<
  TemperatureTable,
  "dayMean" | "dayMax" | "dayMin" | "dayHeating" | "dayCooling" | "previousDayMean"
>;

/** Aggregates over each run of rows with the same local day number. */
function dayAggregates(t: Float64Array, days: Int32Array): DayAggregates {
  const n = t.length;
  const out = {
    dayMean: new Float64Array(n),
    dayMax: new Float64Array(n),
    dayMin: new Float64Array(n),
    dayHeating: new Float64Array(n),
    dayCooling: new Float64Array(n),
    previousDayMean: new Float64Array(n),
  };
  let previous = NaN;
  for (let start = 0; start < n;) {
    let end = start;
    let sum = 0;
    let max = -Infinity;
    let min = Infinity;
    let heat = 0;
    let cool = 0;
    for (; end < n && days[end] === days[start]; end++) {
      const v = t[end]!;
      sum += v;
      max = Math.max(max, v);
      min = Math.min(min, v);
      heat += heating(v);
      cool += cooling(v);
    }
    const hours = end - start;
    const mean = sum / hours;
    out.dayMean.fill(mean, start, end);
    out.dayMax.fill(max, start, end);
    out.dayMin.fill(min, start, end);
    out.dayHeating.fill(heat / hours, start, end);
    out.dayCooling.fill(cool / hours, start, end);
    out.previousDayMean.fill(Number.isNaN(previous) ? mean : previous, start, end);
    previous = mean;
    start = end;
  }
  return out;
}

/** Mean of values[i − hours + 1 … i] (fewer at the start). */
function trailingMean(values: Float64Array, hours: number): Float64Array {
  const out = new Float64Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= hours) sum -= values[i - hours]!;
    out[i] = sum / Math.min(i + 1, hours);
  }
  return out;
}
