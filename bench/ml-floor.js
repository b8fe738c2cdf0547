// How low can the day-ahead MAPE go from load history alone (issue 4)? An hourly forecast's
// absolute errors sum to at least the error of its daily total, so a model's hourly MAPE sits at
// or above the MAPE of the next-day MEAN it implies (the gap is the intraday shape error). This
// bench measures both sides on the day-ahead task:
//   1. dedicated next-day-mean forecasters on the same history features as the day-ahead models
//      (persistence, seasonal ridge, boosted trees of depth 3 and 5, a ridge + trees blend), each
//      with its settings chosen on the last training year, scored on the test period;
//   2. for each 24-hour model run (`--models`, default ridge; mlp and gru take minutes), its
//      hourly MAPE, the MAPE of the daily mean it implies, and its hourly MAPE if its daily mean
//      were replaced by the true one (only the intraday shape error left).
// Usage: npm run bench:ml-floor [-- --input ../shared/data/AEP_hourly.csv --split 2015-01-01 --models ridge,mlp]
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { meanAbsolutePercentageError, readLoadSeries, runForecastTask } from "../dist/src/index.js";
import {
  dayAheadFeatures,
  dayAheadLevels,
  horizonTargets,
} from "../dist/src/ml/features/day-ahead-features.js";
import { fitBoostedTrees, predictBoostedTrees } from "../dist/src/ml/gradient-boosting.js";
import { toHourlyGrid } from "../dist/src/ml/hourly-grid.js";
import {
  predictSeasonalRidge,
  seasonalRidgeStats,
  solveSeasonalRidge,
} from "../dist/src/ml/seasonal-ridge.js";
import { dayAheadOrigins, HOURS_PER_YEAR } from "../dist/src/ml/training-rows.js";

const { values: args } = parseArgs({
  options: {
    input: { type: "string" },
    tz: { type: "string" },
    split: { type: "string" },
    models: { type: "string" },
  },
});
const input = resolve(args.input ?? "../shared/data/PJME_hourly.csv");
const tz = args.tz ?? "America/New_York";
const split = args.split ?? "2015-01-01";
const models = (args.models ?? "ridge").split(",");
const H = 24;
const TARGET = 3.0;

const { series } = await readLoadSeries(input, { tz, hourEnding: true, duplicates: "mean" });
const grid = toHourlyGrid(series, { timeZone: tz });
const splitRow = firstRowAtOrAfterLocalMidnight(split);
const validationStart = splitRow - HOURS_PER_YEAR;
const sets = {
  train: dayAheadOrigins(grid, 0, validationStart, H),
  validation: dayAheadOrigins(grid, validationStart, splitRow, H),
  all: dayAheadOrigins(grid, 0, splitRow, H),
  test: dayAheadOrigins(grid, splitRow, grid.length, H),
};
const data = Object.fromEntries(Object.entries(sets).map(([name, o]) => [name, dailyMeanData(o)]));

console.log(
  `${input.split("/").pop()}: day-ahead, ${sets.all.length} training days, ${sets.test.length} test days from ${split} (${tz})`,
);
console.log("\n1. Next-day mean load from history (MAPE of the daily mean, %)\n");
console.log("| forecaster | chosen on the last training year | validation | test |");
console.log("|---|---|---:|---:|");
const ones = (d) => new Float64Array(d.origins.length).fill(1);
row("persistence (tomorrow = last 24 h)", "–", ones(data.validation), ones(data.test));
const ridge = seasonalRidge();
row("seasonal ridge", ridge.chosen, ridge.validation, ridge.test);
const trees = [3, 5].map((depth) => boostedTrees(depth));
for (const t of trees) row(`boosted trees, depth ${t.depth}`, t.chosen, t.validation, t.test);
const blend = (a, b) => a.map((v, i) => (v + b[i]) / 2);
row(
  "½ seasonal ridge + ½ trees depth 5",
  "–",
  blend(ridge.validation, trees[1].validation),
  blend(ridge.test, trees[1].test),
);

console.log(
  "\n2. 24-hour models on the test period: hourly MAPE vs the MAPE of the daily mean they imply\n",
);
console.log(
  "| model | hourly MAPE % | daily-mean MAPE % | hourly − daily-mean | hourly MAPE % with the true daily mean |",
);
console.log("|---|---:|---:|---:|---:|");
const quiet = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const task = await runForecastTask(input, {
  task: "day-ahead",
  split,
  tz,
  hourEnding: true,
  seed: 42,
  logger: quiet,
  models,
});
for (const m of task.models) {
  const s = impliedDailyMean(m.forecast);
  console.log(
    `| ${m.model} | ${s.hourly.toFixed(3)} | ${s.daily.toFixed(3)} | ${(s.hourly - s.daily).toFixed(3)} | ${s.trueLevel.toFixed(3)} |`,
  );
}
console.log(`\ntarget: hourly MAPE ≤ ${TARGET.toFixed(1)} %`);

