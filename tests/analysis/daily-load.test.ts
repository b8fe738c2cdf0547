import { expect, test } from "vitest";
import { dailyLoad } from "../../src/analysis/daily-load.js";
import { hourlyFrom, hourlySeries } from "./hourly-series.js";

test("dailyLoad(series, New York) gives the 23-hour spring-forward day full coverage", () => {
  // 2021-03-13 00:00 EST (05:00Z) through 2021-03-14 23:00 EDT: 24 + 23 hours.
  const series = hourlyFrom("2021-03-13T05:00:00Z", 47, (_, i) => (i < 24 ? 100 : 200));
  const daily = dailyLoad(series, { timeZone: "America/New_York" });
  expect(daily.date).toEqual(["2021-03-13", "2021-03-14"]);
  expect(Array.from(daily.meanMw)).toEqual([100, 200]);
  expect(Array.from(daily.energyMwh)).toEqual([2400, 4600]);
  expect(Array.from(daily.coverage)).toEqual([1, 1]);
  expect(Array.from(daily.weekday)).toEqual([6, 0]);
});

test("dailyLoad(series) reports peak, minimum, partial coverage and mean temperature; NaN loads are skipped", () => {
  const values = [10, 30, NaN, 20, ...new Array<number>(20).fill(15), 40, 50];
  const temps = Float64Array.from(values, (_, i) => (i < 24 ? 5 : 7));
  const series = hourlySeries("2021-06-01T00:00:00Z", values, { temperatureC: temps });
  const daily = dailyLoad(series);
  expect(daily.date).toEqual(["2021-06-01", "2021-06-02"]);
  expect(daily.peakMw[0]).toBe(30);
  expect(daily.minMw[0]).toBe(10);
  expect(daily.meanMw[0]).toBe((10 + 30 + 20 + 15 * 20) / 23);
  expect(daily.coverage[0]).toBe(23 / 24);
  expect(daily.coverage[1]).toBe(2 / 24);
  expect(Array.from(daily.temperatureC)).toEqual([5, 7]);
});

test("dailyLoad(series without temperature) leaves temperatureC NaN", () => {
  const daily = dailyLoad(hourlySeries("2021-06-01T00:00:00Z", [1, 2, 3]));
  expect(daily.temperatureC[0]).toBeNaN();
  expect(daily.energyMwh[0]).toBe(6);
});
