/**
 * The day-ahead checks every TensorFlow.js network model passes (mlp, gru): on the standard
 * case, with tiny settings on the wasm backend.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.js";
import { selectBackend } from "../../../src/ml/backend.js";
import type { FittedPointModel, Model } from "../../../src/ml/model.js";
import {
  contextOf,
  DAYS,
  fitAndForecast,
  flatMape,
  futureChanged,
  mapeOf,
  midnightAtOrAfter,
  roundTrip,
  standardCase,
} from "./model-checks.js";

/**
 * Declares the day-ahead tests of network `model` fitted with `options`; `feature` is a feature
 * name its card must list.
 */
export function describeNetworkDayAhead(
  model: Model,
  options: Record<string, unknown>,
  feature: string,
): void {
  const { grid, end, origins } = standardCase();
  const dayAhead = contextOf("day-ahead", end, { options });

  beforeAll(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  describe(`${model.name} (day-ahead)`, () => {
    let fitted: FittedPointModel;
    beforeAll(async () => {
      fitted = await model.fit(grid, dayAhead);
    });
    afterAll(() => fitted.dispose());

    it(`${model.name}.fit(day-ahead) forecasts 24 h from each origin with under half a flat forecast's error`, () => {
      const forecast = fitted.predict(grid, origins, 24);
      expect(forecast.every(Number.isFinite)).toBe(true);
      expect(mapeOf(grid, origins, 24, forecast)).toBeLessThan(
        flatMape(grid, end, origins, 24) / 2,
      );
      expect(fitted.hyperparameters).toMatchObject({ epochs0: expect.any(Number) as number });
      expect(fitted.hyperparameters.residualWeight).toBeGreaterThanOrEqual(0);
      expect(fitted.hyperparameters.residualWeight).toBeLessThanOrEqual(1);
      expect(fitted.features).toContain(feature);
    });

    it(`${model.name} forecasts read only rows before each origin (the future changed, forecasts equal)`, async () => {
      const expected = Array.from(fitted.predict(grid, origins, 24));
      const last = origins[origins.length - 1]!;
      expect(Array.from(fitted.predict(futureChanged(DAYS, last), origins, 24))).toEqual(expected);
      // fitted on a grid whose rows from the training end on differ, forecasting the same grid
      const refitted = await fitAndForecast(
        model,
        futureChanged(DAYS, end),
        dayAhead,
        origins,
        24,
        grid,
      );
      expect(Array.from(refitted)).toEqual(expected);
    });

    it(`${model.name}.fit with the same seed gives identical weights and forecasts, another seed other weights`, async () => {
      const weights = async (net: FittedPointModel): Promise<number[]> =>
        Array.from((await net.exportState()).weights!);
      const again = await model.fit(grid, dayAhead);
      const reseeded = await model.fit(grid, { ...dayAhead, seed: 8 });
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

    it(`${model.name} restored from its state (JSON + weights) forecasts exactly as the fitted one`, async () => {
      const restored = await roundTrip(model, fitted);
      try {
        expect(restored.hyperparameters).toEqual(fitted.hyperparameters);
        expect(Array.from(restored.predict(grid, origins, 24))).toEqual(
          Array.from(fitted.predict(grid, origins, 24)),
        );
      } finally {
        restored.dispose();
      }
    });

    it(`${model.name} rejects a longer horizon, an unknown option, too little history and missing weights`, async () => {
      // the ridge under the network refuses first
      expect(() => fitted.predict(grid, origins, 25)).toThrow(ModelError);
      expect(() => fitted.predict(grid, origins, 25)).toThrow(/horizon too long: 25 steps/);
      await expect(async () =>
        model.fit(grid, { ...dayAhead, options: { layers: 3 } }),
      ).rejects.toThrow(
        new RegExp(`unknown option for ${model.name}: "layers" \\(expected one of epochs, hidden`),
      );
      await expect(async () =>
        model.fit(grid, { ...dayAhead, end: midnightAtOrAfter(grid, 65 * 24) }),
      ).rejects.toThrow(
        new RegExp(
          `too little history for ${model.name}: \\d+ complete days \\(expected at least 60\\)`,
        ),
      );
      const { json } = await fitted.exportState();
      await expect(async () => model.restore({ json }, undefined as never)).rejects.toThrow(
        /saved network model has no weights \(expected weights.bin\)/,
      );
    });
  });
}
