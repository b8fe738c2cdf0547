/**
 * Joins hourly temperature onto a load series by UTC stamp and derives heating and cooling
 * degree-hours per interval: HDH = max(0, heatingBase − T) × hours, CDH = max(0, T − coolingBase) ×
 * hours. An hourly (or shorter) interval takes the weather hour that contains its start; a longer
 * one (daily, weekly) the mean of the weather hours inside it, its degree-hours summed hour by
 * hour (scaled up when some hours are missing). Intervals without weather get NaN and are counted,
 * and the overlap of the two series is reported.
 */
import { numberColumn, type Column, type Frame } from "../../frame.js";

const HOUR_MS = 3_600_000;

/** Options of `joinWeather`. */
export interface JoinWeatherOptions {
  /** weather value column; default "temperatureC" */
  column?: string;
  /** heating base in °C; default 18 */
  heatingBaseC?: number;
  /** cooling base in °C; default 22 */
  coolingBaseC?: number;
  /** interval of the load series in ms; default 3,600,000 */
  intervalMs?: number;
}

/** Where the load and the weather overlap. */
export interface WeatherOverlap {
  /** load rows, and how many got a temperature */
  rows: number;
  rowsWithTemperature: number;
  /** first and last load interval with a temperature (ISO UTC), null when none */
  firstCoveredUtc: string | null;
  lastCoveredUtc: string | null;
  /** load rows before the first covered one, after the last one, and uncovered in between */
  rowsBefore: number;
  rowsAfter: number;
  rowsInside: number;
}

/** The joined frame, how many stamps had no weather, and the overlap. */
export interface JoinWeatherResult<F extends Frame> {
  frame: F;
  unmatched: number;
  overlap: WeatherOverlap;
}

/**
 * Returns `series` plus temperatureC, heatingDegreeHours and coolingDegreeHours columns (and
 * temperatureFilled when the weather has that flag).
 */
export function joinWeather<F extends Frame>(
  series: F,
  weather: Frame,
  options: JoinWeatherOptions = {},
): JoinWeatherResult<F> {
  const t = numberColumn(series, "timeUtcMs");
  const wt = numberColumn(weather, "timeUtcMs");
  const wv = numberColumn(weather, options.column ?? "temperatureC");
  const wf = weather.columns.temperatureFilled;
  const byTime = indexByTime(wt);
  const intervalMs = options.intervalMs ?? HOUR_MS;
  const hours = intervalMs / HOUR_MS;
  const span = intervalMs > HOUR_MS ? Math.round(hours) : 1;
  const phase = wt.length === 0 ? 0 : mod(wt[0]!, HOUR_MS);
  const bases = { heat: options.heatingBaseC ?? 18, cool: options.coolingBaseC ?? 22 };
  const n = series.length;
  const out = {
    temperatureC: new Float64Array(n),
    hdh: new Float64Array(n),
    cdh: new Float64Array(n),
    filled: new Uint8Array(n),
  };
  const w = { wv, wf, hours, ...bases };
  for (let i = 0; i < n; i++) {
    const first = Math.floor((t[i]! - phase) / HOUR_MS) * HOUR_MS + phase;
    const rows: number[] = [];
    for (let k = 0; k < span; k++) {
      const j = byTime.get(first + k * HOUR_MS);
      if (j !== undefined && !Number.isNaN(wv[j]!)) rows.push(j);
    }
    joinRow(i, rows, w, out);
  }
  const columns: Record<string, Column> = {
    ...series.columns,
    temperatureC: out.temperatureC,
    heatingDegreeHours: out.hdh,
    coolingDegreeHours: out.cdh,
    ...(wf instanceof Uint8Array ? { temperatureFilled: out.filled } : {}),
  };
  const overlap = overlapOf(t, out.temperatureC);
  return {
    frame: { length: n, columns } as unknown as F,
    unmatched: n - overlap.rowsWithTemperature,
    overlap,
  };
}

// Row `i` of the output from the weather rows of its interval (mean; degree-hours per hour).
function joinRow(
  i: number,
  rows: readonly number[],
  w: { wv: Float64Array; wf: Column | undefined; hours: number; heat: number; cool: number },
  out: { temperatureC: Float64Array; hdh: Float64Array; cdh: Float64Array; filled: Uint8Array },
): void {
  if (rows.length === 0) {
    out.temperatureC[i] = out.hdh[i] = out.cdh[i] = Number.NaN;
    return;
  }
  let sum = 0;
  let heating = 0;
  let cooling = 0;
  for (const j of rows) {
    const v = w.wv[j]!;
    sum += v;
    heating += Math.max(0, w.heat - v);
    cooling += Math.max(0, v - w.cool);
    if (w.wf instanceof Uint8Array && w.wf[j]) out.filled[i] = 1;
  }
  out.temperatureC[i] = sum / rows.length;
  out.hdh[i] = (heating / rows.length) * w.hours;
  out.cdh[i] = (cooling / rows.length) * w.hours;
}

function overlapOf(t: Float64Array, temperatureC: Float64Array): WeatherOverlap {
  let first = -1;
  let last = -1;
  let covered = 0;
  for (let i = 0; i < t.length; i++) {
    if (Number.isNaN(temperatureC[i]!)) continue;
    if (first < 0) first = i;
    last = i;
    covered++;
  }
  const iso = (i: number) => (i < 0 ? null : new Date(t[i]!).toISOString());
  return {
    rows: t.length,
    rowsWithTemperature: covered,
    firstCoveredUtc: iso(first),
    lastCoveredUtc: iso(last),
    rowsBefore: first < 0 ? t.length : first,
    rowsAfter: last < 0 ? 0 : t.length - 1 - last,
    rowsInside: first < 0 ? 0 : last - first + 1 - covered,
  };
}

function indexByTime(t: Float64Array): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < t.length; i++) map.set(t[i]!, i);
  return map;
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}
