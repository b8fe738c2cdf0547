// Rows of the long-horizon lab that are not sparse ridges: a blend with boosted trees, and a
// model of the registry fitted as bench/ml-validation.js does.
import { fitBoostedTrees, predictBoostedTrees } from "../../dist/src/ml/gradient-boosting.js";
import { getModel } from "../../dist/src/ml/registry.js";
import { splitRow } from "../../dist/src/ml/split-row.js";
import { forwardValidation, observed, YEARS } from "./evaluate.js";
import { mape, rmse } from "./sparse-ridge.js";

/** Scores of the ridge `[d, o]` blended with boosted trees (weight chosen on the year before). */
export function treesBlend(ctx, [d, o], previousDay) {
  const { grid, t, table } = ctx;
  const ridgeRuns = forwardValidation(grid, d, o);
  const m168 = ctx.trailing(t, 168);
  const features = (i) => [
    grid.calendar.hour[i],
    grid.calendar.weekday[i],
    ctx.dayType[i],
    ctx.kinds.holiday(i),
    ctx.kinds.dayBeforeHoliday(i),
    ctx.kinds.dayAfterHoliday(i),
    ctx.kinds.yearEndBreak(i),
    grid.calendar.dayOfYear[i],
    grid.calendar.year[i],
    t[i],
    t[Math.max(0, i - 1)],
    t[Math.max(0, i - 3)],
    table.mean24[i],
    table.mean72[i],
    table.dayMean[i],
    table.dayMax[i],
    table.dayMin[i],
    table.previousDayMean[i],
    m168[i],
    previousDay[0][i],
    previousDay[1][i],
  ];
  const P = features(0).length;
  const dense = (rows) => ({
    x: Float64Array.from(Array.from(rows).flatMap(features)),
    rows: rows.length,
    cols: P,
  });
  const targets = (rows) => Float64Array.from(rows, (i) => grid.loadMw[i]);
  const settings = {
    depth: 5,
    learningRate: 0.05,
    trees: 2000,
    minLeaf: 50,
    l2: 10,
    patience: 100,
  };
  return YEARS.map((year, y) => {
    const start = splitRow(grid, `${year}-01-01`);
    const end = splitRow(grid, `${year + 1}-01-01`);
    const train = observed(grid, 0, start - 8760);
    const held = observed(grid, start - 8760, start);
    const first = fitBoostedTrees(dense(train), targets(train), {
      ...settings,
      validation: { design: dense(held), targets: targets(held) },
    });
    const all = observed(grid, 0, start);
    const refit = fitBoostedTrees(dense(all), targets(all), {
      ...settings,
      trees: first.trees.length,
    });
    const r = ridgeRuns[y];
    const heldTrees = predictBoostedTrees(first, dense(held));
    let weight = 0;
    let best = Infinity;
    for (let w = 0; w <= 1.0001; w += 0.05) {
      const e = rmse(
        r.vY,
        r.vf.map((v, k) => (1 - w) * v + w * heldTrees[k]),
      );
      if (e >= best) continue;
      best = e;
      weight = w;
    }
    const trees = predictBoostedTrees(refit, dense(observed(grid, start, end)));
    const f = r.f.map((v, k) => (1 - weight) * v + weight * trees[k]);
    return { rmse: rmse(r.tY, f), mape: mape(r.tY, f) };
  });
}

/** Scores of a registered model fitted like bench/ml-validation.js does. */
export async function productModel(grid, name) {
  const out = [];
  for (const year of YEARS) {
    const start = splitRow(grid, `${year}-01-01`);
    const end = splitRow(grid, `${year + 1}-01-01`);
    const logger = { info() {}, warn() {}, debug() {} };
    const context = {
      task: "long-horizon",
      end: start,
      horizon: end - start,
      seed: 42,
      logger,
      options: {},
    };
    const fitted = await getModel(name).fit(grid, context);
    const f = fitted.predict(grid, Int32Array.of(start), end - start);
    const rows = observed(grid, start, end);
    const actual = Float64Array.from(rows, (i) => grid.loadMw[i]);
    const forecast = Float64Array.from(rows, (i) => f[i - start]);
    out.push({ rmse: rmse(actual, forecast), mape: mape(actual, forecast) });
  }
  return out;
}
