import { beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/effects.js";
import { ModelError } from "../../../src/errors.js";
import { createLoadSeries } from "../../../src/frame.js";
import { toHourlyGrid } from "../../../src/ml/hourly-grid.js";
import type { FitContext, FittedPointModel } from "../../../src/ml/model.js";
import { crossFittedRidge, fitRidgeModel, ridge } from "../../../src/ml/models/ridge.js";
import { dayAheadOrigins } from "../../../src/ml/training-rows.js";
import { syntheticSeries } from "../synthetic-series.js";
import {
  contextOf,
  fitAndForecast,
  flatMape,
  DAYS,
  futureChanged,
  mapeOf,
  roundTrip,
  standardCase,
} from "./model-checks.js";

const { grid, end, origins } = standardCase();

describe("ridge (day-ahead)", () => {
  const context = contextOf("day-ahead", end);
  let fitted: FittedPointModel;
  let expected: number[];
  beforeAll(async () => {
    fitted = await ridge.fit(grid, context);
    expected = Array.from(fitted.predict(grid, origins, 24));
  });

  it("ridge.fit(day-ahead) forecasts 24 h from each origin with under half a flat forecast's error", () => {
    expect(expected).toHaveLength(origins.length * 24);
    expect(expected.every(Number.isFinite)).toBe(true);
    expect(mapeOf(grid, origins, 24, Float64Array.from(expected))).toBeLessThan(
      flatMape(grid, end, origins, 24) / 2,
    );
    expect(Object.keys(fitted.hyperparameters)).toEqual([
      "lambda",
      "trainYears",
      "seasonBandwidthDays",
    ]);
  });

  it("ridge forecasts read only rows before each origin (the future changed, forecasts equal)", async () => {
    const last = origins[origins.length - 1]!;
    expect(Array.from(fitted.predict(futureChanged(DAYS, last), origins, 24))).toEqual(expected);
    // fitted on a grid whose rows from the training end on differ, forecasting the same grid
    const refitted = await fitAndForecast(
      ridge,
      futureChanged(DAYS, end),
      context,
      origins,
      24,
      grid,
    );
    expect(Array.from(refitted)).toEqual(expected);
  });

  it("ridge.fit twice gives identical forecasts", async () => {
    expect(Array.from(await fitAndForecast(ridge, grid, context, origins))).toEqual(expected);
  });

  it("ridge restored from its JSON state forecasts exactly as the fitted one", async () => {
    const restored = await roundTrip(ridge, fitted);
    expect(restored.hyperparameters).toEqual(fitted.hyperparameters);
    expect(Array.from(restored.predict(grid, origins, 24))).toEqual(expected);
  });

  it("ridge rejects a day-ahead horizon beyond the fitted one and too little history", async () => {
    expect(() => fitted.predict(grid, origins, 25)).toThrow(ModelError);
    expect(() => fitted.predict(grid, origins, 25)).toThrow(/ridge horizon too long: 25 steps/);
    await expect(async () => ridge.fit(grid, contextOf("day-ahead", 10 * 24))).rejects.toThrow(
      /too little history for day-ahead ridge: \d+ complete days before the origin/,
    );
  });
});

describe("ridge (long-horizon)", () => {
  const horizon = 24 * 14;
  const context = contextOf("long-horizon", end, { horizon });
  const from = Int32Array.of(end);
  let fitted: FittedPointModel;
  let expected: number[];
  beforeAll(async () => {
    fitted = await ridge.fit(grid, context);
    expected = Array.from(fitted.predict(grid, from, horizon));
  });

  it("ridge.fit(long-horizon) forecasts two weeks of calendar load better than a flat forecast", () => {
    expect(expected.every(Number.isFinite)).toBe(true);
    expect(mapeOf(grid, from, horizon, Float64Array.from(expected))).toBeLessThan(
      flatMape(grid, end, from, horizon),
    );
    expect(fitted.hyperparameters).toHaveProperty("levelYears");
  });

  it("ridge long-horizon forecasts do not read the rows they forecast", async () => {
    const changed = await fitAndForecast(ridge, futureChanged(DAYS, end), context, from, horizon);
    expect(Array.from(changed)).toEqual(expected);
  });

  it("ridge long-horizon restored from its JSON state forecasts exactly as the fitted one", async () => {
    const restored = await roundTrip(ridge, fitted);
    expect(Array.from(restored.predict(grid, from, horizon))).toEqual(expected);
  });

  it("ridge long-horizon forecasts past the end of the grid are NaN", () => {
    const tail = fitted.predict(grid, Int32Array.of(grid.length - 1), 2);
    expect(Number.isFinite(tail[0]!)).toBe(true);
    expect(tail[1]).toBeNaN();
  });

  it("ridge long-horizon rejects fewer than 28 days of history", async () => {
    await expect(async () => ridge.fit(grid, contextOf("long-horizon", 20 * 24))).rejects.toThrow(
      /too little history for ridge: \d+ hours \(expected at least 672\)/,
    );
  });
});

const FOLDS = 5;

function foldContext(end: number): FitContext {
  return {
    task: "day-ahead",
    end,
    horizon: 24,
    seed: 1,
    logger: silentLogger(),
    hyperparameters: { lambda: 1e-3, trainYears: 0, seasonBandwidthDays: 0 },
    options: {},
  };
}

describe("crossFittedRidge", () => {
  const series = syntheticSeries(400);
  const grid = toHourlyGrid(series, { timeZone: "America/New_York" });
  const end = grid.length;
  const block = end / FOLDS;
  // hours [500, block − 400) lie in block 0 and are neither a target nor a feature (≤ 336 h back)
  // of any origin outside block 0, nor of block 0's origins from block − 64 on
  const perturbed = (() => {
    const load = Float64Array.from(series.columns.loadMw);
    for (let i = 500; i < Math.floor(block) - 400; i++) load[i] = load[i]! * 1.5;
    return toHourlyGrid(createLoadSeries(series.columns.timeUtcMs, load), {
      timeZone: "America/New_York",
    });
  })();
  const late = dayAheadOrigins(grid, Math.ceil(block) - 64, Math.floor(block), 24);

  it("forecasts each origin with the ridge fitted without its own block of rows", () => {
    expect(late.length).toBeGreaterThanOrEqual(2);
    const outOfFold = crossFittedRidge(
      grid,
      foldContext(end),
      foldContext(end).hyperparameters!,
      FOLDS,
    );
    const outOfFoldPerturbed = crossFittedRidge(
      perturbed,
      foldContext(end),
      foldContext(end).hyperparameters!,
      FOLDS,
    );
    // the fold-0 ridge never saw the perturbed hours, so those origins' forecasts do not move …
    expect(Array.from(outOfFoldPerturbed(perturbed, late, 24))).toEqual(
      Array.from(outOfFold(grid, late, 24)),
    );
    // … while the ridge fitted on every row did learn from them
    const inSample = fitRidgeModel(grid, foldContext(end)).predict(grid, late, 24);
    const inSamplePerturbed = fitRidgeModel(perturbed, foldContext(end)).predict(
      perturbed,
      late,
      24,
    );
    expect(Array.from(inSamplePerturbed)).not.toEqual(Array.from(inSample));
  });

  it("out-of-fold errors are larger than in-sample ones (which flatter a stacked model)", () => {
    const origins = dayAheadOrigins(grid, 0, end, 24);
    const inSample = fitRidgeModel(grid, foldContext(end)).predict(grid, origins, 24);
    const outOfFold = crossFittedRidge(
      grid,
      foldContext(end),
      foldContext(end).hyperparameters!,
      FOLDS,
    )(grid, origins, 24);
    const mae = (forecast: Float64Array): number => {
      let sum = 0;
      for (let k = 0; k < forecast.length; k++) {
        const o = origins[Math.floor(k / 24)]! + (k % 24);
        sum += Math.abs(grid.loadMw[o]! - forecast[k]!);
      }
      return sum / forecast.length;
    };
    expect(mae(outOfFold)).toBeGreaterThan(mae(inSample));
  });
});
