/**
 * The outlier statistic as a scan over time-ordered rows, fed whole or in chunks with the same
 * result: each value's residual from its seasonal profile (the median of its weekly slot, or of
 * its step for steps longer than a week, over the rows within ±26 weeks), then a Hampel filter
 * on the residuals (an outlier is more than `threshold` scaled MADs from the median of the
 * ±`halfWindow` residuals around it). It holds one year of rows at most, whatever the length of
 * the series.
 */
import { SortedWindow } from "./sorted-window.js";

const WEEK_MS = 7 * 86_400_000;
const REACH_WEEKS = 26;

/** Settings of the scan. */
export interface OutlierScanOptions {
  /** series step in ms; default 3,600,000 */
  intervalMs?: number;
  /** half-width of the Hampel window in steps; default one day of steps, clamped to 3…48 */
  halfWindow?: number;
  /** flag beyond this many scaled MADs; default 6 */
  threshold?: number;
}

/** Flags of rows [from, from + flags.length) and the absolute indices of the flagged ones. */
export interface OutlierBatch {
  from: number;
  flags: Uint8Array;
  indices: number[];
}

/** Scans rows pushed in time order; `flush` returns the flags it can settle. */
export class _OutlierScan {
  private t = new Float64Array(1024);
  private x = new Float64Array(1024);
  private profile = new Float64Array(1024);
  private base = 0; // absolute index of t[0]
  private end = 0; // absolute index after the last row
  private lead = 0; // next row to enter its slot's window
  private trail = 0; // next row to leave it
  private profiled = 0; // rows with a profile
  private hIn = 0; // next residual to enter the Hampel window
  private hOut = 0; // next residual to leave it
  private flagged = 0; // rows with a flag
  private readonly slots: SortedWindow[];
  private readonly hampel: SortedWindow;
  private readonly intervalMs: number;
  private readonly period: number;
  private readonly reachMs: number;
  private readonly k: number;
  private readonly threshold: number;

  constructor(options: OutlierScanOptions = {}) {
    this.intervalMs = options.intervalMs ?? 3_600_000;
    this.period = Math.max(WEEK_MS, this.intervalMs);
    this.reachMs = REACH_WEEKS * this.period;
    this.k =
      options.halfWindow ?? Math.min(48, Math.max(3, Math.round(86_400_000 / this.intervalMs)));
    this.threshold = options.threshold ?? 6;
    const count = Math.max(1, Math.round(WEEK_MS / this.intervalMs));
    this.slots = Array.from({ length: count }, () => new SortedWindow(2 * REACH_WEEKS + 2));
    this.hampel = new SortedWindow(2 * this.k + 1);
  }

  /** Appends rows (sorted by time, after the rows pushed before). */
  push(t: Float64Array, x: Float64Array): void {
    this.reserve(t.length);
    const at = this.end - this.base;
    this.t.set(t, at);
    this.x.set(x, at);
    this.end += t.length;
  }

  /** Flags every row whose context has arrived (all rows when `final`). */
  flush(final: boolean): OutlierBatch {
    this.advanceProfiles(final);
    const from = this.flagged;
    const to = final ? this.end : Math.max(from, this.profiled - this.k);
    const flags = new Uint8Array(to - from);
    const indices: number[] = [];
    for (let i = from; i < to; i++)
      if (this.flagRow(i)) {
        flags[i - from] = 1;
        indices.push(i);
      }
    this.flagged = to;
    this.trim();
    return { from, flags, indices };
  }

  private advanceProfiles(final: boolean): void {
    const b = this.base;
    while (this.profiled < this.end) {
      const j = this.profiled;
      const tj = this.t[j - b]!;
      while (this.lead < this.end && this.t[this.lead - b]! <= tj + this.reachMs) {
        const v = this.x[this.lead - b]!;
        if (Number.isFinite(v)) this.slotOf(this.lead).insert(v);
        this.lead++;
      }
      if (this.lead === this.end && !final) return; // rows within reach may still come
      while (this.t[this.trail - b]! < tj - this.reachMs) {
        const v = this.x[this.trail - b]!;
        if (Number.isFinite(v)) this.slotOf(this.trail).remove(v);
        this.trail++;
      }
      this.profile[j - b] = this.slotOf(j).median();
      this.profiled++;
    }
  }

  private flagRow(i: number): boolean {
    const b = this.base;
    const wantHi = Math.min(this.end, i + this.k + 1);
    const wantLo = Math.max(0, i - this.k);
    while (this.hIn < wantHi) this.hampel.insert(this.residual(this.hIn++));
    while (this.hOut < wantLo) this.hampel.remove(this.residual(this.hOut++));
    const median = this.hampel.median();
    const floor = Math.max(1e-9, 1e-3 * Math.abs(this.profile[i - b]!));
    const mad = Math.max(this.hampel.medianDistance(median) * 1.4826, floor);
    return Math.abs(this.x[i - b]! - this.profile[i - b]! - median) > this.threshold * mad;
  }

  private residual(j: number): number {
    const r = this.x[j - this.base]! - this.profile[j - this.base]!;
    return Number.isFinite(r) ? r : 0;
  }

  private slotOf(j: number): SortedWindow {
    const n = this.slots.length;
    const s = ((Math.floor(this.t[j - this.base]! / this.intervalMs) % n) + n) % n;
    return this.slots[s]!;
  }

  // Drops rows no window reads any more.
  private trim(): void {
    const keepFrom = Math.min(this.trail, this.hOut, this.flagged);
    const drop = keepFrom - this.base;
    if (drop < 65_536 || drop < (this.end - this.base) / 2) return;
    const live = this.end - keepFrom;
    this.t.copyWithin(0, drop, drop + live);
    this.x.copyWithin(0, drop, drop + live);
    this.profile.copyWithin(0, drop, drop + live);
    this.base = keepFrom;
  }

  private reserve(extra: number): void {
    const need = this.end - this.base + extra;
    if (need <= this.t.length) return;
    const size = Math.max(need, this.t.length * 2);
    for (const key of ["t", "x", "profile"] as const) {
      const grown = new Float64Array(size);
      grown.set(this[key].subarray(0, this.end - this.base));
      this[key] = grown;
    }
  }
}

const SCAN_ROWS = 1 << 16;

/**
 * Runs `scan` over whole columns, fed in blocks of `blockRows` (default 65,536) so it holds at
 * most its year of context rather than a copy of the series; returns the same flags as one
 * `push` and `flush(true)`.
 */
export function _scanWhole(
  scan: _OutlierScan,
  t: Float64Array,
  x: Float64Array,
  blockRows = SCAN_ROWS,
): OutlierBatch {
  const flags = new Uint8Array(t.length);
  const indices: number[] = [];
  for (let from = 0; from < t.length; from += blockRows) {
    const to = Math.min(t.length, from + blockRows);
    scan.push(t.subarray(from, to), x.subarray(from, to));
    const batch = scan.flush(to === t.length);
    flags.set(batch.flags, batch.from);
    for (const i of batch.indices) indices.push(i);
  }
  return { from: 0, flags, indices };
}
