/**
 * Sorts a frame by `timeUtcMs`, stably (rows with equal stamps keep their source order), and
 * reports whether the input was out of order. Whole-minute stamps use a packed numeric key and
 * the native typed-array sort; other stamps fall back to a comparator sort.
 */
import { numberColumn, takeRows, type Frame } from "../../frame.js";

/** The sorted frame and whether any row was out of order. */
export interface SortByTimeResult<F extends Frame> {
  frame: F;
  /** number of places where a stamp was earlier than the one before it in the input */
  descents: number;
}

/** Returns `frame` sorted by its `timeUtcMs` column (the same frame when already sorted). */
export function sortByTime<F extends Frame>(frame: F): SortByTimeResult<F> {
  const t = numberColumn(frame, "timeUtcMs");
  const n = frame.length;
  let descents = 0;
  let wholeMinutes = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = t[i]!;
    if (i > 0 && v < t[i - 1]!) descents++;
    if (v % 60_000 !== 0) wholeMinutes = false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (descents === 0) return { frame, descents };
  const packable = wholeMinutes && n < SHIFT && ((max - min) / 60_000 + 1) * SHIFT < 2 ** 53;
  const order = packable ? packedOrder(t, min) : comparatorOrder(t);
  return { frame: takeRows(frame, order), descents };
}

const SHIFT = 2 ** 24;

function packedOrder(t: Float64Array, min: number): Uint32Array {
  const n = t.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ((t[i]! - min) / 60_000) * SHIFT + i;
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i]! % SHIFT;
  return order;
}

function comparatorOrder(t: Float64Array): Uint32Array {
  const order = new Uint32Array(t.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => t[a]! - t[b]! || a - b);
}
