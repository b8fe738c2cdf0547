// The in-sample bound of a lab design: one ridge per group (e.g. per hour) with one level column
// per calendar year, fitted on every row before `end` — the scored years included — and scored on
// [start, end). No model of that design can expect to do better out of sample; the ratio of the
// out-of-sample error to this bound on the validation years says how much a forecast loses by
// not seeing the year it forecasts. It reads the scored rows, so it chooses nothing.
import { solveRidge } from "../../dist/src/ml/ridge-regression.js";
import { observed } from "./evaluate.js";
import { rmse, sparsePredict, sparseStats } from "./sparse-ridge.js";

const LAMBDA = 1e-4;

/** RMSE over [start, end) of the design fitted in sample on [0, end), per group. */
export function inSampleBound(grid, d, group, start, end) {
  const firstYear = grid.calendar.year[0];
  const years = grid.calendar.year[end - 1] - firstYear + 1;
  const p = d.p + years;
  const rowFn = (i, idx, val) => {
    const m = d.rowFn(i, idx, val);
    idx[m] = d.p + grid.calendar.year[i] - firstYear;
    val[m] = 1;
    return m + 1;
  };
  const parts = Array.from({ length: group.size }, () => []);
  for (const i of observed(grid, 0, end)) parts[group.of(i)].push(i);
  const actual = [];
  const forecast = [];
  for (const part of parts) {
    const rows = Int32Array.from(part);
    const fit = solveRidge(
      sparseStats(
        rowFn,
        p,
        rows,
        Float64Array.from(rows, (i) => grid.loadMw[i]),
      ),
      LAMBDA,
    );
    const scored = Int32Array.from(part.filter((i) => i >= start));
    sparsePredict(fit, rowFn, scored).forEach((f, k) => {
      forecast.push(f);
      actual.push(grid.loadMw[scored[k]]);
    });
  }
  return rmse(actual, forecast);
}
