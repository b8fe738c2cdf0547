import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.js";
import { selectBackend } from "../../../src/ml/backend.js";
import type { FittedPointModel } from "../../../src/ml/model.js";
import { gru } from "../../../src/ml/models/gru.js";
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
const dayAhead = contextOf("day-ahead", end, { options: TINY.gru });

beforeAll(async () => {
  await selectBackend({ prefer: "wasm" });
});

describe("gru", () => {
  let fitted: FittedPointModel;
  beforeAll(async () => {
    fitted = await gru.fit(grid, dayAhead);
  });
  afterAll(() => fitted.dispose());

  it("gru.fit(day-ahead) forecasts 24 h from each origin with under half a flat forecast's error", () => {
    const forecast = fitted.predict(grid, origins, 24);
    expect(forecast.every(Number.isFinite)).toBe(true);
    expect(mapeOf(grid, origins, 24, forecast)).toBeLessThan(flatMape(grid, end, origins, 24) / 2);
    expect(fitted.hyperparameters).toMatchObject({ epochs0: expect.any(Number) as number });
    expect(fitted.hyperparameters.residualWeight).toBeGreaterThanOrEqual(0);
    expect(fitted.hyperparameters.residualWeight).toBeLessThanOrEqual(1);
    // the last 168 h of load are the second input
    expect(fitted.features).toContain("load_sequence_t-168..t-1/level");
  });

  it("gru forecasts read only rows before each origin (the future changed, forecasts equal)", async () => {
    const expected = Array.from(fitted.predict(grid, origins, 24));
    const last = origins[origins.length - 1]!;
    expect(Array.from(fitted.predict(futureChanged(DAYS, last), origins, 24))).toEqual(expected);
    // fitted on a grid whose rows from the training end on differ, forecasting the same grid
    const refitted = await fitAndForecast(
      gru,
      futureChanged(DAYS, end),
      dayAhead,
      origins,
      24,
      grid,
    );
    expect(Array.from(refitted)).toEqual(expected);
  });

  it("gru.fit with the same seed gives identical weights and forecasts, another seed other weights", async () => {
    const weights = async (model: FittedPointModel): Promise<number[]> =>
      Array.from((await model.exportState()).weights!);
    const again = await gru.fit(grid, dayAhead);
    const reseeded = await gru.fit(grid, { ...dayAhead, seed: 8 });
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

  it("gru restored from its state (JSON + weights) forecasts exactly as the fitted one", async () => {
    const restored = await roundTrip(gru, fitted);
    try {
      expect(restored.hyperparameters).toEqual(fitted.hyperparameters);
      expect(Array.from(restored.predict(grid, origins, 24))).toEqual(
        Array.from(fitted.predict(grid, origins, 24)),
      );
    } finally {
      restored.dispose();
    }
  });

  it("gru rejects a longer horizon, an unknown option, too little history and missing weights", async () => {
    // the ridge under the network refuses first
    expect(() => fitted.predict(grid, origins, 25)).toThrow(ModelError);
    expect(() => fitted.predict(grid, origins, 25)).toThrow(/horizon too long: 25 steps/);
    await expect(async () =>
      gru.fit(grid, { ...dayAhead, options: { layers: 3 } }),
    ).rejects.toThrow(/unknown option for gru: "layers" \(expected one of epochs, hidden/);
    await expect(async () =>
      gru.fit(grid, { ...dayAhead, end: midnightAtOrAfter(grid, 65 * 24) }),
    ).rejects.toThrow(/too little history for gru: \d+ complete days \(expected at least 60\)/);
    const { json } = await fitted.exportState();
    await expect(async () => gru.restore({ json }, undefined as never)).rejects.toThrow(
      /saved network model has no weights \(expected weights.bin\)/,
    );
  });
});
