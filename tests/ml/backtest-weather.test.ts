import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { createLoadSeries } from "../../src/frame.js";
import { backtest } from "../../src/ml/backtest.js";
import { EX_POST_LABEL, joinBacktestWeather } from "../../src/ml/backtest-weather.js";
import { toHourlyGrid } from "../../src/ml/hourly-grid.js";
import { syntheticSeries } from "./synthetic-series.js";

const H = 3_600_000;
const T0 = Date.parse("2024-01-01T00:00:00Z");
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-bt-weather-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function csv(fromHour: number, n: number): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const stamp = new Date(T0 + (fromHour + i) * H).toISOString();
    return `${stamp},${(290 + (i % 24) / 4).toFixed(2)}`;
  });
  return `time_utc,t_kelvin\n${rows.join("\n")}\n`;
}

describe("joinBacktestWeather", () => {
  it("joinBacktestWeather keeps the load's overlap with the weather and says so", async () => {
    const path = join(dir, "k.csv");
    await writeFile(path, csv(10, 30));
    const load = createLoadSeries(
      Float64Array.from({ length: 48 }, (_, i) => T0 + i * H),
      new Float64Array(48).fill(500),
    );
    const lines: string[] = [];
    const logger = {
      info: () => undefined,
      debug: () => undefined,
      warn: (m: string) => void lines.push(m),
    };
    const { series, weather } = await joinBacktestWeather(load, path, { unit: "K", logger });
    expect(series.length).toBe(30);
    expect(series.columns.timeUtcMs[0]).toBe(T0 + 10 * H);
    expect(weather).toMatchObject({
      label: EX_POST_LABEL,
      combine: "single station",
      usedFirstUtc: "2024-01-01T10:00:00.000Z",
      usedLastUtc: "2024-01-02T15:00:00.000Z",
      rowsOutsideWeather: 18,
      overlap: { rowsBefore: 10, rowsAfter: 8, loadFirstUtc: "2024-01-01T00:00:00.000Z" },
    });
    expect(weather.stations[0]).toMatchObject({
      column: "t_kelvin",
      conversion: "K → °C: x − 273.15",
    });
    expect(lines).toEqual([weather.note]);
    expect(weather.note).toMatch(/the backtest uses that overlap \(18 load rows left out\)/);
    // the models' grid gets the temperature column in °C
    expect(toHourlyGrid(series).temperatureC?.[0]).toBeCloseTo(290 - 273.15, 9);
  });

  it("joinBacktestWeather(weather of another period) is an InputError naming both periods", async () => {
    const path = join(dir, "late.csv");
    await writeFile(path, csv(1000, 5));
    const load = createLoadSeries(Float64Array.from([T0, T0 + H]), Float64Array.from([1, 2]));
    await expect(joinBacktestWeather(load, path, { unit: "K" })).rejects.toThrow(InputError);
    await expect(joinBacktestWeather(load, path, { unit: "K" })).rejects.toThrow(
      /weather does not overlap the load: weather 2024-02-11T16:00:00.000Z … 2024-02-11T20:00:00.000Z, load 2024-01-01T00:00:00.000Z … 2024-01-01T01:00:00.000Z/,
    );
  });

  it("backtest(series with temperature on every hour) labels the result ex post and the models that read it", async () => {
    const result = await backtest(syntheticSeries(170, { temperature: true }), {
      task: "day-ahead",
      split: "2021-06-01",
      timeZone: "America/New_York",
      models: ["seasonal-naive-24", "vanilla-benchmark", "ridge"],
    });
    expect(result.evaluation).toBe(EX_POST_LABEL);
    expect(result.weather).toBeUndefined(); // only `options.weather` (joinBacktestWeather's) is echoed
    expect(result.models.map((m) => m.usesWeather)).toEqual([false, true, true]);
  });

  it("backtest(series whose temperature leaves the first hours empty) runs without weather and warns", async () => {
    const full = syntheticSeries(170, { temperature: true });
    const temps = (full.columns.temperatureC as Float64Array).slice().fill(NaN, 0, 24 * 10);
    const series = createLoadSeries(full.columns.timeUtcMs, full.columns.loadMw, {
      temperatureC: temps,
    });
    const lines: string[] = [];
    const logger = {
      info: () => undefined,
      debug: () => undefined,
      warn: (m: string) => void lines.push(m),
    };
    const result = await backtest(series, {
      task: "day-ahead",
      split: "2021-06-01",
      timeZone: "America/New_York",
      models: ["ridge"],
      logger,
    });
    expect(lines).toEqual([
      "temperatureC does not cover every load hour: the models run without weather (cut the series to the overlap with joinBacktestWeather)",
    ]);
    expect(result.evaluation).toBeUndefined();
    expect(result.models[0]!.usesWeather).toBe(false);
  });
});
