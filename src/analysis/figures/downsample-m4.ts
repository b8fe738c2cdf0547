/**
 * M4 downsampling for display (Jugel et al., VLDB 2014): splits the x range into `buckets`
 * equal-width columns and keeps, in time order, the first, last, lowest and highest point of
 * each, so the drawn line matches the full series at that width while a 145k-point series
 * shrinks to a few thousand points. Kept points are real rows, so hover shows exact values.
 */
import { InputError } from "../../errors.js";
import { formatNumber } from "../format-number.js";

/** Series up to this many points are drawn in full (SVG draws 145k in 0.3–1.3 s: bench:figure-render). */
export const DISPLAY_MAX_POINTS = 150_000;
/** Columns of a downsampled line: at least the pixel width of a chart on a wide screen. */
export const DISPLAY_BUCKETS = 1500;

/** Options of downsampleM4. */
export interface DownsampleM4Options {
  /** equal-width x columns; default DISPLAY_BUCKETS (1500) */
  buckets?: number;
  /** keep every point of a series up to this length; default DISPLAY_MAX_POINTS (150,000) */
  maxPoints?: number;
}

/** The kept points and whether anything was dropped. */
export interface Downsampled {
  /** indices into the input, ascending */
  indices: number[];
  downsampled: boolean;
  originalPoints: number;
}

/**
 * Returns the indices of the first, last, min and max finite y of each x column, plus the first
 * missing y of a column that has one (so the line breaks at the gap); every index when the
 * series has at most `maxPoints` points.
 */
export function downsampleM4(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: DownsampleM4Options = {},
): Downsampled {
  const buckets = options.buckets ?? DISPLAY_BUCKETS;
  const maxPoints = options.maxPoints ?? DISPLAY_MAX_POINTS;
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new InputError(`invalid bucket count: ${buckets} (expected a positive integer)`);
  if (!(maxPoints >= 0))
    throw new InputError(`invalid maxPoints: ${maxPoints} (expected a number >= 0)`);
  const n = x.length;
  if (n <= Math.max(maxPoints, 4 * buckets))
    return {
      indices: Array.from({ length: n }, (_, i) => i),
      downsampled: false,
      originalPoints: n,
    };
  const x0 = x[0]!;
  const width = (x[n - 1]! - x0) / buckets || 1;
  const columnOf = (i: number): number => Math.min(Math.floor((x[i]! - x0) / width), buckets - 1);
  const indices: number[] = [];
  let start = 0;
  let column = columnOf(0);
  for (let i = 1; i <= n; i++) {
    const next = i < n ? columnOf(i) : -1;
    if (next === column) continue;
    for (const k of columnExtremes(y, start, i)) indices.push(k);
    start = i;
    column = next;
  }
  return { indices, downsampled: true, originalPoints: n };
}

/** The ascending distinct indices of the first, last, min, max and first missing y in [start, end). */
function columnExtremes(y: ArrayLike<number>, start: number, end: number): number[] {
  let first = -1;
  let last = -1;
  let lo = -1;
  let hi = -1;
  let missing = -1;
  for (let i = start; i < end; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) {
      if (missing < 0) missing = i;
      continue;
    }
    if (first < 0) first = i;
    last = i;
    if (lo < 0 || v < y[lo]!) lo = i;
    if (hi < 0 || v > y[hi]!) hi = i;
  }
  const kept = [first, lo, hi, last, missing].filter((i) => i >= 0).sort((a, b) => a - b);
  return kept.filter((i, k) => k === 0 || i !== kept[k - 1]);
}

/**
 * Returns a chart's note on what it draws: every point, or which points of each time column were
 * kept (real rows with exact values, so hover on a peak shows the true peak).
 */
export function downsampledNote(kept: Downsampled, options: DownsampleM4Options = {}): string {
  const of = `${formatNumber(kept.indices.length)} of ${formatNumber(kept.originalPoints)} points`;
  return kept.downsampled
    ? `Downsampled for display (${of}): first, last, lowest and highest point of each of ${formatNumber(options.buckets ?? DISPLAY_BUCKETS)} time columns, exact values; zoomed-in views show only these points.`
    : `All ${formatNumber(kept.originalPoints)} points shown.`;
}
