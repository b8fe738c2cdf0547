/**
 * A zone's temperature from several stations: at each hour of the union of their (same-phase)
 * hourly grids, the weighted mean of the stations that have a value there, the weights
 * renormalised over those stations (equal weights: the plain average). An hour no station covers
 * stays NaN. Flags are carried when any contributing station has them.
 */
import type { WeatherFrame } from "./clean-weather.js";

const HOUR_MS = 3_600_000;

/** One station's cleaned grid and weight. */
export interface WeightedStation {
  name: string;
  weight: number;
  frame: WeatherFrame;
}

/** The combined grid: a WeatherFrame plus how many stations reported each hour. */
export interface CombinedWeatherFrame extends WeatherFrame {
  readonly columns: WeatherFrame["columns"] & { readonly stationsReporting: Int32Array };
}

/** Hours of the combined period each station covers. */
export interface StationCoverage {
  name: string;
  /** hours with a value (observed or interpolated) */
  hoursWithValue: number;
  /** hoursWithValue ÷ hours of the combined period */
  coverage: number;
}

/** The combined grid, per-station coverage and hours where only some stations reported. */
export interface CombineWeatherStationsResult {
  frame: CombinedWeatherFrame;
  coverage: StationCoverage[];
  hoursPartial: number;
}

/** Returns the weighted mean temperature of `stations` on the union of their grids. */
export function combineWeatherStations(
  stations: readonly WeightedStation[],
): CombineWeatherStationsResult {
  const withRows = stations.filter((s) => s.frame.length > 0);
  const start = Math.min(...withRows.map((s) => s.frame.columns.timeUtcMs[0]!));
  const end = Math.max(...withRows.map((s) => s.frame.columns.timeUtcMs[s.frame.length - 1]!));
  const n = withRows.length === 0 ? 0 : Math.round((end - start) / HOUR_MS) + 1;
  const acc = newSums(n);
  const coverage = stations.map((s) => {
    const hoursWithValue = addStation(acc, s, start);
    return { name: s.name, hoursWithValue, coverage: n === 0 ? 0 : hoursWithValue / n };
  });
  const { sum, weights, reporting, flags } = acc;
  const timeUtcMs = new Float64Array(n);
  const temperatureC = new Float64Array(n);
  let hoursPartial = 0;
  for (let i = 0; i < n; i++) {
    timeUtcMs[i] = start + i * HOUR_MS;
    temperatureC[i] = weights[i]! > 0 ? sum[i]! / weights[i]! : Number.NaN;
    if (reporting[i]! > 0 && reporting[i]! < stations.length) hoursPartial++;
  }
  return {
    frame: {
      length: n,
      columns: { timeUtcMs, temperatureC, ...flags, stationsReporting: reporting },
    },
    coverage,
    hoursPartial,
  };
}

function newSums(n: number) {
  return {
    sum: new Float64Array(n),
    weights: new Float64Array(n),
    reporting: new Int32Array(n),
    flags: {
      temperatureFilled: new Uint8Array(n),
      temperatureMerged: new Uint8Array(n),
      dstAmbiguous: new Uint8Array(n),
    },
  };
}

// Adds a station's values (weighted) and flags to the sums; returns its hours with a value.
function addStation(acc: ReturnType<typeof newSums>, s: WeightedStation, start: number): number {
  const c = s.frame.columns;
  let hoursWithValue = 0;
  for (let r = 0; r < s.frame.length; r++) {
    const v = c.temperatureC[r]!;
    if (Number.isNaN(v)) continue;
    const i = Math.round((c.timeUtcMs[r]! - start) / HOUR_MS);
    acc.sum[i]! += s.weight * v;
    acc.weights[i]! += s.weight;
    acc.reporting[i]!++;
    hoursWithValue++;
    for (const key of ["temperatureFilled", "temperatureMerged", "dstAmbiguous"] as const)
      acc.flags[key][i]! |= c[key][r]!;
  }
  return hoursWithValue;
}
