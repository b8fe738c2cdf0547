import { describe, expect, it } from "vitest";
import { createLoadSeries } from "../../../src/frame.js";
import { joinWeather } from "../../../src/etl/transform/join-weather.js";

const H = 3_600_000;
const T0 = Date.parse("2024-01-01T00:00:00Z");
const hours = (n: number, from = 0) =>
  Float64Array.from({ length: n }, (_, i) => T0 + (from + i) * H);

function weather(from: number, temps: number[], filled: number[] = []) {
  return {
    length: temps.length,
    columns: {
      timeUtcMs: hours(temps.length, from),
      temperatureC: Float64Array.from(temps),
      temperatureFilled: Uint8Array.from(temps.map((_, i) => (filled.includes(i) ? 1 : 0))),
    },
  };
}

describe("joinWeather", () => {
  it("joinWeather reports the overlap: rows before, inside and after the covered hours", () => {
    const load = createLoadSeries(hours(8), new Float64Array(8).fill(1));
    const { frame, unmatched, overlap } = joinWeather(load, weather(2, [5, NaN, 7, 8], [2]));
    expect(unmatched).toBe(5);
    expect(overlap).toEqual({
      rows: 8,
      rowsWithTemperature: 3,
      firstCoveredUtc: "2024-01-01T02:00:00.000Z",
      lastCoveredUtc: "2024-01-01T05:00:00.000Z",
      rowsBefore: 2,
      rowsAfter: 2,
      rowsInside: 1,
    });
    expect(Array.from(frame.columns.temperatureFilled as Uint8Array)).toEqual([
      0, 0, 0, 0, 1, 0, 0, 0,
    ]);
  });

  it("joinWeather(daily load) averages the day's weather hours and sums their degree-hours", () => {
    const temps = Array.from({ length: 48 }, (_, i) => (i < 24 ? (i < 12 ? 8 : 28) : 20));
    const daily = createLoadSeries(Float64Array.from([T0, T0 + 24 * H]), Float64Array.from([1, 1]));
    const { frame } = joinWeather(daily, weather(0, temps), { intervalMs: 24 * H });
    expect(Array.from(frame.columns.temperatureC as Float64Array)).toEqual([18, 20]);
    // 12 h × (18 − 8) heating and 12 h × (28 − 22) cooling, not the degree-hours of the mean
    expect(Array.from(frame.columns.heatingDegreeHours as Float64Array)).toEqual([120, 0]);
    expect(Array.from(frame.columns.coolingDegreeHours as Float64Array)).toEqual([72, 0]);
  });

  it("joinWeather(15-minute load) gives each row the weather hour it falls in", () => {
    const q = Float64Array.from([0, 0.25, 0.5, 1.75].map((h) => T0 + h * H));
    const load = createLoadSeries(q, new Float64Array(4).fill(1));
    const { frame } = joinWeather(load, weather(0, [10, 14]), { intervalMs: H / 4 });
    expect(Array.from(frame.columns.temperatureC as Float64Array)).toEqual([10, 10, 10, 14]);
    expect((frame.columns.heatingDegreeHours as Float64Array)[0]).toBe(2);
  });
});
