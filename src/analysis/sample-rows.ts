/**
 * A seeded random sample of rows, kept in time order: the same seed always picks the same rows,
 * so exploration (e.g. danfo.js, which slows down sharply on large frames) is reproducible.
 */
import { takeRows, type Frame } from "../frame.js";
import { InputError } from "../errors.js";
import { seededRandom } from "../util/seeded-random.js";

/** Options of sampleRows. */
export interface SampleRowsOptions {
  /** rows to keep; default 5,000 (all rows when the frame is smaller) */
  size?: number;
  /** PRNG seed; default 42 */
  seed?: number;
}

/** Returns `size` rows drawn without replacement (partial Fisher–Yates), in their original order. */
export function sampleRows<F extends Frame>(frame: F, options: SampleRowsOptions = {}): F {
  const size = options.size ?? 5000;
  if (!Number.isInteger(size) || size < 1)
    throw new InputError(`invalid sample size: ${size} (expected a positive integer)`);
  const n = frame.length;
  if (size >= n) return frame;
  const random = seededRandom(options.seed ?? 42);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(n - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return takeRows(frame, order.subarray(0, size).sort());
}
