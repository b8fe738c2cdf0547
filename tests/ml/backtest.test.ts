import { describe, expect, it } from "vitest";
import { InputError, ModelError } from "../../src/errors.js";
import { createLoadSeries, type LoadSeries } from "../../src/frame.js";
import { backtest } from "../../src/ml/backtest.js";
import { syntheticSeries, TINY } from "./synthetic-series.js";

const SPLIT = "2021-06-01";

describe("backtest", () => {
  it("backtest(day-ahead) forecasts 24 h from each local midnight with ordered intervals", async () => {
    const series = syntheticSeries(170);
    const result = await backtest(series, {
      task: "day-ahead",
      split: SPLIT,
      timeZone: "America/New_York",
      models: ["seasonal-naive-24", "calendar-profile", "ridge"],
    });
    expect(result.splitUtc).toBe("2021-06-01T04:00:00.000Z");
    expect(result.origins).toBe(19);
    expect(result.backend).toBe("none");
    for (const m of result.models) {
      const c = m.forecast.columns;
      expect(m.forecast.length).toBe(19 * 24);
      expect(c.step[25]).toBe(1);
      expect(c.originUtcMs[24]).toBe(Date.parse("2021-06-02T04:00:00Z"));
      for (let k = 0; k < m.forecast.length; k++) {
        expect(c.lower95Mw[k]!).toBeLessThanOrEqual(c.lower80Mw[k]!);
        expect(c.lower80Mw[k]!).toBeLessThanOrEqual(c.upper80Mw[k]!);
        expect(c.upper80Mw[k]!).toBeLessThanOrEqual(c.upper95Mw[k]!);
      }
      expect(m.metrics.n).toBe(19 * 24);
      expect(m.metrics.coverage95).toBeGreaterThan(0.5);
    }
    // Jan–May training, June test: the lag-based ridge beats the calendar profile
    expect(result.models[2]!.metrics.mapePct).toBeLessThan(result.models[1]!.metrics.mapePct);
  });

  it("backtest(long-horizon) fits once and forecasts every hour after the split", async () => {
    const result = await backtest(syntheticSeries(200, { temperature: true }), {
      task: "long-horizon",
      split: SPLIT,
      timeZone: "America/New_York",
      models: ["seasonal-naive-168", "ridge", "gbt"],
      modelOptions: { gbt: { trees: 60, learningRate: 0.1 } },
    });
    expect(result.origins).toBe(1);
    const ridge = result.models[1]!;
    const gbt = result.models[2]!;
    expect(gbt.card.features).toEqual([
      "hour",
      "weekday",
      "quarter",
      "month",
      "year",
      "dayOfYear",
      "holiday",
      "dayBeforeHoliday",
      "dayAfterHoliday",
      "temperatureC",
      "temperatureC_t-1",
      "temperatureC_t-3",
      "temperatureMean24h",
      "temperatureMean72h",
      "dayTemperatureMean",
      "dayTemperatureMax",
      "dayTemperatureMin",
      "previousDayTemperatureMean",
    ]);
    expect(gbt.card.hyperparameters).toMatchObject({ depth: 3, learningRate: 0.1 });
    expect(gbt.card.hyperparameters.trees).toBeGreaterThan(0);
    expect(gbt.card.hyperparameters.trees).toBeLessThanOrEqual(60);
    expect(gbt.metrics.mapePct).toBeLessThan(result.models[0]!.metrics.mapePct);
    expect(ridge.card.features).toContain("coolingDegreeHours");
    expect(ridge.metrics.mapePct).toBeLessThan(result.models[0]!.metrics.mapePct);
    expect(ridge.card.conformal.groupBy).toBe("hour");
    expect(ridge.card.dataSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("backtest perturbing load after an origin leaves that origin's forecasts unchanged (no leakage)", async () => {
    const series = syntheticSeries(170, { temperature: true });
    const options = {
      task: "day-ahead" as const,
      split: SPLIT,
      timeZone: "America/New_York",
      refitEvery: 10,
      modelOptions: TINY,
      backend: "wasm" as const,
    };
    const base = await backtest(series, options);
    expect(base.models.map((m) => m.model)).toEqual([
      "seasonal-naive-24",
      "seasonal-naive-168",
      "calendar-profile",
      "vanilla-benchmark",
      "ridge",
      "mlp",
      "gru",
    ]);
    for (const origin of [1, 4]) {
      const cut = base.models[0]!.forecast.columns.originUtcMs[origin * 24]!;
      const loads = series.columns.loadMw.slice();
      for (let i = 0; i < loads.length; i++) {
        if (series.columns.timeUtcMs[i]! >= cut) loads[i] = loads[i]! * 3 + (i % 17) * 50;
      }
      const perturbed = await backtest(
        createLoadSeries(series.columns.timeUtcMs, loads, {
          temperatureC: series.columns.temperatureC!,
        }),
        options,
      );
      for (const [m, model] of base.models.entries()) {
        const before = model.forecast.columns.forecastMw.subarray(0, (origin + 1) * 24);
        const after = perturbed.models[m]!.forecast.columns.forecastMw.subarray(
          0,
          (origin + 1) * 24,
        );
        expect(Array.from(after), `${model.model} origin ${origin}`).toEqual(Array.from(before));
        // the perturbation is visible: later forecasts of lag models change
        if (model.model === "seasonal-naive-24") {
          expect(perturbed.models[m]!.forecast.columns.forecastMw[(origin + 1) * 24]).not.toBe(
            model.forecast.columns.forecastMw[(origin + 1) * 24],
          );
        }
      }
    }
  });

  it("backtest(day-ahead) perturbing temperatures after the forecast day leaves its forecasts unchanged (ex post for the day, causal otherwise)", async () => {
    const series = syntheticSeries(170, { temperature: true });
    const options = {
      task: "day-ahead" as const,
      split: SPLIT,
      timeZone: "America/New_York",
      models: ["vanilla-benchmark", "ridge", "mlp"],
      modelOptions: TINY,
      backend: "wasm" as const,
    };
    const base = await backtest(series, options);
    const origin = 3;
    const cut = base.models[0]!.forecast.columns.originUtcMs[(origin + 1) * 24]!;
    const perturbed = await backtest(temperaturesChangedFrom(series, cut), options);
    for (const [m, model] of base.models.entries()) {
      const after = perturbed.models[m]!.forecast.columns.forecastMw;
      const before = model.forecast.columns.forecastMw;
      expect(Array.from(after.subarray(0, (origin + 1) * 24)), model.model).toEqual(
        Array.from(before.subarray(0, (origin + 1) * 24)),
      );
      expect(after[(origin + 1) * 24], model.model).not.toBe(before[(origin + 1) * 24]);
    }
  });

  it("backtest(long-horizon) perturbing temperatures after a day leaves that day's and earlier forecasts unchanged", async () => {
    const series = syntheticSeries(170, { temperature: true });
    const options = {
      task: "long-horizon" as const,
      split: SPLIT,
      timeZone: "America/New_York",
      models: ["vanilla-benchmark", "ridge", "hourly-ridge", "gbt", "mlp"],
      modelOptions: { ...TINY, gbt: { trees: 20, learningRate: 0.1 } },
      backend: "wasm" as const,
    };
    const base = await backtest(series, options);
    const hours = 24 * 5; // the first five local days after the split
    const cut = base.models[0]!.forecast.columns.timeUtcMs[hours]!;
    const perturbed = await backtest(temperaturesChangedFrom(series, cut), options);
    for (const [m, model] of base.models.entries()) {
      const after = perturbed.models[m]!.forecast.columns.forecastMw;
      const before = model.forecast.columns.forecastMw;
      expect(Array.from(after.subarray(0, hours)), model.model).toEqual(
        Array.from(before.subarray(0, hours)),
      );
      expect(Array.from(after.subarray(hours)), model.model).not.toEqual(
        Array.from(before.subarray(hours)),
      );
    }
  });

  it("backtest with the same seed and backend gives identical tfjs metrics", async () => {
    const series = syntheticSeries(170);
    const run = () =>
      backtest(series, {
        task: "day-ahead",
        split: SPLIT,
        timeZone: "America/New_York",
        models: ["mlp"],
        modelOptions: TINY,
        seed: 5,
        backend: "wasm",
      });
    const [a, b] = [await run(), await run()];
    expect(a.backend).toBe("wasm");
    expect(a.models[0]!.card.backend).toBe("wasm");
    expect(b.models[0]!.metrics).toEqual(a.models[0]!.metrics);
    expect(Array.from(b.models[0]!.forecast.columns.forecastMw)).toEqual(
      Array.from(a.models[0]!.forecast.columns.forecastMw),
    );
  });

  it("backtest rejects an unknown model with InputError listing the known names", async () => {
    await expect(
      backtest(syntheticSeries(170), { task: "day-ahead", split: SPLIT, models: ["prophet"] }),
    ).rejects.toThrow(
      /unknown model: "prophet" \(expected one of seasonal-naive-24, .*ridge, gbt, mlp, gru\)/,
    );
  });

  it("backtest rejects a model that does not support the task", async () => {
    await expect(
      backtest(syntheticSeries(170), { task: "long-horizon", split: SPLIT, models: ["gru"] }),
    ).rejects.toThrow(InputError);
  });

  it("backtest rejects a split outside the data", async () => {
    await expect(
      backtest(syntheticSeries(170), { task: "day-ahead", split: "2030-01-01" }),
    ).rejects.toThrow(/split outside the data: "2030-01-01"/);
    await expect(
      backtest(syntheticSeries(170), { task: "day-ahead", split: "1.1.2021" }),
    ).rejects.toThrow(/invalid split/);
  });

  it("backtest rejects too little history before the split or after it", async () => {
    await expect(
      backtest(syntheticSeries(170), { task: "day-ahead", split: "2021-02-01" }),
    ).rejects.toThrow(/too little history before the split: \d+ hours/);
    await expect(
      backtest(syntheticSeries(170), { task: "day-ahead", split: SPLIT, horizon: 24 * 40 }),
    ).rejects.toThrow(/too little data after the split for the horizon/);
  });

  it("backtest rejects a non-numeric series and a non-hourly one", async () => {
    const times = Float64Array.from(
      { length: 5000 },
      (_, i) => Date.UTC(2021, 0, 1) + i * 3_600_000,
    );
    await expect(
      backtest(createLoadSeries(times, new Float64Array(5000).fill(NaN)), {
        task: "day-ahead",
        split: SPLIT,
      }),
    ).rejects.toThrow(/load series has no numeric values/);
    const quarter = Float64Array.from(
      { length: 5000 },
      (_, i) => Date.UTC(2021, 0, 1) + i * 900_000,
    );
    await expect(
      backtest(createLoadSeries(quarter, new Float64Array(5000).fill(1)), {
        task: "day-ahead",
        split: SPLIT,
      }),
    ).rejects.toThrow(/not hourly: step of 15 minutes/);
  });

  it("backtest passes unknown network options as a ModelError", async () => {
    await expect(
      backtest(syntheticSeries(170), {
        task: "day-ahead",
        split: SPLIT,
        models: ["mlp"],
        modelOptions: { mlp: { layers: 3 } },
      }),
    ).rejects.toThrow(ModelError);
  });
});

/** `series` with every temperature from `cutUtcMs` on replaced by 35 °C minus itself. */
function temperaturesChangedFrom(series: LoadSeries, cutUtcMs: number): LoadSeries {
  const times = series.columns.timeUtcMs;
  const temps = series.columns.temperatureC as Float64Array;
  return createLoadSeries(times, series.columns.loadMw, {
    temperatureC: temps.map((t, i) => (times[i]! >= cutUtcMs ? 35 - t : t)),
  });
}
