/** Column standardisation fitted on training rows only. */

/** Per-column mean and scale (1 where a column is constant). */
export interface Standardizer {
  mean: number[];
  scale: number[];
}

/** Returns the mean/scale of the `cols` columns of row-major `x`. */
export function fitStandardizer(x: Float64Array, rows: number, cols: number): Standardizer {
  const mean = new Array<number>(cols).fill(0);
  const scale = new Array<number>(cols).fill(0);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c]! += x[r * cols + c]! / rows;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) scale[c]! += (x[r * cols + c]! - mean[c]!) ** 2 / rows;
  }
  return { mean, scale: scale.map((v) => Math.sqrt(v) || 1) };
}

/** Returns `x` standardised as float32. */
export function applyStandardizer(s: Standardizer, x: Float64Array, cols: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const c = k % cols;
    out[k] = (x[k]! - s.mean[c]!) / s.scale[c]!;
  }
  return out;
}
