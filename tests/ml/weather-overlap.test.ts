import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { createLoadSeries } from "../../src/frame.js";
import { backtest } from "../../src/ml/backtest.js";
import { EX_POST, weatherOverlap } from "../../src/ml/weather-overlap.js";
import { syntheticSeries } from "./synthetic-series.js";

const H = 3_600_000;

function withTemperature(temps: number[]): ReturnType<typeof createLoadSeries> {
  const times = Float64Array.from(temps, (_, i) => Date.UTC(2021, 0, 1) + i * H);
  return createLoadSeries(times, new Float64Array(temps.length).fill(100), {
    temperatureC: Float64Array.from(temps),
  });
}

describe("weatherOverlap", () => {
  it("weatherOverlap(series) cuts the load to the hours its temperatures span and says so", () => {
    const { series, weather } = weatherOverlap(
      withTemperature([NaN, NaN, 3, NaN, 4, NaN]),
      "station X (°F → °C)",
    );
    expect(series.length).toBe(3);
    expect(Array.from(series.columns.temperatureC as Float64Array)).toEqual([3, NaN, 4]);
    expect(weather).toEqual({
      source: "station X (°F → °C)",
      column: "temperatureC",
      evaluation: "ex post (observed weather)",
      load: { startUtc: "2021-01-01T00:00:00.000Z", endUtc: "2021-01-01T05:00:00.000Z", rows: 6 },
      used: { startUtc: "2021-01-01T02:00:00.000Z", endUtc: "2021-01-01T04:00:00.000Z", rows: 3 },
      droppedLoadRows: 3,
      missingTemperatureRows: 1,
      note: "weather covers less than the load: the backtest uses their overlap, 2021-01-01T02:00:00.000Z … 2021-01-01T04:00:00.000Z (3 load rows left out)",
    });
  });

  it("weatherOverlap keeps a fully covered series whole and ignores a series without weather", () => {
    const covered = withTemperature([1, 2, 3]);
    const result = weatherOverlap(covered, "w");
    expect(result.series).toBe(covered);
    expect(result.weather?.note).toBe("weather covers the whole load series");
    const plain = syntheticSeries(2);
    expect(weatherOverlap(plain, "w")).toEqual({ series: plain, weather: null });
  });

  it("weatherOverlap rejects weather that overlaps no load hour with InputError", () => {
    expect(() => weatherOverlap(withTemperature([NaN, NaN]), "w.csv")).toThrow(InputError);
    expect(() => weatherOverlap(withTemperature([NaN, NaN]), "w.csv")).toThrow(
      /weather does not overlap the load: w\.csv has no temperature at the 2 load stamps/,
    );
  });
});

describe("backtest with weather", () => {
  it("backtest(series with temperature) names the weather, labels the models that read it ex post and runs on the overlap", async () => {
    const full = syntheticSeries(170, { temperature: true });
    const temps = (full.columns.temperatureC as Float64Array).slice();
    temps.fill(NaN, 0, 24 * 10); // the weather starts ten days after the load
    const series = createLoadSeries(full.columns.timeUtcMs, full.columns.loadMw, {
      temperatureC: temps,
    });
    const result = await backtest(series, {
      task: "day-ahead",
      split: "2021-06-01",
      timeZone: "America/New_York",
      models: ["seasonal-naive-24", "vanilla-benchmark", "ridge"],
      weatherSource: "generated temperature",
    });
    expect(result.weather).toMatchObject({
      source: "generated temperature",
      evaluation: EX_POST,
      droppedLoadRows: 240,
      used: { startUtc: new Date(full.columns.timeUtcMs[240]!).toISOString() },
    });
    expect(result.weather!.note).toMatch(
      /^weather covers less than the load: the backtest uses their overlap/,
    );
    expect(result.models.map((m) => [m.model, m.weather])).toEqual([
      ["seasonal-naive-24", "none"],
      ["vanilla-benchmark", EX_POST],
      ["ridge", EX_POST],
    ]);
    expect(result.models[2]!.card.trainingRange.startUtc).toBe(result.weather!.used.startUtc);
  });

  it("backtest rejects weather that starts too close to the split with InputError naming the overlap", async () => {
    const full = syntheticSeries(170, { temperature: true });
    const temps = (full.columns.temperatureC as Float64Array).slice();
    temps.fill(NaN, 0, 24 * 140); // the weather starts eleven days before the split
    const series = createLoadSeries(full.columns.timeUtcMs, full.columns.loadMw, {
      temperatureC: temps,
    });
    const run = backtest(series, {
      task: "day-ahead",
      split: "2021-06-01",
      timeZone: "America/New_York",
      models: ["ridge"],
    });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /too little history before the split: \d+ hours before 2021-06-01 \(expected at least 2688, 16 weeks; weather covers less than the load: the backtest uses their overlap/,
    );
  });

  it("backtest(series without temperature) reports no weather and no ex post model", async () => {
    const result = await backtest(syntheticSeries(170), {
      task: "day-ahead",
      split: "2021-06-01",
      timeZone: "America/New_York",
      models: ["vanilla-benchmark", "ridge"],
    });
    expect(result.weather).toBeNull();
    expect(result.models.map((m) => m.weather)).toEqual(["none", "none"]);
  });
});
