// Forward validation of a lab design: for Y = 2013, 2014, choose the penalty (and how many recent
// years set the level) on Y − 1 with a fit on the rows before it, refit on the rows before Y and
// score Y. Options: `group` (one ridge per group, e.g. per hour), `kernel` (days: one ridge per
// group and twelfth of the year, rows weighted by day-of-year distance), `halfLifeYears` (recency
// weights), `absolute` (keep the penalty per weighted row when refitting on more rows), `log`
// (fit the log of the load), `trim` (refit without days whose mean residual exceeds k MADs).
import { solveRidge } from "../../dist/src/ml/ridge-regression.js";
import { splitRow } from "../../dist/src/ml/split-row.js";
import { mape, rmse, sparsePredict, sparseStats } from "./sparse-ridge.js";

const HOURS_PER_YEAR = 8760;
const LEVEL_YEARS = [1, 2, 3, 0];

export function observed(grid, start, end) {
  const out = [];
  for (let i = Math.max(0, start); i < end; i++) if (Number.isFinite(grid.loadMw[i])) out.push(i);
  return Int32Array.from(out);
}

/**
 * The design plus one level column per year before `end` (and, per year, the design's
 * `yearTerms`: year-specific seasonal levels or sensitivities); forecasts average the `recent`
 * latest years' columns.
 */
function withLevels(d, end, periods) {
  const terms = [() => 1, ...d.yearTerms];
  const K = terms.length;
  const write = (i, idx, val, m, period, share) => {
    for (let k = 0; k < K; k++) {
      const v = terms[k](i);
      if (v === 0) continue;
      idx[m] = d.p + period * K + k;
      val[m++] = v * share;
    }
    return m;
  };
  return {
    p: d.p + periods * K,
    periods,
    train: (i, idx, val) => {
      const period = Math.min(periods - 1, Math.floor((end - 1 - i) / HOURS_PER_YEAR));
      return write(i, idx, val, d.rowFn(i, idx, val), period, 1);
    },
    forecast: (recent) => (i, idx, val) => {
      let m = d.rowFn(i, idx, val);
      for (let q = 0; q < recent; q++) m = write(i, idx, val, m, q, 1 / recent);
      return m;
    },
  };
}

/** Statistics of the rows before `end`, one set per group (× 12 seasons with a kernel). */
function fitStats(grid, d, end, opts, drop) {
  const rows = observed(grid, 0, end);
  const L = withLevels(d, end, Math.max(1, Math.floor(end / HOURS_PER_YEAR)));
  const G = opts.group?.size ?? 1;
  const parts = Array.from({ length: G }, () => []);
  for (const i of rows) parts[opts.group ? opts.group.of(i) : 0].push(i);
  const target = (i) => (opts.log ? Math.log(grid.loadMw[i]) : grid.loadMw[i]);
  const recency = (i) =>
    opts.halfLifeYears ? 0.5 ** ((end - i) / (opts.halfLifeYears * HOURS_PER_YEAR)) : 1;
  const dropped = (i) => (drop?.has(grid.calendar.dayNumber[i]) ? 0 : 1);
  const seasons = opts.kernel ? 12 : 1;
  const stats = [];
  for (const part of parts) {
    const r = Int32Array.from(part);
    const y = Float64Array.from(r, target);
    for (let s = 0; s < seasons; s++) {
      const w = Float64Array.from(
        r,
        (i) => recency(i) * dropped(i) * kernelWeight(grid, i, s, opts.kernel),
      );
      stats.push(sparseStats(L.train, L.p, r, y, w));
    }
  }
  const seasonOf = (i) =>
    Math.min(11, Math.floor(((grid.calendar.dayOfYear[i] - 1) * 12) / 365.25));
  const groupOf = (i) =>
    (opts.group ? opts.group.of(i) : 0) * seasons + (opts.kernel ? seasonOf(i) : 0);
  return { stats, L, groupOf, weightedRows: stats.reduce((a, s) => a + s.n, 0) };
}

