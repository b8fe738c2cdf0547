import { describe, expect, it } from "vitest";
import { fitForecaster } from "../../src/ml/fit-forecaster.js";
import { toHourlyGrid } from "../../src/ml/hourly-grid.js";
import type { FitContext, Model } from "../../src/ml/model.js";
import { syntheticSeries } from "./synthetic-series.js";

/** A model that records what each fit was given and re-chooses `weight` on the held-out block. */
function probeModel(): {
  model: Model;
  given: (Record<string, number> | undefined)[];
  heldOut: Int32Array[];
} {
  const given: (Record<string, number> | undefined)[] = [];
  const heldOut: Int32Array[] = [];
  const model: Model = {
    name: "probe",
    description: "records its fits",
    tasks: ["day-ahead"],
    usesTensorflow: false,
    fit: (_grid, context: FitContext) => {
      given.push(context.hyperparameters);
      return Promise.resolve({
        hyperparameters: context.hyperparameters ?? { weight: 1, end: context.end },
        features: [],
        predict: (_g, origins, horizon) => new Float64Array(origins.length * horizon).fill(1000),
        tuneOnHeldOut: (_g, origins) => {
          heldOut.push(origins);
          return { weight: 0.25, end: context.end };
        },
        exportState: () => Promise.resolve({ json: {} }),
        dispose: () => undefined,
      });
    },
    restore: () => Promise.reject(new Error("not used")),
  };
  return { model, given, heldOut };
}

describe("fitForecaster", () => {
  it("refits with the hyperparameters the first fit re-chose on the held-out calibration block", async () => {
    const grid = toHourlyGrid(syntheticSeries(120), { timeZone: "America/New_York" });
    const end = grid.length - 24 * 10;
    const calibrationStart = end - Math.floor(end / 4);
    const { model, given, heldOut } = probeModel();
    const forecaster = await fitForecaster(model, grid, { task: "day-ahead", end });
    // first fit chooses for itself (no hyperparameters), ending where the calibration block starts
    expect(given[0]).toBeUndefined();
    // tuneOnHeldOut saw exactly the block's local midnights, which the first fit never trained on
    expect(heldOut).toHaveLength(1);
    const origins = Array.from(heldOut[0]!);
    const midnights: number[] = [];
    for (let o = calibrationStart; o + 24 <= end; o++)
      if (grid.calendar.hour[o] === 0) midnights.push(o);
    expect(origins).toEqual(midnights);
    expect(origins.length).toBeGreaterThan(20);
    for (const o of origins) {
      expect(o).toBeGreaterThanOrEqual(calibrationStart);
      expect(o + 24).toBeLessThanOrEqual(end);
      expect(grid.calendar.hour[o]).toBe(0);
    }
    // the refit gets the re-chosen values, and the card shows what the refit used
    expect(given[1]).toEqual({ weight: 0.25, end: calibrationStart });
    expect(forecaster.card.hyperparameters).toEqual({ weight: 0.25, end: calibrationStart });
  });
});
