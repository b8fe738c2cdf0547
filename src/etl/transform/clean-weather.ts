/**
 * Cleans one station's readings with the same care as load, in this order: convert to °C;
 * quarantine implausible values (outside minC … maxC); sort; merge readings sharing a stamp (mean);
 * put the readings on the load's hourly grid (sub-hourly readings: mean per hour-beginning hour;
 * hourly readings off the grid: the nearest grid hour, readings then sharing an hour averaged);
 * fill gaps of up to `maxFillHours` hours by linear interpolation (flag `temperatureFilled`);
 * report longer gaps, which stay NaN rows of the returned regular hourly grid.
 */
import { takeRows, type Frame } from "../../frame.js";
import type { QuarantinedRow } from "../extract/extract-result.js";
import type { GapInfo } from "../validate/quality-report.js";
import type { RawWeather } from "../weather/raw-weather.js";
import { detectGaps, inferIntervalMs } from "./detect-gaps.js";
import { fillGaps } from "./fill-gaps.js";
import { mergeDuplicates } from "./merge-duplicates.js";
import { sortByTime } from "./sort-by-time.js";
import { toCelsius } from "./to-celsius.js";

const HOUR_MS = 3_600_000;

/** Options of `cleanWeather`. */
export interface CleanWeatherOptions {
  /** coldest plausible reading in °C; default −60 */
  minC?: number;
  /** hottest plausible reading in °C; default 60 */
  maxC?: number;
  /** longest gap filled by interpolation, in hours; default 6 */
  maxFillHours?: number;
  /** where the load's hours start, in ms after a whole UTC hour; default 0 */
  gridPhaseMs?: number;
}

/** A regular hourly temperature series: one row per grid hour from first to last reading. */
export interface WeatherFrame extends Frame {
  readonly columns: {
    readonly timeUtcMs: Float64Array;
    /** °C; NaN in gaps longer than `maxFillHours` */
    readonly temperatureC: Float64Array;
    /** 1 where the value was interpolated */
    readonly temperatureFilled: Uint8Array;
    /** 1 where several readings (duplicates or sub-hourly ones) were averaged */
    readonly temperatureMerged: Uint8Array;
    /** 1 where a lone fall-back stamp was read as its first occurrence */
    readonly dstAmbiguous: Uint8Array;
  };
}

/** What cleaning did, for the weather quality report. */
export interface CleanWeatherStats {
  implausible: number;
  duplicatesMerged: number;
  /** the readings' most common step, in minutes */
  intervalMinutes: number;
  /** "hourly" (already on the grid), "hour-means" (sub-hourly) or "nearest-hour" */
  alignment: "hourly" | "hour-means" | "nearest-hour";
  /** readings folded into an hour's mean by the alignment */
  readingsAveraged: number;
  hoursObserved: number;
  hoursFilled: number;
  /** hours inside the longer gaps (NaN rows) */
  hoursMissing: number;
  longGaps: GapInfo[];
}

/** The cleaned grid, the rows quarantined as implausible, and the counts. */
export interface CleanWeatherResult {
  frame: WeatherFrame;
  quarantine: QuarantinedRow[];
  stats: CleanWeatherStats;
}

/** Returns the cleaned hourly temperature of `raw`. */
export function cleanWeather(
  raw: RawWeather,
  options: CleanWeatherOptions = {},
): CleanWeatherResult {
  const { frame: plausible, quarantine } = plausibleRows(
    raw,
    options.minC ?? -60,
    options.maxC ?? 60,
  );
  const sorted = sortByTime(plausible).frame;
  const unique = mergeMean(sorted);
  const step = inferIntervalMs(unique.frame.columns.timeUtcMs as Float64Array);
  const phase = options.gridPhaseMs ?? 0;
  const aligned = alignToHours(unique.frame, step, phase);
  const hourly = mergeMean(aligned.frame);
  const maxSteps = options.maxFillHours ?? 6;
  const filled = fillGaps(hourly.frame, {
    method: "linear",
    maxSteps,
    intervalMs: HOUR_MS,
    column: "temperatureC",
  });
  const gaps = detectGaps(filled.frame, { intervalMs: HOUR_MS });
  return {
    frame: regularGrid(filled.frame),
    quarantine,
    stats: {
      implausible: quarantine.length,
      duplicatesMerged: unique.rowsMerged,
      intervalMinutes: step / 60_000,
      alignment: aligned.alignment,
      readingsAveraged: hourly.rowsMerged,
      hoursObserved: hourly.frame.length,
      hoursFilled: filled.filled,
      hoursMissing: gaps.missingIntervals,
      longGaps: gaps.gaps,
    },
  };
}

