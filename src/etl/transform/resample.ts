/**
 * Resamples a series to hourly, daily or weekly buckets: mean for power (MW), sum for energy
 * (MWh = MW × interval hours). Daily and weekly buckets follow the local calendar of
 * `timeZone` (weeks start Monday), so a DST day is a 23- or 25-hour bucket. Each bucket records
 * how many intervals it held and its coverage (held / expected).
 */
import { InputError } from "../../errors.js";
import { numberColumn, type Frame } from "../../frame.js";
import { LocalToUtc } from "./local-to-utc.js";
import { inferIntervalMs } from "./detect-gaps.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Options of `resample`. */
export interface ResampleOptions {
  /** "hourly" (default), "daily" or "weekly" */
  frequency?: "hourly" | "daily" | "weekly";
  /** local calendar for daily/weekly buckets; default "UTC" */
  timeZone?: string;
  /** step of the input in ms; default inferred */
  intervalMs?: number;
  /** value column (MW); default "loadMw" */
  column?: string;
}

/** A resampled frame: timeUtcMs (bucket start), loadMw (mean), energyMwh (sum), count, coverage. */
export type ResampledFrame = Frame & {
  columns: {
    timeUtcMs: Float64Array;
    loadMw: Float64Array;
    energyMwh: Float64Array;
    count: Int32Array;
    coverage: Float64Array;
  };
};

/** Returns `series` (sorted by time) aggregated into buckets. */
export function resample(series: Frame, options: ResampleOptions = {}): ResampledFrame {
  const frequency = options.frequency ?? "hourly";
  if (!["hourly", "daily", "weekly"].includes(frequency)) {
    throw new InputError(`invalid frequency: "${frequency}" (expected hourly, daily or weekly)`);
  }
  const t = numberColumn(series, "timeUtcMs");
  const x = numberColumn(series, options.column ?? "loadMw");
  const step = options.intervalMs ?? (inferIntervalMs(t) || HOUR_MS);
  const sums = new _BucketSums(frequency, options.timeZone ?? "UTC");
  sums.push(t, x);
  return sums.finish(step);
}

/**
 * The running state of `resample`: rows pushed in time order, in one call or in many chunks,
 * give the same buckets (and the same sums, added in the same order).
 */
export class _BucketSums {
  private readonly zone: LocalToUtc;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly sums: number[] = [];
  private readonly counts: number[] = [];
  private currentEnd = -Infinity;

  constructor(
    private readonly frequency: "hourly" | "daily" | "weekly",
    timeZone: string,
  ) {
    this.zone = new LocalToUtc(timeZone);
  }

  /** Adds rows sorted by time (continuing the previous chunk). */
  push(t: Float64Array, x: Float64Array): void {
    const { starts, ends, sums, counts } = this;
    for (let i = 0; i < t.length; i++) {
      if (t[i]! >= this.currentEnd || t[i]! < starts[starts.length - 1]!) {
        const [start, end] = bucketOf(t[i]!, this.frequency, this.zone);
        this.currentEnd = end;
        starts.push(start);
        ends.push(end);
        sums.push(0);
        counts.push(0);
      }
      const v = x[i]!;
      if (Number.isFinite(v)) {
        sums[sums.length - 1]! += v;
        counts[counts.length - 1]!++;
      }
    }
  }

  /** The buckets, with energy and coverage for input rows `stepMs` apart. */
  finish(stepMs: number): ResampledFrame {
    const { starts, ends, sums, counts } = this;
    const n = starts.length;
    const out = {
      timeUtcMs: Float64Array.from(starts),
      loadMw: new Float64Array(n),
      energyMwh: new Float64Array(n),
      count: Int32Array.from(counts),
      coverage: new Float64Array(n),
    };
    for (let b = 0; b < n; b++) {
      const c = counts[b]!;
      out.loadMw[b] = c > 0 ? sums[b]! / c : Number.NaN;
      out.energyMwh[b] = (sums[b]! * stepMs) / HOUR_MS;
      out.coverage[b] = Math.min(1, c / Math.max(1, Math.round((ends[b]! - starts[b]!) / stepMs)));
    }
    return { length: n, columns: out };
  }
}

/** Returns [start, end) in UTC ms of the bucket holding `utcMs` (days and weeks follow `zone`). */
export function bucketOf(utcMs: number, frequency: string, zone: LocalToUtc): [number, number] {
  if (frequency === "hourly") {
    const start = Math.floor(utcMs / HOUR_MS) * HOUR_MS;
    return [start, start + HOUR_MS];
  }
  const offset = zone.offsetAt(utcMs) * 60_000;
  let day = Math.floor((utcMs + offset) / DAY_MS);
  let days = 1;
  if (frequency === "weekly") {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    day -= (weekday + 6) % 7;
    days = 7;
  }
  return [localMidnight(day, zone), localMidnight(day + days, zone)];
}

// The day's first instant: for a midnight the clock skips (Sao Paulo until 2019), the transition.
function localMidnight(day: number, zone: LocalToUtc): number {
  return zone.resolve(day * DAY_MS, { kind: "normal", earlierUtcMs: 0, laterUtcMs: 0 })
    .earlierUtcMs;
}
