/**
 * Min/max-per-bucket downsampling for display: splits the x range into `buckets` equal-width
 * buckets and keeps, in time order, the lowest and highest point of each, so peaks and troughs
 * survive while a 145k-point series shrinks to a few thousand points.
 */
import { InputError } from "../../errors.js";

/** The kept points and whether anything was dropped. */
export interface Downsampled {
  /** indices into the input, ascending */
  indices: number[];
  downsampled: boolean;
  originalPoints: number;
}

/** Returns the indices of the min and max finite y of each of `buckets` x-buckets (all indices when small). */
export function downsampleMinMax(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  buckets: number,
): Downsampled {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new InputError(`invalid bucket count: ${buckets} (expected a positive integer)`);
  const n = x.length;
  if (n <= 2 * buckets)
    return {
      indices: Array.from({ length: n }, (_, i) => i),
      downsampled: false,
      originalPoints: n,
    };
  const x0 = x[0]!;
  const width = (x[n - 1]! - x0) / buckets || 1;
  const indices: number[] = [];
  let bucket = -1;
  let lo = -1;
  let hi = -1;
  const flush = (): void => {
    if (lo < 0) return;
    if (lo === hi) indices.push(lo);
    else indices.push(Math.min(lo, hi), Math.max(lo, hi));
  };
  for (let i = 0; i < n; i++) {
    const b = Math.min(Math.floor((x[i]! - x0) / width), buckets - 1);
    if (b !== bucket) {
      flush();
      bucket = b;
      lo = -1;
      hi = -1;
    }
    const v = y[i]!;
    if (!Number.isFinite(v)) continue;
    if (lo < 0 || v < y[lo]!) lo = i;
    if (hi < 0 || v > y[hi]!) hi = i;
  }
  flush();
  return { indices, downsampled: true, originalPoints: n };
}