function kernelWeight(grid, i, season, bandwidth) {
  if (!bandwidth) return 1;
  const apart = Math.abs(grid.calendar.dayOfYear[i] - 1 - ((season + 0.5) * 365.25) / 12) % 365.25;
  const w = Math.exp(-0.5 * (Math.min(apart, 365.25 - apart) / bandwidth) ** 2);
  return w < 1e-4 ? 0 : w;
}

function predictRows(fits, f, rows, recent, rowFn, log) {
  const out = new Float64Array(rows.length);
  const byGroup = new Map();
  rows.forEach((i, k) => {
    const g = f.groupOf(i);
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g).push(k);
  });
  for (const [g, ks] of byGroup) {
    const p = sparsePredict(
      fits[g],
      rowFn ?? f.L.forecast(Math.min(recent, f.L.periods) || f.L.periods),
      Int32Array.from(ks, (k) => rows[k]),
    );
    ks.forEach((k, j) => (out[k] = log ? Math.exp(p[j]) : p[j]));
  }
  return out;
}

function fit(grid, d, end, opts) {
  let f = fitStats(grid, d, end, opts);
  if (!opts.trim) return f;
  // one refit without the days whose mean in-sample residual is more than trim MADs out
  const fits = f.stats.map((s) => solveRidge(s, 1e-3));
  const rows = observed(grid, 0, end);
  const residual = predictRows(fits, f, rows, 1, f.L.train, opts.log).map(
    (p, k) => grid.loadMw[rows[k]] - p,
  );
  const days = new Map();
  rows.forEach((i, k) => {
    const a = days.get(grid.calendar.dayNumber[i]) ?? [0, 0];
    a[0] += residual[k];
    a[1]++;
    days.set(grid.calendar.dayNumber[i], a);
  });
  const means = [...days].map(([day, a]) => [day, a[0] / a[1]]);
  const sorted = means.map(([, v]) => Math.abs(v)).sort((a, b) => a - b);
  const mad = 1.4826 * sorted[Math.floor(sorted.length / 2)];
  return fitStats(
    grid,
    d,
    end,
    opts,
    new Set(means.filter(([, v]) => Math.abs(v) > opts.trim * mad).map(([day]) => day)),
  );
}

/** Choice on the year before `start`, refit, forecasts of [start, end). */
export function evaluateYear(grid, d, start, end, opts = {}) {
  const lambdas = opts.lambdas ?? [1e-5, 1e-4, 1e-3, 1e-2, 1e-1];
  const innerEnd = start - HOURS_PER_YEAR;
  const inner = fit(grid, d, innerEnd, opts);
  const vRows = observed(grid, innerEnd, start);
  const vY = Float64Array.from(vRows, (i) => grid.loadMw[i]);
  let best = { rmse: Infinity };
  for (const lambda of lambdas) {
    const fits = inner.stats.map((s) => solveRidge(s, lambda));
    for (const levelYears of opts.levelYears ?? LEVEL_YEARS) {
      const vf = predictRows(fits, inner, vRows, levelYears, undefined, opts.log);
      const e = rmse(vY, vf);
      if (e < best.rmse) best = { rmse: e, lambda, levelYears, vf };
    }
  }
  const outer = fit(grid, d, start, opts);
  const lambda = opts.absolute
    ? (best.lambda * inner.weightedRows) / outer.weightedRows
    : best.lambda;
  const tRows = observed(grid, start, end);
  const tY = Float64Array.from(tRows, (i) => grid.loadMw[i]);
  const fits = outer.stats.map((s) => solveRidge(s, lambda));
  const f = predictRows(fits, outer, tRows, best.levelYears, undefined, opts.log);
  return { rmse: rmse(tY, f), mape: mape(tY, f), tY, f, vY, vf: best.vf, lambda: best.lambda };
}

/** Years of the forward validation. */
export const YEARS = [2013, 2014];

/** Runs `evaluateYear` for each validation year: { year, start, end, ... } per year. */
export function forwardValidation(grid, d, opts = {}) {
  return YEARS.map((year) => {
    const start = splitRow(grid, `${year}-01-01`);
    const end = splitRow(grid, `${year + 1}-01-01`);
    return { year, ...evaluateYear(grid, d, start, end, opts) };
  });
}

/** RMSE over both years (root of the mean of the yearly mean squares). */
export function pooledRmse(values) {
  return Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
}
