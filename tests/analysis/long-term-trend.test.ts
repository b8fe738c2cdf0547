import { expect, test } from "vitest";
import { longTermTrend } from "../../src/analysis/long-term-trend.js";
import { InputError } from "../../src/errors.js";
import { zonedParts } from "../../src/util/zoned-time.js";
import { hourlyFrom } from "./hourly-series.js";

const SEASON = [300, 250, 100, 0, -50, 100, 300, 280, 50, -100, 0, 200];

test("longTermTrend(4 years growing 120 MW/yr with seasons) removes seasons and finds a significant rise", () => {
  const hours = 35_064; // 2017-2020
  const t0 = Date.UTC(2017, 0, 1);
  const series = hourlyFrom("2017-01-01T00:00:00Z", hours, (t) => {
    const p = zonedParts(t, "UTC");
    return 10_000 + SEASON[p.month - 1]! + (120 * (t - t0)) / (365.25 * 86_400_000);
  });
  const trend = longTermTrend(series, { timeZone: "UTC" });
  expect(trend.months).toHaveLength(48);
  expect(trend.months[0]!.month).toBe("2017-01");
  expect(trend.months[0]!.decimalYear).toBeCloseTo(2017 + 0.5 / 12, 12);
  // January anomalies: mean January level minus the mean of the four Januaries (= −1.5 years × 120 MW for 2017).
  expect(trend.months[0]!.deseasonalizedMw).toBeCloseTo(-180, 0);
  expect(trend.slopeMwPerYear).toBeGreaterThan(100);
  expect(trend.slopeMwPerYear).toBeLessThan(140);
  expect(trend.lowerMwPerYear).toBeLessThan(trend.slopeMwPerYear);
  expect(trend.upperMwPerYear).toBeGreaterThan(trend.slopeMwPerYear);
  expect(trend.mannKendall.trend).toBe("increasing");
  expect(trend.mannKendall.pValue).toBeLessThan(0.001);
  expect(trend.slopePctPerYear).toBeCloseTo((trend.slopeMwPerYear / trend.meanMw) * 100, 12);
});

test("longTermTrend(less than 24 complete months) throws InputError", () => {
  const series = hourlyFrom("2020-01-01T00:00:00Z", 24 * 400, () => 1);
  expect(() => longTermTrend(series)).toThrow(InputError);
  expect(() => longTermTrend(series)).toThrow(/too few complete months for a long-term trend: 13/);
});
