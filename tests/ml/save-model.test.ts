import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGcsServer, type FakeGcsServer } from "../helpers/fake-gcs-server.js";
import { InputError } from "../../src/errors.js";
import { sliceRows } from "../../src/frame.js";
import { backtest } from "../../src/ml/backtest.js";
import { forecastAhead } from "../../src/ml/forecast-ahead.js";
import { loadModel, saveModel } from "../../src/ml/save-model.js";
import { syntheticSeries, TINY } from "./synthetic-series.js";

const temp: string[] = [];
let gcs: FakeGcsServer;
beforeAll(async () => {
  gcs = await startFakeGcsServer();
  gcs.createBucket("pf-models");
});
afterAll(async () => {
  await gcs.close();
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pf-model-"));
  temp.push(dir);
  return dir;
}

/** A backtest from the 2021-06-01 split that keeps its fitted models. */
function keptBacktest(
  series: ReturnType<typeof syntheticSeries>,
  task: "day-ahead" | "long-horizon",
  models: string[],
  modelOptions: Record<string, Record<string, unknown>>,
): ReturnType<typeof backtest> {
  return backtest(series, {
    task,
    split: "2021-06-01",
    timeZone: "America/New_York",
    models,
    modelOptions,
    keepModels: true,
    backend: "wasm",
  });
}

describe("saveModel / loadModel", () => {
  it("saveModel then loadModel reproduces the forecasts and the card (ridge, mlp, gru)", async () => {
    const dir = await tempDir();
    const series = syntheticSeries(170);
    const result = await keptBacktest(series, "day-ahead", ["ridge", "mlp", "gru"], TINY);
    // history ends just before local midnight 2021-06-10 (America/New_York = 04:00Z)
    const end = Array.from(series.columns.timeUtcMs).indexOf(Date.parse("2021-06-10T04:00:00Z"));
    const history = sliceRows(series, 0, end);
    for (const m of result.models) {
      const files = await saveModel(m.forecaster!, join(dir, m.model));
      expect(files.map((f) => f.split("/").pop())).toEqual(
        m.model === "ridge"
          ? ["state.json", "model-card.json"]
          : ["weights.bin", "state.json", "model-card.json"],
      );
      const card = JSON.parse(await readFile(join(dir, m.model, "model-card.json"), "utf8")) as {
        backend: string;
      };
      expect(card).toMatchObject({
        model: m.model,
        task: "day-ahead",
        seed: 42,
        timeZone: "America/New_York",
      });
      expect(card.backend).toBe(m.model === "ridge" ? "none" : "wasm");
      const fresh = forecastAhead(m.forecaster!, history, { horizon: 24 });
      const loaded = await loadModel(join(dir, m.model));
      const again = forecastAhead(loaded, history, { horizon: 24 });
      expect(fresh.columns.timeUtcMs[0]).toBe(Date.parse("2021-06-10T04:00:00Z"));
      for (let k = 0; k < 24; k++) {
        expect(again.columns.forecastMw[k]).toBeCloseTo(fresh.columns.forecastMw[k]!, 6);
        expect(again.columns.upper95Mw[k]).toBeCloseTo(fresh.columns.upper95Mw[k]!, 6);
      }
      // the saved model forecasts the same origin as the backtest did
      const row = Array.from(m.forecast.columns.timeUtcMs).indexOf(
        Date.parse("2021-06-10T04:00:00Z"),
      );
      expect(again.columns.forecastMw[0]).toBeCloseTo(m.forecast.columns.forecastMw[row]!, 6);
      m.forecaster!.fitted.dispose();
      loaded.fitted.dispose();
    }
  });

  it("saveModel then loadModel reproduces a long-horizon gbt forecast (trees in state.json)", async () => {
    const dir = await tempDir();
    const series = syntheticSeries(200);
    const result = await keptBacktest(series, "long-horizon", ["gbt"], {
      gbt: { trees: 30, learningRate: 0.2 },
    });
    const forecaster = result.models[0]!.forecaster!;
    const files = await saveModel(forecaster, join(dir, "gbt"));
    expect(files.map((f) => f.split("/").pop())).toEqual(["state.json", "model-card.json"]);
    const loaded = await loadModel(join(dir, "gbt"));
    expect(loaded.card.hyperparameters).toEqual(forecaster.card.hyperparameters);
    const a = forecastAhead(forecaster, series, { horizon: 48 }).columns;
    const b = forecastAhead(loaded, series, { horizon: 48 }).columns;
    expect(Array.from(b.forecastMw)).toEqual(Array.from(a.forecastMw));
    expect(Array.from(b.upper95Mw)).toEqual(Array.from(a.upper95Mw));
  });

  it("forecastAhead rejects a day-ahead horizon beyond the fitted one and a mid-day end", async () => {
    const result = await backtest(syntheticSeries(170), {
      task: "day-ahead",
      split: "2021-06-01",
      timeZone: "America/New_York",
      models: ["ridge"],
      keepModels: true,
    });
    const forecaster = result.models[0]!.forecaster!;
    const series = syntheticSeries(170);
    expect(() => forecastAhead(forecaster, series, { horizon: 48 })).toThrow(
      /horizon too long for day-ahead model ridge: 48 \(expected at most 24\)/,
    );
    expect(() => forecastAhead(forecaster, sliceRows(series, 0, series.length - 5))).toThrow(
      /needs data ending at a local midnight/,
    );
  });

  it("saveModel / loadModel to gs:// go through the storage layer (real client, local server)", async () => {
    const series = syntheticSeries(170);
    const result = await keptBacktest(series, "day-ahead", ["mlp"], TINY);
    const forecaster = result.models[0]!.forecaster!;
    const storage = { apiEndpoint: gcs.endpoint, projectId: "test-project" };
    const uris = await saveModel(forecaster, "gs://pf-models/day-ahead/mlp/", { storage });
    expect(uris).toEqual([
      "gs://pf-models/day-ahead/mlp/weights.bin",
      "gs://pf-models/day-ahead/mlp/state.json",
      "gs://pf-models/day-ahead/mlp/model-card.json",
    ]);
    expect(gcs.object("pf-models", "day-ahead/mlp/model-card.json")!.contentType).toBe(
      "application/json",
    );
    const loaded = await loadModel("gs://pf-models/day-ahead/mlp", { storage });
    const history = sliceRows(series, 0, series.length);
    const a = forecastAhead(forecaster, history).columns.forecastMw;
    const b = forecastAhead(loaded, history).columns.forecastMw;
    for (let k = 0; k < 24; k++) expect(b[k]).toBeCloseTo(a[k]!, 6);
    forecaster.fitted.dispose();
    loaded.fitted.dispose();
  });

  it("loadModel of a folder without a model card raises InputError", async () => {
    const dir = await tempDir();
    await expect(loadModel(join(dir, "missing"))).rejects.toThrow(InputError);
    await writeFile(
      join(dir, "model-card.json"),
      JSON.stringify({ model: "prophet", conformal: {} }),
    );
    await expect(loadModel(dir)).rejects.toThrow(/unknown model: "prophet"/);
  });
});
