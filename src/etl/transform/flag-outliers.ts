/**
 * Robust outlier flags: residuals from a seasonal profile (median by hour of week, or day of week
 * for daily data), then a Hampel filter on the residuals (a point is an outlier when it is more
 * than `threshold` scaled MADs from the median of its window). Values are flagged, never changed.
 */
import { numberColumn, type Column, type Frame } from "../../frame.js";

const WEEK_MS = 7 * 86_400_000;

/** Options of `flagOutliers`. */
export interface FlagOutliersOptions {
  /** value column; default "loadMw" */
  column?: string;
  /** series step in ms; default 3,600,000 (hourly) */
  intervalMs?: number;
  /** half-width of the Hampel window in steps; default one day of steps, clamped to 3…48 */
  halfWindow?: number;
  /** flag beyond this many scaled MADs; default 6 */
  threshold?: number;
}

/** The frame with an `outlier` flag column, and the flagged rows' indices. */
export interface FlagOutliersResult<F extends Frame> {
  frame: F;
  indices: number[];
}

/** Returns `frame` plus a Uint8Array `outlier` column (1 = flagged). */
export function flagOutliers<F extends Frame>(
  frame: F,
  options: FlagOutliersOptions = {},
): FlagOutliersResult<F> {
  const t = numberColumn(frame, "timeUtcMs");
  const x = numberColumn(frame, options.column ?? "loadMw");
  const intervalMs = options.intervalMs ?? 3_600_000;
  const n = frame.length;
  const residual = seasonalResiduals(t, x, intervalMs);
  const k = options.halfWindow ?? Math.min(48, Math.max(3, Math.round(86_400_000 / intervalMs)));
  const threshold = options.threshold ?? 6;
  const flag = new Uint8Array(n);
  const indices: number[] = [];
  const scratch = new Float64Array(2 * k + 1);
  const floor = madFloor(residual);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - k);
    const hi = Math.min(n, i + k + 1);
    const window = scratch.subarray(0, hi - lo);
    window.set(residual.subarray(lo, hi));
    window.sort();
    const median = middle(window);
    for (let j = 0; j < window.length; j++) window[j] = Math.abs(window[j]! - median);
    window.sort();
    const mad = Math.max(middle(window) * 1.4826, floor);
    if (Math.abs(residual[i]! - median) > threshold * mad) {
      flag[i] = 1;
      indices.push(i);
    }
  }
  const columns: Record<string, Column> = { ...frame.columns, outlier: flag };
  return { frame: { length: n, columns } as unknown as F, indices };
}

function seasonalResiduals(t: Float64Array, x: Float64Array, intervalMs: number): Float64Array {
  const slots = Math.max(1, Math.round(WEEK_MS / intervalMs));
  const bySlot: number[][] = Array.from({ length: slots }, () => []);
  const slotOf = new Int32Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const s = ((Math.floor(t[i]! / intervalMs) % slots) + slots) % slots;
    slotOf[i] = s;
    if (Number.isFinite(x[i]!)) bySlot[s]!.push(x[i]!);
  }
  const profile = bySlot.map((v) => (v.length === 0 ? 0 : middle(Float64Array.from(v).sort())));
  const residual = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) residual[i] = x[i]! - profile[slotOf[i]!]!;
  return residual;
}

/** A floor for the MAD so flat stretches do not flag rounding noise: 1 % of the typical |residual|. */
function madFloor(residual: Float64Array): number {
  const abs = Float64Array.from(residual, Math.abs).sort();
  return Math.max(1e-9, middle(abs) * 0.01);
}

function middle(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}
