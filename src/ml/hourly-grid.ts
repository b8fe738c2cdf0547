/**
 * The regular hourly UTC grid every model works on: missing hours become NaN rows, a causally
 * filled copy of the load (optionally without rows flagged in an `outlier` column) (a gap takes the value 24 h earlier, else the previous hour) feeds lag
 * features, and the local calendar of each row is computed once.
 */
import { InputError } from "../errors.js";
import type { LoadSeries } from "../frame.js";
import { calendarTable, type CalendarTable } from "./calendar-table.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";

const HOUR_MS = 3_600_000;

/** Options of toHourlyGrid. */
export interface HourlyGridOptions {
  /** IANA zone of the calendar features; default "UTC" */
  timeZone?: string;
  /** holiday country (ISO, optionally "US-NY"); default "US" */
  holidayCountry?: string;
  /** treat rows the ETL flagged in an `outlier` column as missing; default false (they would also
   * leave the evaluation, so backtests keep them) */
  dropOutliers?: boolean;
  /** extra hours appended after the last row (NaN load), for forecasting beyond the data; default 0 */
  extendHours?: number;
}

/** An hourly grid: `timeUtcMs` are interval starts one hour apart. */
export interface HourlyGrid {
  readonly length: number;
  readonly timeUtcMs: Float64Array;
  /** observed load, NaN where missing */
  readonly loadMw: Float64Array;
  /** load with gaps filled from earlier rows only (never from later ones) */
  readonly filledMw: Float64Array;
  /** temperature in °C when the series has a `temperatureC` column */
  readonly temperatureC: Float64Array | undefined;
  readonly calendar: CalendarTable;
  readonly timeZone: string;
  readonly holidayCountry: string;
}

/** Returns `series` on a regular hourly grid; throws InputError for non-hourly or empty load. */
export function toHourlyGrid(series: LoadSeries, options: HourlyGridOptions = {}): HourlyGrid {
  const times = series.columns.timeUtcMs;
  const loads = series.columns.loadMw;
  if (!(loads instanceof Float64Array) || !(times instanceof Float64Array)) {
    throw new InputError("load series not numeric: loadMw/timeUtcMs (expected Float64Array)");
  }
  const first = firstFinite(loads);
  if (first < 0) {
    throw new InputError(`load series has no numeric values: ${series.length} rows (expected MW)`);
  }
  const start = times[first]!;
  const last = times[times.length - 1]!;
  checkHourly(times, first);
  const extend = options.extendHours ?? 0;
  const length = Math.round((last - start) / HOUR_MS) + 1 + extend;
  const timeUtcMs = new Float64Array(length);
  for (let i = 0; i < length; i++) timeUtcMs[i] = start + i * HOUR_MS;
  const loadMw = new Float64Array(length).fill(NaN);
  const temp = series.columns.temperatureC;
  const temperatureC =
    temp instanceof Float64Array ? new Float64Array(length).fill(NaN) : undefined;
  const outlier = series.columns.outlier;
  const flagged =
    options.dropOutliers === true && outlier instanceof Uint8Array ? outlier : undefined;
  for (let r = first; r < times.length; r++) {
    const i = Math.round((times[r]! - start) / HOUR_MS);
    loadMw[i] = flagged?.[r] ? NaN : loads[r]!;
    if (temperatureC && temp instanceof Float64Array) temperatureC[i] = temp[r]!;
  }
  const timeZone = options.timeZone ?? FORECAST_DEFAULTS.timeZone;
  const holidayCountry = options.holidayCountry ?? FORECAST_DEFAULTS.holidayCountry;
  return {
    length,
    timeUtcMs,
    loadMw,
    filledMw: causalFill(loadMw),
    temperatureC: usableTemperature(temperatureC),
    calendar: calendarTable(timeUtcMs, { timeZone, holidayCountry }),
    timeZone,
    holidayCountry,
  };
}

/** Fills NaN from 24 h earlier (else the previous row); reads only earlier rows. */
export function causalFill(values: Float64Array): Float64Array {
  const out = values.slice();
  for (let i = 1; i < out.length; i++) {
    if (Number.isFinite(out[i]!)) continue;
    const day = i >= 24 ? out[i - 24]! : NaN;
    out[i] = Number.isFinite(day) ? day : out[i - 1]!;
  }
  return out;
}

/**
 * The causally filled temperature, or undefined when some hour still has none (e.g. a weather file
 * that does not cover the load's period): degree-hour features need a value at every hour, and a
 * NaN feature would poison every model's fit.
 */
function usableTemperature(values: Float64Array | undefined): Float64Array | undefined {
  if (!values) return undefined;
  const filled = causalFill(values);
  for (let i = 0; i < filled.length; i++) if (!Number.isFinite(filled[i]!)) return undefined;
  return filled;
}

function firstFinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) return i;
  return -1;
}

function checkHourly(times: Float64Array, from: number): void {
  for (let r = from + 1; r < times.length; r++) {
    const step = times[r]! - times[r - 1]!;
    if (step <= 0 || step % HOUR_MS !== 0) {
      throw new InputError(
        `load series not hourly: step of ${step / 60000} minutes at row ${r} (expected sorted, unique whole hours; resample first)`,
      );
    }
  }
}
