import { describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.js";
import { gbt } from "../../../src/ml/models/gbt.js";
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

const HORIZON = 24 * 14;
const { grid, end } = standardCase();
const from = Int32Array.of(end, end + 24 * 7);
// few, coarse trees keep the fit fast; the search for the tree count still runs
const context = contextOf("long-horizon", end, {
  horizon: HORIZON,
  options: { trees: 150, learningRate: 0.1 },
});

describe("gbt", () => {
  it("gbt.fit(long-horizon) forecasts two weeks of calendar load better than a flat forecast", async () => {
    const forecast = await fitAndForecast(gbt, grid, context, from, HORIZON);
    expect(forecast.every(Number.isFinite)).toBe(true);
    expect(mapeOf(grid, from, HORIZON, forecast)).toBeLessThan(flatMape(grid, end, from, HORIZON));
  });

  it("gbt chooses its tree count on the training rows and reports the settings it used", async () => {
    const fitted = await gbt.fit(grid, context);
    expect(fitted.hyperparameters).toMatchObject({ learningRate: 0.1, depth: 3 });
    expect(fitted.hyperparameters.trees).toBeGreaterThan(0);
    expect(fitted.hyperparameters.trees).toBeLessThanOrEqual(150);
    expect(fitted.features).toContain("dayOfYear");
  });

  it("gbt forecasts do not depend on the load of the rows they forecast", async () => {
    const a = await fitAndForecast(gbt, grid, context, from, HORIZON);
    const b = await fitAndForecast(gbt, futureChanged(DAYS, end), context, from, HORIZON);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("gbt.fit twice gives identical forecasts", async () => {
    const a = await fitAndForecast(gbt, grid, context, from, HORIZON);
    const b = await fitAndForecast(gbt, grid, context, from, HORIZON);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("gbt restored from its JSON state forecasts exactly as the fitted one", async () => {
    const fitted = await gbt.fit(grid, context);
    const restored = await roundTrip(gbt, fitted);
    expect(Array.from(restored.predict(grid, from, HORIZON))).toEqual(
      Array.from(fitted.predict(grid, from, HORIZON)),
    );
  });

  it("gbt forecasts past the end of the grid are NaN", async () => {
    const fitted = await gbt.fit(grid, context);
    const tail = fitted.predict(grid, Int32Array.of(grid.length - 2), 4);
    expect(Array.from(tail.subarray(0, 2)).every(Number.isFinite)).toBe(true);
    expect(Array.from(tail.subarray(2))).toEqual([NaN, NaN]);
  });

  it("gbt rejects an unknown or non-numeric option and too little history with ModelError", async () => {
    await expect(async () => gbt.fit(grid, { ...context, options: { leaves: 8 } })).rejects.toThrow(
      /invalid option for gbt: "leaves" \(expected a number for one of trees, depth/,
    );
    await expect(async () =>
      gbt.fit(grid, { ...context, options: { depth: "3" } }),
    ).rejects.toThrow(ModelError);
    await expect(async () => gbt.fit(grid, contextOf("long-horizon", 20 * 24))).rejects.toThrow(
      /too little history for gbt: \d+ hours \(expected at least 672\)/,
    );
  });
});
