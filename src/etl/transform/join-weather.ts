/**
 * Joins temperature onto a load series by exact UTC stamp and derives heating and cooling
 * degree-hours per interval: HDH = max(0, heatingBase − T) × hours, CDH = max(0, T − coolingBase) × hours.
 * Stamps without weather get NaN and are counted.
 */
import { numberColumn, type Column, type Frame } from "../../frame.js";

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

/** The joined frame and how many stamps had no weather. */
export interface JoinWeatherResult<F extends Frame> {
  frame: F;
  unmatched: number;
}

/** Returns `series` plus temperatureC, heatingDegreeHours and coolingDegreeHours columns. */
export function joinWeather<F extends Frame>(
  series: F,
  weather: Frame,
  options: JoinWeatherOptions = {},
): JoinWeatherResult<F> {
  const t = numberColumn(series, "timeUtcMs");
  const wt = numberColumn(weather, "timeUtcMs");
  const wv = numberColumn(weather, options.column ?? "temperatureC");
  const byTime = new Map<number, number>();
  for (let i = 0; i < wt.length; i++) byTime.set(wt[i]!, wv[i]!);
  const hours = (options.intervalMs ?? 3_600_000) / 3_600_000;
  const heat = options.heatingBaseC ?? 18;
  const cool = options.coolingBaseC ?? 22;
  const n = series.length;
  const temperatureC = new Float64Array(n);
  const hdh = new Float64Array(n);
  const cdh = new Float64Array(n);
  let unmatched = 0;
  for (let i = 0; i < n; i++) {
    const v = byTime.get(t[i]!);
    const temp = v === undefined ? Number.NaN : v;
    if (v === undefined) unmatched++;
    temperatureC[i] = temp;
    hdh[i] = Number.isNaN(temp) ? Number.NaN : Math.max(0, heat - temp) * hours;
    cdh[i] = Number.isNaN(temp) ? Number.NaN : Math.max(0, temp - cool) * hours;
  }
  const columns: Record<string, Column> = {
    ...series.columns,
    temperatureC,
    heatingDegreeHours: hdh,
    coolingDegreeHours: cdh,
  };
  return { frame: { length: n, columns } as unknown as F, unmatched };
}
