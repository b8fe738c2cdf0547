/**
 * Streaming resampler: rows arrive one by one, in any order, and only per-bucket sums and counts
 * are kept (memory grows with the number of buckets, not of rows). Exact duplicate stamps are
 * detected per bucket (a minute bitmask for whole-minute stamps, else a set) and kept first-wins
 * or refused. The result has the same columns as `resample`.
 */
import { ValidationError } from "../../errors.js";
import { LocalToUtc } from "./local-to-utc.js";
import { bucketOf, type ResampledFrame } from "./resample.js";

/** Options of a BucketAccumulator. */
export interface BucketAccumulatorOptions {
  /** "hourly" (default), "daily" or "weekly" */
  frequency?: "hourly" | "daily" | "weekly";
  /** local calendar of daily/weekly buckets; default "UTC" */
  timeZone?: string;
  /** duplicates: "first" keeps the first value of a stamp (default), "fail" throws */
  duplicates?: "first" | "fail";
}

/** Accumulates rows into time buckets; call `add` per row and `finish` once. */
export class BucketAccumulator {
  duplicates = 0;
  rows = 0;
  descents = 0;
  private readonly index = new Map<number, number>();
  private starts: number[] = [];
  private ends: number[] = [];
  private sums: number[] = [];
  private counts: number[] = [];
  private masks: number[] = []; // two 32-bit words per bucket: minutes 0-31, 32-63 (hourly)
  private readonly seen = new Map<number, Set<number>>();
  private readonly diffs = new Map<number, number>();
  private previous = Number.NaN;
  private readonly zone: LocalToUtc;
  private readonly frequency: "hourly" | "daily" | "weekly";
  private readonly policy: "first" | "fail";

  constructor(options: BucketAccumulatorOptions = {}) {
    this.frequency = options.frequency ?? "hourly";
    this.zone = new LocalToUtc(options.timeZone ?? "UTC");
    this.policy = options.duplicates ?? "first";
  }

  /** Adds one row; returns false when it duplicated a stamp already seen (and was not counted). */
  add(utcMs: number, value: number): boolean {
    if (utcMs < this.previous) this.descents++;
    const d = utcMs - this.previous;
    if (d > 0 && d < 86_400_000 && this.diffs.size < 64)
      this.diffs.set(d, (this.diffs.get(d) ?? 0) + 1);
    else if (d > 0 && this.diffs.has(d)) this.diffs.set(d, this.diffs.get(d)! + 1);
    this.previous = utcMs;
    const b = this.bucket(utcMs);
    if (this.isDuplicate(b, utcMs)) {
      if (this.policy === "fail") {
        throw new ValidationError(
          `duplicate timestamps: ${new Date(utcMs).toISOString()} appears more than once (expected unique stamps; use duplicates first)`,
        );
      }
      this.duplicates++;
      return false;
    }
    this.rows++;
    this.sums[b]! += value;
    this.counts[b]!++;
    return true;
  }

  /** Returns the buckets in time order as a ResampledFrame, and the step of the input rows. */
  finish(): { frame: ResampledFrame; intervalMs: number } {
    let intervalMs = 0;
    let best = 0;
    for (const [d, c] of this.diffs)
      if (c > best || (c === best && d < intervalMs)) [intervalMs, best] = [d, c];
    const order = Array.from(this.starts.keys()).sort((a, b) => this.starts[a]! - this.starts[b]!);
    const n = order.length;
    const columns = {
      timeUtcMs: new Float64Array(n),
      loadMw: new Float64Array(n),
      energyMwh: new Float64Array(n),
      count: new Int32Array(n),
      coverage: new Float64Array(n),
    };
    const step = intervalMs || 3_600_000;
    order.forEach((b, k) => {
      const c = this.counts[b]!;
      columns.timeUtcMs[k] = this.starts[b]!;
      columns.loadMw[k] = c > 0 ? this.sums[b]! / c : Number.NaN;
      columns.energyMwh[k] = (this.sums[b]! * step) / 3_600_000;
      columns.count[k] = c;
      columns.coverage[k] = Math.min(
        1,
        c / Math.max(1, Math.round((this.ends[b]! - this.starts[b]!) / step)),
      );
    });
    return { frame: { length: n, columns }, intervalMs };
  }

  private bucket(utcMs: number): number {
    const hour = Math.floor(utcMs / 3_600_000) * 3_600_000;
    const key = this.frequency === "hourly" ? hour : bucketOf(utcMs, this.frequency, this.zone)[0];
    let b = this.index.get(key);
    if (b === undefined) {
      const [start, end] =
        this.frequency === "hourly"
          ? [hour, hour + 3_600_000]
          : bucketOf(utcMs, this.frequency, this.zone);
      b = this.starts.length;
      this.index.set(key, b);
      this.starts.push(start);
      this.ends.push(end);
      this.sums.push(0);
      this.counts.push(0);
      this.masks.push(0, 0);
    }
    return b;
  }

  private isDuplicate(b: number, utcMs: number): boolean {
    const offset = utcMs - this.starts[b]!;
    if (this.frequency === "hourly" && offset % 60_000 === 0) {
      const minute = offset / 60_000;
      const word = 2 * b + (minute >> 5);
      const bit = 1 << (minute & 31);
      if ((this.masks[word]! & bit) !== 0) return true;
      this.masks[word] = this.masks[word]! | bit;
      return false;
    }
    let set = this.seen.get(b);
    if (!set) this.seen.set(b, (set = new Set()));
    if (set.has(utcMs)) return true;
    set.add(utcMs);
    return false;
  }
}
