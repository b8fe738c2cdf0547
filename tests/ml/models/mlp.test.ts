import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.js";
import { selectBackend } from "../../../src/ml/backend.js";
import type { FittedPointModel } from "../../../src/ml/model.js";
import { mlp } from "../../../src/ml/models/mlp.js";
import { TINY } from "../synthetic-series.js";
import {
  contextOf,
  fitAndForecast,
  flatMape,
  futureChanged,
  gridOf,
  mapeOf,
  midnightAtOrAfter,
  originsFrom,
  roundTrip,
} from "./model-checks.js";

const DAYS = 150;
const grid = gridOf(DAYS);
const end = midnightAtOrAfter(grid, 120 * 24);
const origins = originsFrom(end, 10);
const dayAhead = contextOf("day-ahead", end, { options: TINY.mlp });

beforeAll(async () => {
  await selectBackend({ prefer: "wasm" });
});

describe("mlp (day-ahead)", () => {
  let fitted: FittedPointModel;
  beforeAll(async () => {
    fitted = await mlp.fit(grid, dayAhead);
  });
  afterAll(() => fitted.dispose());

  it("mlp.fit(day-ahead) forecasts 24 h from each origin with under half a flat forecast's error", () => {
    const forecast = fitted.predict(grid, origins, 24);
    expect(forecast.every(Number.isFinite)).toBe(true);
    expect(mapeOf(grid, origins, 24, forecast)).toBeLessThan(flatMape(grid, end, origins, 24) / 2);
    expect(fitted.hyperparameters).toMatchObject({ epochs0: expect.any(Number) as number });
    expect(fitted.hyperparameters.residualWeight).toBeGreaterThanOrEqual(0);
    expect(fitted.hyperparameters.residualWeight).toBeLessThanOrEqual(1);
    expect(fitted.features).toContain("logLevel");
  });

  it("mlp forecasts read only rows before each origin (the future changed, forecasts equal)", async () => {
    const expected = Array.from(fitted.predict(grid, origins, 24));
    const last = origins[origins.length - 1]!;
    expect(Array.from(fitted.predict(futureChanged(DAYS, last), origins, 24))).toEqual(expected);
    // fitted on a grid whose rows from the training end on differ, forecasting the same grid
    const refitted = await fitAndForecast(
      mlp,
      futureChanged(DAYS, end),
      dayAhead,
      origins,
      24,
      grid,
    );
    expect(Array.from(refitted)).toEqual(expected);
  });

  it("mlp.fit with the same seed gives identical weights and forecasts, another seed other weights", async () => {
    const weights = async (model: FittedPointModel): Promise<number[]> =>
      Array.from((await model.exportState()).weights!);
    const again = await mlp.fit(grid, dayAhead);
    const reseeded = await mlp.fit(grid, { ...dayAhead, seed: 8 });
    try {
      expect(await weights(again)).toEqual(await weights(fitted));
      expect(Array.from(again.predict(grid, origins, 24))).toEqual(
        Array.from(fitted.predict(grid, origins, 24)),
      );
      expect(await weights(reseeded)).not.toEqual(await weights(fitted));
    } finally {
      again.dispose();
      reseeded.dispose();
    }
  });

  it("mlp restored from its state (JSON + weights) forecasts exactly as the fitted one", async () => {
    const restored = await roundTrip(mlp, fitted);
    try {
      expect(restored.hyperparameters).toEqual(fitted.hyperparameters);
      expect(Array.from(restored.predict(grid, origins, 24))).toEqual(
        Array.from(fitted.predict(grid, origins, 24)),
      );
    } finally {
      restored.dispose();
    }
  });

  it("mlp rejects a longer horizon, an unknown option, too little history and missing weights", async () => {
    // the ridge under the network refuses first
    expect(() => fitted.predict(grid, origins, 25)).toThrow(ModelError);
    expect(() => fitted.predict(grid, origins, 25)).toThrow(/horizon too long: 25 steps/);
    await expect(async () =>
      mlp.fit(grid, { ...dayAhead, options: { layers: 3 } }),
    ).rejects.toThrow(/unknown option for mlp: "layers" \(expected one of epochs, hidden/);
    await expect(async () =>
      mlp.fit(grid, { ...dayAhead, end: midnightAtOrAfter(grid, 65 * 24) }),
    ).rejects.toThrow(/too little history for mlp: \d+ complete days \(expected at least 60\)/);
    const { json } = await fitted.exportState();
    await expect(async () => mlp.restore({ json }, undefined as never)).rejects.toThrow(
      /saved network model has no weights \(expected weights.bin\)/,
    );
  });
});

describe("mlp (long-horizon)", () => {
  const horizon = 24 * 14;
  const context = contextOf("long-horizon", end, { horizon, options: TINY.mlp });
  const from = Int32Array.of(end);

  it("mlp.fit(long-horizon) forecasts two weeks better than a flat forecast, reading no future load", async () => {
    const forecast = await fitAndForecast(mlp, grid, context, from, horizon);
    expect(forecast.every(Number.isFinite)).toBe(true);
    expect(mapeOf(grid, from, horizon, forecast)).toBeLessThan(flatMape(grid, end, from, horizon));
    const changed = await fitAndForecast(mlp, futureChanged(DAYS, end), context, from, horizon);
    expect(Array.from(changed)).toEqual(Array.from(forecast));
  });
});
