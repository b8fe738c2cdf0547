/**
 * Closed-form multi-output ridge regression on standardised features (intercept not penalised):
 * the Gram matrix is accumulated once, so several penalties can be solved cheaply.
 */
import { ModelError } from "../errors.js";

/** A design matrix: `rows × cols`, row-major. */
export interface Design {
  x: Float64Array;
  rows: number;
  cols: number;
}

/** Sufficient statistics of standardised X and centred Y. */
export interface RidgeStats {
  n: number;
  p: number;
  k: number;
  mean: Float64Array;
  scale: Float64Array;
  yMean: Float64Array;
  gram: Float64Array;
  xty: Float64Array;
}

/** Fitted coefficients: predict = yMean + ((x − mean) / scale) · coef. */
export interface RidgeFit {
  p: number;
  k: number;
  mean: number[];
  scale: number[];
  yMean: number[];
  coef: number[];
  lambda: number;
}

/**
 * Returns the statistics of design `d` against targets `y` (`d.rows × k`, row-major), each row
 * counted with its weight (`weights`, default 1; rows of weight 0 are skipped). Raw cross
 * products skip zero entries (one-hot calendar designs are mostly zeros) and are centred and scaled at the
 * end.
 */
export function ridgeStats(
  d: Design,
  y: Float64Array,
  k: number,
  weights?: Float64Array,
): RidgeStats {
  const { rows, cols: p, x } = d;
  const sum = new Float64Array(p);
  const ySum = new Float64Array(k);
  const cross = new Float64Array(p * p);
  const xy = new Float64Array(p * k);
  const nonzero = new Int32Array(p);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const w = weights ? weights[r]! : 1;
    if (w === 0) continue;
    n += w;
    let m = 0;
    for (let j = 0; j < p; j++) if (x[r * p + j] !== 0) nonzero[m++] = j;
    for (let o = 0; o < k; o++) ySum[o]! += w * y[r * k + o]!;
    for (let i = 0; i < m; i++) {
      const a = nonzero[i]!;
      const v = w * x[r * p + a]!;
      sum[a]! += v;
      for (let q = i; q < m; q++) cross[a * p + nonzero[q]!]! += v * x[r * p + nonzero[q]!]!;
      for (let o = 0; o < k; o++) xy[a * k + o]! += v * y[r * k + o]!;
    }
  }
  const mean = sum.map((v) => v / n);
  const yMean = ySum.map((v) => v / n);
  const scale = mean.map((m, a) => Math.sqrt(Math.max(0, cross[a * p + a]! / n - m * m)) || 1);
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p * k);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const c = (cross[a * p + b]! - n * mean[a]! * mean[b]!) / (scale[a]! * scale[b]!);
      gram[a * p + b] = c;
      gram[b * p + a] = c;
    }
    for (let o = 0; o < k; o++)
      xty[a * k + o] = (xy[a * k + o]! - n * mean[a]! * yMean[o]!) / scale[a]!;
  }
  return { n, p, k, mean, scale, yMean, gram, xty };
}

/** Solves (G + λ·n·I) B = XᵀY by Cholesky; `lambda` is relative to the row count. */
export function solveRidge(stats: RidgeStats, lambda: number): RidgeFit {
  const { n, p, k } = stats;
  const a = stats.gram.slice();
  for (let j = 0; j < p; j++) a[j * p + j]! += lambda * n + 1e-9 * n;
  cholesky(a, p);
  const coef = new Float64Array(p * k);
  const column = new Float64Array(p);
  for (let o = 0; o < k; o++) {
    for (let j = 0; j < p; j++) column[j] = stats.xty[j * k + o]!;
    choleskySolve(a, p, column);
    for (let j = 0; j < p; j++) coef[j * k + o] = column[j]!;
  }
  return {
    p,
    k,
    mean: Array.from(stats.mean),
    scale: Array.from(stats.scale),
    yMean: Array.from(stats.yMean),
    coef: Array.from(coef),
    lambda,
  };
}

/** Returns `d.rows × fit.k` predictions, row-major. */
export function predictRidge(fit: RidgeFit, d: Design): Float64Array {
  const { p, k } = fit;
  if (d.cols !== p) {
    throw new ModelError(`ridge design has ${d.cols} columns (expected ${p})`);
  }
  const out = new Float64Array(d.rows * k);
  for (let r = 0; r < d.rows; r++) {
    for (let o = 0; o < k; o++) out[r * k + o] = fit.yMean[o]!;
    for (let j = 0; j < p; j++) {
      const z = (d.x[r * p + j]! - fit.mean[j]!) / fit.scale[j]!;
      if (z === 0) continue;
      for (let o = 0; o < k; o++) out[r * k + o]! += z * fit.coef[j * k + o]!;
    }
  }
  return out;
}

function cholesky(a: Float64Array, p: number): void {
  for (let j = 0; j < p; j++) {
    const d = a[j * p + j]! - dot(a, j * p, j * p, j);
    if (!(d > 0)) throw new ModelError(`ridge system not positive definite at column ${j}`);
    const l = Math.sqrt(d);
    a[j * p + j] = l;
    for (let i = j + 1; i < p; i++) a[i * p + j] = (a[i * p + j]! - dot(a, i * p, j * p, j)) / l;
  }
}

/** Σ a[x + m]·a[y + m] for m < n, four terms at a time (the Cholesky inner loop). */
function dot(a: Float64Array, x: number, y: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let m = 0;
  for (; m + 3 < n; m += 4) {
    s0 += a[x + m]! * a[y + m]!;
    s1 += a[x + m + 1]! * a[y + m + 1]!;
    s2 += a[x + m + 2]! * a[y + m + 2]!;
    s3 += a[x + m + 3]! * a[y + m + 3]!;
  }
  for (; m < n; m++) s0 += a[x + m]! * a[y + m]!;
  return s0 + s1 + (s2 + s3);
}

function choleskySolve(l: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let m = 0; m < i; m++) s -= l[i * p + m]! * b[m]!;
    b[i] = s / l[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let m = i + 1; m < p; m++) s -= l[m * p + i]! * b[m]!;
    b[i] = s / l[i * p + i]!;
  }
}
