import { expect, test } from "vitest";
import { danfoRows, fromDanfo, toDanfo } from "../../src/analysis/danfo-bridge.js";
import { InputError } from "../../src/errors.js";
import { hourlySeries } from "./hourly-series.js";

test("toDanfo(series) → fromDanfo(df) round-trips times and loads exactly, with local time added", () => {
  const series = hourlySeries("2021-11-07T05:00:00Z", [12345.678, 0.1, NaN], {
    temperatureC: Float64Array.from([-1.5, 2, 3]),
  });
  const df = toDanfo(series, { timeZone: "America/New_York" });
  expect(df.columns).toEqual(["time", "localTime", "loadMw", "temperatureC"]);
  expect(df.column("localTime").values).toEqual([
    "2021-11-07 01:00",
    "2021-11-07 01:00",
    "2021-11-07 02:00",
  ]);
  const back = fromDanfo(df);
  expect(Array.from(back.columns.timeUtcMs)).toEqual(Array.from(series.columns.timeUtcMs));
  expect(Array.from(back.columns.loadMw)).toEqual([12345.678, 0.1, NaN]);
  expect(Array.from(back.columns.temperatureC as Float64Array)).toEqual([-1.5, 2, 3]);
});

test("danfoRows(df.describe()) gives the statistics as rows with the index first", () => {
  const df = toDanfo(hourlySeries("2021-01-01T00:00:00Z", [1, 2, 3, 4]));
  const rows = danfoRows(df.describe());
  expect(rows.map((r) => r.index)).toEqual([
    "count",
    "mean",
    "std",
    "min",
    "median",
    "max",
    "variance",
  ]);
  expect(rows[1]).toEqual({ index: "mean", loadMw: 2.5 });
  expect(danfoRows(df.head(2)).map((r) => r.loadMw)).toEqual([1, 2]);
});

test("fromDanfo(frame without loadMw) and toDanfo(too many rows) fail with InputError", () => {
  const df = toDanfo(hourlySeries("2021-01-01T00:00:00Z", [1]));
  expect(() => fromDanfo({ ...df, columns: ["time"] })).toThrow(InputError);
  const big = hourlySeries("2021-01-01T00:00:00Z", new Array<number>(25_000).fill(1));
  expect(() => toDanfo(big)).toThrow(/too many rows for danfo.js: 25000 \(expected at most 20000/);
});
