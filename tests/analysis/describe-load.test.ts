import { expect, test } from "vitest";
import { describeLoad } from "../../src/analysis/describe-load.js";
import { InputError } from "../../src/errors.js";
import { hourlySeries } from "./hourly-series.js";

test("describeLoad(series, all) gives count, missing, quantiles, peak time and energy", () => {
  const series = hourlySeries("2021-01-01T00:00:00Z", [1, 2, 3, 4, NaN, 10]);
  const [all] = describeLoad(series, { period: "all", timeZone: "UTC" });
  expect(all).toMatchObject({
    period: "all",
    count: 5,
    missing: 1,
    meanMw: 4,
    minMw: 1,
    medianMw: 3,
    maxMw: 10,
    loadFactor: 0.4,
    energyGwh: 0.02,
    peakLocal: "2021-01-01 05:00",
  });
  expect(all!.stdMw).toBeCloseTo(Math.sqrt(12.5), 12);
  expect(all!.p95Mw).toBeCloseTo(8.8, 12);
  expect(all!.p05Mw).toBeCloseTo(1.2, 12);
});

test("describeLoad(series, month) groups by local month: New Year's Eve 23:00 EST is still December", () => {
  const series = hourlySeries("2021-01-01T04:00:00Z", [100, 200]);
  const rows = describeLoad(series, { period: "month", timeZone: "America/New_York" });
  expect(rows.map((r) => [r.period, r.meanMw])).toEqual([
    ["2020-12", 100],
    ["2021-01", 200],
  ]);
  const quarters = describeLoad(series, { period: "quarter", timeZone: "America/New_York" });
  expect(quarters.map((r) => r.period)).toEqual(["2020-Q4", "2021-Q1"]);
});

test("describeLoad(series, bad period) throws InputError listing the periods", () => {
  const series = hourlySeries("2021-01-01T00:00:00Z", [1]);
  expect(() => describeLoad(series, { period: "week" as never })).toThrow(InputError);
  expect(() => describeLoad(series, { period: "week" as never })).toThrow(
    /expected all, year, quarter, month/,
  );
});
