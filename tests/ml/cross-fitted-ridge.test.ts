import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/effects.js";
import { createLoadSeries } from "../../src/frame.js";
import { toHourlyGrid } from "../../src/ml/hourly-grid.js";
import type { FitContext } from "../../src/ml/model.js";
import { crossFittedRidge, fitRidgeModel } from "../../src/ml/models/ridge.js";
import { dayAheadOrigins } from "../../src/ml/training-rows.js";
import { syntheticSeries } from "./synthetic-series.js";

const FOLDS = 5;

function context(end: number): FitContext {
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
    const outOfFold = crossFittedRidge(grid, context(end), context(end).hyperparameters!, FOLDS);
    const outOfFoldPerturbed = crossFittedRidge(
      perturbed,
      context(end),
      context(end).hyperparameters!,
      FOLDS,
    );
    // the fold-0 ridge never saw the perturbed hours, so those origins' forecasts do not move …
    expect(Array.from(outOfFoldPerturbed(perturbed, late, 24))).toEqual(
      Array.from(outOfFold(grid, late, 24)),
    );
    // … while the ridge fitted on every row did learn from them
    const inSample = fitRidgeModel(grid, context(end)).predict(grid, late, 24);
    const inSamplePerturbed = fitRidgeModel(perturbed, context(end)).predict(perturbed, late, 24);
    expect(Array.from(inSamplePerturbed)).not.toEqual(Array.from(inSample));
  });

  it("out-of-fold errors are larger than in-sample ones (which flatter a stacked model)", () => {
    const origins = dayAheadOrigins(grid, 0, end, 24);
    const inSample = fitRidgeModel(grid, context(end)).predict(grid, origins, 24);
    const outOfFold = crossFittedRidge(
      grid,
      context(end),
      context(end).hyperparameters!,
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
