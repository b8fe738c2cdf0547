import { describe, expect, it } from "vitest";
import { cleanWeather } from "../../../src/etl/transform/clean-weather.js";
import { combineWeatherStations } from "../../../src/etl/transform/combine-weather-stations.js";
import { describeConversion, toCelsius } from "../../../src/etl/transform/to-celsius.js";
import type { RawWeather } from "../../../src/etl/weather/raw-weather.js";
import type { TemperatureUnit } from "../../../src/etl/weather/weather-config.js";

const H = 3_600_000;
const T0 = Date.parse("2024-01-01T00:00:00Z");

function raw(points: [hours: number, value: number][], unit: TemperatureUnit = "C"): RawWeather {
  return {
    frame: {
      length: points.length,
      columns: {
        timeUtcMs: Float64Array.from(points.map(([h]) => T0 + h * H)),
        value: Float64Array.from(points.map(([, v]) => v)),
        line: Int32Array.from(points.map((_, i) => i + 2)),
        file: new Int32Array(points.length),
        dstAmbiguous: new Uint8Array(points.length),
      },
    },
    quarantine: [],
    rowsRead: points.length,
    missingValues: 0,
    nonexistentLocal: 0,
    ambiguousLocal: 0,
    fallBackRepeatsResolved: 0,
    format: "csv",
    unit,
    column: "t",
    timeZone: "UTC",
    files: [{ location: "w.csv", sha256: "", bytes: 0, rowsRead: points.length }],
    findings: [],
  };
}

const values = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? NaN : +v.toFixed(3)));

describe("toCelsius", () => {
  it("toCelsius converts °F and K, and keeps °C as is", () => {
    expect(values(toCelsius(Float64Array.from([32, 212, -40]), "F"))).toEqual([0, 100, -40]);
    expect(values(toCelsius(Float64Array.from([273.15, 300]), "K"))).toEqual([0, 26.85]);
    const c = Float64Array.from([1.5]);
    expect(toCelsius(c, "C")).toBe(c);
    expect(describeConversion("F")).toBe("°F → °C: (x − 32) × 5/9");
  });
});

