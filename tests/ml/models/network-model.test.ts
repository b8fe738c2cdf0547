import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../../../src/ml/backend.js";
import { networkModel } from "../../../src/ml/models/network-model.js";
import { ridge } from "../../../src/ml/models/ridge.js";
import { STACKING_WEIGHTS } from "../../../src/ml/stacking-weight.js";
import { seededInitializers } from "../../../src/ml/tf-network.js";
import { contextOf, gridOf, midnightAtOrAfter, originsFrom } from "./model-checks.js";

/** The smallest network spec: one dense layer, two members. */
const tiny = networkModel({
  name: "tiny-net",
  description: "one dense layer on the network inputs",
  tasks: ["day-ahead", "long-horizon"],
  sequence: 0,
  defaults: () => ({
    epochs: 2,
    hidden: 4,
    ensemble: 2,
    learningRate: 1e-2,
    batchSize: 128,
    patience: 5,
    loss: "meanAbsoluteError",
  }),
  build: (shapes, outputs, _settings, seed) => {
    const model = tf.sequential();
    model.add(
      tf.layers.dense({
        inputShape: shapes[0]!,
        units: outputs,
        kernelInitializer: seededInitializers(seed)(1),
      }),
    );
    return model;
  },
});

const grid = gridOf(150);
const end = midnightAtOrAfter(grid, 120 * 24);
const origins = originsFrom(end, 10);
const context = contextOf("day-ahead", end);

beforeAll(async () => {
  await selectBackend({ prefer: "wasm" });
});

describe("networkModel", () => {
  it("networkModel(spec) is a TensorFlow.js model with the spec's name and tasks", () => {
    expect(tiny).toMatchObject({
      name: "tiny-net",
      tasks: ["day-ahead", "long-horizon"],
      usesTensorflow: true,
    });
  });

  it("fit trains spec.ensemble members on the ridges' residuals and records what it chose", async () => {
    const fitted = await tiny.fit(grid, context);
    try {
      const h = fitted.hyperparameters;
      expect(Object.keys(h)).toEqual([
        "ridge.lambda",
        "ridge.trainYears",
        "ridge.seasonBandwidthDays",
        "seasonalRidge.lambda",
        "seasonalRidge.trainYears",
        "seasonalRidge.seasonBandwidthDays",
        "epochs0",
        "epochs1",
        "residualWeight",
      ]);
      // the baseline ridge is one global ridge (bandwidth 0)
      expect(h["ridge.seasonBandwidthDays"]).toBe(0);
      expect(STACKING_WEIGHTS).toContain(h.residualWeight);
      expect(fitted.features).toContain("seasonalRidge_t+23/level");
    } finally {
      fitted.dispose();
    }
  });

  it("a refit with given hyperparameters keeps them: epochs per member and the residual weight", async () => {
    const first = await tiny.fit(grid, context);
    const given = { ...first.hyperparameters, epochs0: 1, epochs1: 3, residualWeight: 0.5 };
    first.dispose();
    const refit = await tiny.fit(grid, { ...context, hyperparameters: given });
    try {
      expect(refit.hyperparameters).toEqual(given);
    } finally {
      refit.dispose();
    }
  });

  it("residual weight 0 forecasts exactly what the ridge with the same hyperparameters does", async () => {
    const first = await tiny.fit(grid, context);
    const given: Record<string, number> = { ...first.hyperparameters, residualWeight: 0 };
    first.dispose();
    const network = await tiny.fit(grid, { ...context, hyperparameters: given });
    const baseline = await ridge.fit(grid, {
      ...context,
      hyperparameters: {
        lambda: given["ridge.lambda"]!,
        trainYears: given["ridge.trainYears"]!,
        seasonBandwidthDays: given["ridge.seasonBandwidthDays"]!,
      },
    });
    try {
      expect(Array.from(network.predict(grid, origins, 24))).toEqual(
        Array.from(baseline.predict(grid, origins, 24)),
      );
    } finally {
      network.dispose();
    }
  });

  it("tuneOnHeldOut re-chooses only the residual weight, on the held-out origins", async () => {
    const fitted = await tiny.fit(grid, context);
    try {
      const tuned = fitted.tuneOnHeldOut!(grid, origins, 24);
      const { residualWeight, ...rest } = tuned;
      const { residualWeight: _fitted, ...fittedRest } = fitted.hyperparameters;
      expect(rest).toEqual(fittedRest);
      expect(STACKING_WEIGHTS).toContain(residualWeight);
    } finally {
      fitted.dispose();
    }
  });

  it("dispose frees every tensor the fit left behind", async () => {
    const before = tf.memory().numTensors;
    const fitted = await tiny.fit(grid, context);
    fitted.predict(grid, origins, 24);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    fitted.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
