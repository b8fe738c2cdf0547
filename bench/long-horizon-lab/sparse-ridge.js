// Ridge statistics and forecasts on sparse rows for the long-horizon lab: `rowFn(i, idx, val)`
// writes the nonzero columns of grid row i and returns their count, so a design of hundreds of
// mostly-zero columns never has to be built. The statistics have the shape of
// src/ml/ridge-regression.ts, whose solveRidge solves them.

/** Standardised Gram statistics of the rows (weights default 1; weight 0 skips a row). */
export function sparseStats(rowFn, p, rows, y, weights) {
  const sum = new Float64Array(p);
  const cross = new Float64Array(p * p);
  const xy = new Float64Array(p);
  const idx = new Int32Array(p);
  const val = new Float64Array(p);
  let ySum = 0;
  let n = 0;
  for (let r = 0; r < rows.length; r++) {
    const w = weights ? weights[r] : 1;
    if (w === 0) continue;
    const m = rowFn(rows[r], idx, val);
    n += w;
    ySum += w * y[r];
    for (let a = 0; a < m; a++) {
      const v = w * val[a];
      sum[idx[a]] += v;
      xy[idx[a]] += v * y[r];
      for (let b = 0; b < m; b++) if (idx[b] >= idx[a]) cross[idx[a] * p + idx[b]] += v * val[b];
    }
  }
  const mean = sum.map((v) => v / n);
  const yMean = ySum / n;
  const scale = mean.map((m, a) => Math.sqrt(Math.max(0, cross[a * p + a] / n - m * m)) || 1);
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const c = (cross[a * p + b] - n * mean[a] * mean[b]) / (scale[a] * scale[b]);
      gram[a * p + b] = c;
      gram[b * p + a] = c;
    }
    xty[a] = (xy[a] - n * mean[a] * yMean) / scale[a];
  }
  return { n, p, k: 1, mean, scale, yMean: Float64Array.of(yMean), gram, xty };
}

/** Forecasts of grid `rows` by a fit of sparseStats. */
export function sparsePredict(fit, rowFn, rows) {
  const p = fit.p;
  const idx = new Int32Array(p);
  const val = new Float64Array(p);
  const w = new Float64Array(p);
  let c0 = fit.yMean[0];
  for (let j = 0; j < p; j++) {
    w[j] = fit.coef[j] / fit.scale[j];
    c0 -= fit.mean[j] * w[j];
  }
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const m = rowFn(rows[r], idx, val);
    let s = c0;
    for (let a = 0; a < m; a++) s += val[a] * w[idx[a]];
    out[r] = s;
  }
  return out;
}

export function rmse(actual, forecast) {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i] - forecast[i]) ** 2;
  return Math.sqrt(s / actual.length);
}

export function mape(actual, forecast) {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i] - forecast[i]) / actual[i];
  return (100 * s) / actual.length;
}
