import { expect, test } from "vitest";
import type { DailyLoad } from "../../src/analysis/daily-load.js";
import { centredMovingAverage, decomposeDaily } from "../../src/analysis/decompose-daily.js";
import { detectAnomalies } from "../../src/analysis/detect-anomalies.js";
import { isoDate } from "../../src/analysis/local-calendar.js";
import { InputError } from "../../src/errors.js";

const WEEK = [30, 20, 10, 0, -10, -20, -30];

/** Daily rows from day 18,628 (2021-01-01) with the given means (NaN where a day is absent). */
function daily(means: number[], skip: number[] = []): DailyLoad {
  const days = means.map((_, k) => k).filter((k) => !skip.includes(k));
  const f = (pick: (k: number) => number): Float64Array => Float64Array.from(days, pick);
  return {
    length: days.length,
    timeZone: "UTC",
    date: days.map((k) => isoDate(18_628 + k)),
    dayNumber: Int32Array.from(days, (k) => 18_628 + k),
    weekday: Int32Array.from(days, (k) => (18_628 + k + 4) % 7),
    meanMw: f((k) => means[k]!),
    peakMw: f((k) => means[k]! + 5),
    minMw: f((k) => means[k]! - 5),
    energyMwh: f((k) => means[k]! * 24),
    coverage: f(() => 1),
    temperatureC: f(() => NaN),
  };
}

test("decomposeDaily(linear trend + weekly pattern) recovers both exactly, residual 0", () => {
  const means = Array.from({ length: 28 }, (_, k) => 1000 + 2 * k + WEEK[k % 7]!);
  const d = decomposeDaily(daily(means));
  expect(d.trend[3]).toBeCloseTo(1006, 9);
  expect(d.trend[0]).toBeNaN();
  expect(d.trend[27]).toBeNaN();
  expect(Array.from(d.seasonal.slice(0, 7)).map((v) => Math.round(v * 1e9) / 1e9)).toEqual(WEEK);
  expect(Math.max(...Array.from(d.residual.slice(3, 25), Math.abs))).toBeLessThan(1e-9);
  expect(d.seasonalStrength).toBeCloseTo(1, 9);
});

test("decomposeDaily(days missing) keeps calendar positions and leaves the gap NaN", () => {
  const means = Array.from({ length: 28 }, (_, k) => 500 + WEEK[k % 7]!);
  const d = decomposeDaily(daily(means, [10]));
  expect(d.date).toHaveLength(28);
  expect(d.date[10]).toBe("2021-01-11");
  expect(d.observed[10]).toBeNaN();
  expect(d.seasonal[10]).toBeCloseTo(WEEK[3]!, 9);
  expect(d.seasonal[17]).toBeCloseTo(WEEK[3]!, 9);
});

test("centredMovingAverage(values, even period) uses half weights at both ends", () => {
  expect(Array.from(centredMovingAverage([0, 4, 8, 12, 16], 4))).toEqual([NaN, NaN, 8, NaN, NaN]);
  expect(() => decomposeDaily(daily([1, 2, 3]))).toThrow(InputError);
});

test("detectAnomalies(decomposition with one spike day) flags that day with its robust z", () => {
  // 6 weeks of a pure weekly pattern with small alternating noise, and day 20 raised by 300 MW.
  const means = Array.from(
    { length: 42 },
    (_, k) => 1000 + WEEK[k % 7]! + (k % 2 === 0 ? 4 : -4) + (k === 20 ? 300 : 0),
  );
  const d = decomposeDaily(daily(means));
  const holidays = new Map([["2021-01-21", "Test Day"]]);
  const anomalies = detectAnomalies(d, { threshold: 3.5, holidays });
  expect(anomalies.map((a) => [a.date, a.direction, a.holiday])).toEqual([
    ["2021-01-21", "high", "Test Day"],
  ]);
  const a = anomalies[0]!;
  expect(a.observed).toBe(means[20]);
  expect(a.expected + a.residual).toBeCloseTo(a.observed, 9);
  expect(a.deviationPct).toBeCloseTo((a.residual / a.expected) * 100, 12);
  expect(a.robustZ).toBeGreaterThan(3.5);
  expect(detectAnomalies(d, { threshold: 1e6 })).toEqual([]);
  expect(() => detectAnomalies(d, { threshold: 0 })).toThrow(InputError);
});