function plausibleRows(
  raw: RawWeather,
  minC: number,
  maxC: number,
): { frame: Frame; quarantine: QuarantinedRow[] } {
  const c = raw.frame.columns;
  const celsius = toCelsius(c.value, raw.unit);
  const keep: number[] = [];
  const quarantine: QuarantinedRow[] = [];
  for (let i = 0; i < raw.frame.length; i++) {
    const t = celsius[i]!;
    if (t >= minC && t <= maxC) {
      keep.push(i);
      continue;
    }
    const from = raw.unit === "C" ? "" : ` (${c.value[i]} °${raw.unit})`.replace("°K", "K");
    quarantine.push({
      source: raw.files[c.file[i]!]?.location ?? "weather",
      line: c.line[i]!,
      raw: `${new Date(c.timeUtcMs[i]!).toISOString()},${c.value[i]}`,
      reason: `temperature implausible: ${round(t)} °C${from} (expected ${minC} … ${maxC} °C)`,
    });
  }
  const frame = {
    length: raw.frame.length,
    columns: { timeUtcMs: c.timeUtcMs, temperatureC: celsius, dstAmbiguous: c.dstAmbiguous },
  };
  return { frame: takeRows(frame, keep), quarantine };
}

// Rows sharing a stamp become one (mean). A merged row is flagged; a lone row keeps the flag an
// earlier merge gave it (the merge carries each group's first row).
function mergeMean(frame: Frame): { frame: Frame; rowsMerged: number } {
  const merged = mergeDuplicates(frame, { policy: "mean", valueColumns: ["temperatureC"] });
  const { duplicateMerged, temperatureMerged: before, ...rest } = merged.frame.columns;
  const flag = new Uint8Array(duplicateMerged as Uint8Array);
  if (before instanceof Uint8Array) for (let i = 0; i < flag.length; i++) flag[i]! |= before[i]!;
  return {
    frame: { length: merged.frame.length, columns: { ...rest, temperatureMerged: flag } },
    rowsMerged: merged.rowsMerged,
  };
}

function alignToHours(
  frame: Frame,
  stepMs: number,
  phase: number,
): { frame: Frame; alignment: CleanWeatherStats["alignment"] } {
  const t = frame.columns.timeUtcMs as Float64Array;
  const offGrid = t.some((v) => mod(v - phase, HOUR_MS) !== 0);
  if (!offGrid) return { frame, alignment: "hourly" };
  const subHourly = stepMs > 0 && stepMs < HOUR_MS;
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const k = (t[i]! - phase) / HOUR_MS;
    out[i] = (subHourly ? Math.floor(k) : Math.round(k)) * HOUR_MS + phase;
  }
  return {
    frame: { length: frame.length, columns: { ...frame.columns, timeUtcMs: out } },
    alignment: subHourly ? "hour-means" : "nearest-hour",
  };
}

function regularGrid(frame: Frame): WeatherFrame {
  const t = frame.columns.timeUtcMs as Float64Array;
  const n = t.length === 0 ? 0 : Math.round((t[t.length - 1]! - t[0]!) / HOUR_MS) + 1;
  const timeUtcMs = new Float64Array(n);
  const temperatureC = new Float64Array(n).fill(Number.NaN);
  const temperatureFilled = new Uint8Array(n);
  const temperatureMerged = new Uint8Array(n);
  const dstAmbiguous = new Uint8Array(n);
  for (let i = 0; i < n; i++) timeUtcMs[i] = t[0]! + i * HOUR_MS;
  const c = frame.columns;
  for (let r = 0; r < t.length; r++) {
    const i = Math.round((t[r]! - t[0]!) / HOUR_MS);
    temperatureC[i] = (c.temperatureC as Float64Array)[r]!;
    temperatureFilled[i] = (c.filled as Uint8Array)[r]!;
    temperatureMerged[i] = (c.temperatureMerged as Uint8Array)[r]!;
    dstAmbiguous[i] = (c.dstAmbiguous as Uint8Array)[r]!;
  }
  return {
    length: n,
    columns: { timeUtcMs, temperatureC, temperatureFilled, temperatureMerged, dstAmbiguous },
  };
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

function round(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}