function firstRowAtOrAfterLocalMidnight(date) {
  const day = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const row = grid.calendar.dayNumber.findIndex((d) => d >= day);
  if (row < 0) throw new Error(`split ${date} after the data`);
  return row;
}

/** Day-ahead design and the next-day mean relative to the origin's level. */
function dailyMeanData(origins) {
  const design = dayAheadFeatures(grid, origins);
  const levels = dayAheadLevels(grid, origins);
  const hourly = horizonTargets(grid, origins, H);
  const mean = new Float64Array(origins.length);
  for (let r = 0; r < origins.length; r++) {
    let sum = 0;
    for (let h = 0; h < H; h++) sum += hourly[r * H + h];
    mean[r] = sum / H / levels[r];
  }
  const days = Int32Array.from(origins, (o) => grid.calendar.dayOfYear[o]);
  return { origins, design, mean, days };
}

function mape(predicted, d) {
  return meanAbsolutePercentageError(d.mean, predicted);
}

function row(name, chosen, validation, test) {
  console.log(
    `| ${name} | ${chosen} | ${mape(validation, data.validation).toFixed(3)} | ${mape(test, data.test).toFixed(3)} |`,
  );
}

function seasonalRidge() {
  let best;
  for (const bandwidth of [0, 10, 20, 40]) {
    const t = data.train;
    const stats = seasonalRidgeStats(t.design, t.mean, 1, t.days, bandwidth);
    for (const lambda of [1e-4, 1e-3, 1e-2, 1e-1]) {
      const fit = solveSeasonalRidge(stats, lambda);
      const v = predictSeasonalRidge(fit, data.validation.design, data.validation.days);
      const score = mape(v, data.validation);
      if (!best || score < best.score) best = { bandwidth, lambda, score, validation: v };
    }
  }
  const a = data.all;
  const fit = solveSeasonalRidge(
    seasonalRidgeStats(a.design, a.mean, 1, a.days, best.bandwidth),
    best.lambda,
  );
  return {
    chosen: `bandwidth ${best.bandwidth} d, λ ${best.lambda}`,
    validation: best.validation,
    test: predictSeasonalRidge(fit, data.test.design, data.test.days),
  };
}

function boostedTrees(depth) {
  const options = { depth, learningRate: 0.03 };
  const early = fitBoostedTrees(data.train.design, data.train.mean, {
    ...options,
    trees: 3000,
    patience: 100,
    validation: { design: data.validation.design, targets: data.validation.mean },
  });
  const count = early.trees.length;
  const full = fitBoostedTrees(data.all.design, data.all.mean, { ...options, trees: count });
  return {
    depth,
    chosen: `${count} trees (early stopping), learning rate 0.03`,
    validation: predictBoostedTrees(early, data.validation.design),
    test: predictBoostedTrees(full, data.test.design),
  };
}

/** Hourly MAPE, the implied daily-mean MAPE and the MAPE with the true daily mean, in %. */
function impliedDailyMean(forecast) {
  const origin = forecast.columns.originUtcMs;
  const predicted = forecast.columns.forecastMw;
  const actual = forecast.columns.actualMw;
  const days = new Map();
  for (let i = 0; i < predicted.length; i++) {
    if (!days.has(origin[i])) days.set(origin[i], []);
    days.get(origin[i]).push(i);
  }
  const sum = (values, rows) => rows.reduce((total, i) => total + values[i], 0);
  const dailyPredicted = [];
  const dailyActual = [];
  const rescaled = new Float64Array(predicted.length);
  for (const rows of days.values()) {
    dailyPredicted.push(sum(predicted, rows));
    dailyActual.push(sum(actual, rows));
    const rescale = dailyActual.at(-1) / dailyPredicted.at(-1);
    for (const i of rows) rescaled[i] = predicted[i] * rescale;
  }
  return {
    hourly: meanAbsolutePercentageError(actual, predicted),
    daily: meanAbsolutePercentageError(dailyActual, dailyPredicted),
    trueLevel: meanAbsolutePercentageError(actual, rescaled),
  };
}