describe("cleanWeather", () => {
  it("cleanWeather(°F) converts to °C on a regular hourly grid", () => {
    const { frame, stats } = cleanWeather(
      raw(
        [
          [0, 32],
          [1, 50],
          [2, 68],
        ],
        "F",
      ),
    );
    expect(values(frame.columns.temperatureC)).toEqual([0, 10, 20]);
    expect(frame.columns.timeUtcMs[2]).toBe(T0 + 2 * H);
    expect(stats).toMatchObject({ alignment: "hourly", hoursObserved: 3, hoursFilled: 0 });
  });

  it("cleanWeather quarantines values outside −60 … 60 °C with file, line and reason", () => {
    const { frame, quarantine, stats } = cleanWeather(
      raw(
        [
          [0, 340],
          [1, 280],
          [2, 180],
        ],
        "K",
      ),
    );
    expect(stats.implausible).toBe(2);
    expect(quarantine.map((q) => [q.source, q.line])).toEqual([
      ["w.csv", 2],
      ["w.csv", 4],
    ]);
    expect(quarantine[0]!.reason).toMatch(
      /^temperature implausible: 66\.9 °C \(340 K\) \(expected -60 … 60 °C\)$/,
    );
    expect(quarantine[1]!.reason).toMatch(/-93\.1 °C \(180 K\)/);
    expect(frame.length).toBe(1);
  });

  it("cleanWeather averages readings sharing a stamp and flags them", () => {
    const { frame, stats } = cleanWeather(
      raw([
        [0, 1],
        [1, 2],
        [1, 4],
        [2, 5],
      ]),
    );
    expect(stats.duplicatesMerged).toBe(1);
    expect(values(frame.columns.temperatureC)).toEqual([1, 3, 5]);
    expect(Array.from(frame.columns.temperatureMerged)).toEqual([0, 1, 0]);
  });

  it("cleanWeather averages sub-hourly readings into hour-beginning hours", () => {
    const q = 0.25;
    const { frame, stats } = cleanWeather(
      raw([
        [0, 1],
        [q, 2],
        [2 * q, 3],
        [3 * q, 4],
        [1, 10],
        [1 + q, 20],
      ]),
    );
    expect(stats).toMatchObject({
      alignment: "hour-means",
      intervalMinutes: 15,
      readingsAveraged: 4,
    });
    expect(values(frame.columns.temperatureC)).toEqual([2.5, 15]);
    expect(Array.from(frame.columns.temperatureMerged)).toEqual([1, 1]);
  });

  it("cleanWeather moves hourly readings off the load's grid to the nearest grid hour", () => {
    const obs = (h: number): [number, number] => [h + 51 / 60, h];
    const { frame, stats } = cleanWeather(raw([obs(0), obs(1), obs(2)]));
    expect(stats.alignment).toBe("nearest-hour");
    expect(Array.from(frame.columns.timeUtcMs, (t) => (t - T0) / H)).toEqual([1, 2, 3]);
    // a load whose hours start at :30 UTC (India) gets a grid at :30
    const half = cleanWeather(
      raw([
        [0, 1],
        [1, 2],
      ]),
      { gridPhaseMs: H / 2 },
    );
    expect(Array.from(half.frame.columns.timeUtcMs, (t) => (t - T0) / H)).toEqual([0.5, 1.5]);
    expect(values(half.frame.columns.temperatureC)).toEqual([1, 2]);
  });

  it("cleanWeather fills gaps up to 6 h linearly and leaves longer ones NaN, reported", () => {
    const { frame, stats } = cleanWeather(
      raw([
        [0, 0],
        [7, 7],
        [15, 15],
      ]),
    );
    // 0 → 7: 6 missing hours, filled; 7 → 15: 7 missing hours, left NaN
    expect(frame.length).toBe(16);
    expect(values(frame.columns.temperatureC).slice(0, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(values(frame.columns.temperatureC).slice(8, 15).every(Number.isNaN)).toBe(true);
    expect(Array.from(frame.columns.temperatureFilled).slice(0, 8)).toEqual([
      0, 1, 1, 1, 1, 1, 1, 0,
    ]);
    expect(stats).toMatchObject({ hoursFilled: 6, hoursMissing: 7 });
    expect(stats.longGaps).toEqual([
      expect.objectContaining({ afterUtc: "2024-01-01T07:00:00.000Z", missing: 7 }),
    ]);
    expect(
      cleanWeather(
        raw([
          [0, 0],
          [4, 4],
        ]),
        { maxFillHours: 2 },
      ).stats.hoursMissing,
    ).toBe(3);
  });

  it("cleanWeather sorts readings that arrive out of order", () => {
    const { frame } = cleanWeather(
      raw([
        [2, 2],
        [0, 0],
        [1, 1],
      ]),
    );
    expect(values(frame.columns.temperatureC)).toEqual([0, 1, 2]);
  });
});

describe("combineWeatherStations", () => {
  const grid = (startHour: number, temps: number[]) =>
    cleanWeather(raw(temps.map((v, i) => [startHour + i, v]))).frame;

  it("combineWeatherStations weights stations and renormalises where one is missing", () => {
    const { frame, coverage, hoursPartial } = combineWeatherStations([
      { name: "a", weight: 1, frame: grid(0, [10, 10, 10]) },
      { name: "b", weight: 3, frame: grid(1, [20, 20, 20]) },
    ]);
    expect(values(frame.columns.temperatureC)).toEqual([10, 17.5, 17.5, 20]);
    expect(Array.from(frame.columns.stationsReporting)).toEqual([1, 2, 2, 1]);
    expect(hoursPartial).toBe(2);
    expect(coverage).toEqual([
      { name: "a", hoursWithValue: 3, coverage: 0.75 },
      { name: "b", hoursWithValue: 3, coverage: 0.75 },
    ]);
  });

  it("combineWeatherStations with equal weights is the plain mean", () => {
    const { frame } = combineWeatherStations([
      { name: "a", weight: 1, frame: grid(0, [0, 4]) },
      { name: "b", weight: 1, frame: grid(0, [2, 8]) },
    ]);
    expect(values(frame.columns.temperatureC)).toEqual([1, 6]);
  });
});
