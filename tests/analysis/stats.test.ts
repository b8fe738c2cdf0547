import { expect, test } from "vitest";
import {
  finiteMean,
  median,
  normalCdf,
  normalQuantile,
  quantileSorted,
  intervalHours,
} from "../../src/analysis/stats.js";

test("quantileSorted(sorted, p) interpolates linearly like numpy's default", () => {
  const sorted = [1, 2, 3, 4, 10];
  expect(quantileSorted(sorted, 0)).toBe(1);
  expect(quantileSorted(sorted, 0.5)).toBe(3);
  expect(quantileSorted(sorted, 0.9)).toBeCloseTo(7.6, 12);
  expect(quantileSorted([], 0.5)).toBeNaN();
});

test("finiteMean and median ignore NaN", () => {
  expect(finiteMean([1, NaN, 5])).toBe(3);
  expect(median([9, NaN, 1, 5])).toBe(5);
});

test("normalCdf and normalQuantile match scipy.stats.norm to 1e-7", () => {
  expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 7);
  expect(normalCdf(-1.96)).toBeCloseTo(1 - 0.9750021048517795, 7);
  expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
  expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 8);
});

test("intervalHours(times) returns the most common step in hours, 1 when unknown", () => {
  expect(intervalHours(Float64Array.from([0, 900_000, 1_800_000, 3_600_000, 4_500_000]))).toBe(
    0.25,
  );
  expect(intervalHours(Float64Array.from([5]))).toBe(1);
});
