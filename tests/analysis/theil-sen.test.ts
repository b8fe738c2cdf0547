import { expect, test } from "vitest";
import { kendallVariance, theilSen, tieGroups } from "../../src/analysis/theil-sen.js";
import { InputError } from "../../src/errors.js";

const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

test("theilSen(x, y with an outlier) matches scipy.stats.theilslopes (slope, intercept, 95 % CI)", () => {
  const fit = theilSen(x, [1, 3, 2, 5, 4, 7, 6, 9, 8, 30]);
  expect(fit).toMatchObject({
    slope: 1,
    intercept: 0,
    lowerSlope: 0.75,
    upperSlope: 3,
    n: 10,
    confidence: 0.95,
  });
});

test("theilSen(x, y with ties, 90 %) matches scipy.stats.theilslopes", () => {
  const fit = theilSen(x, [5, 5, 6, 4, 7, 7, 8, 6, 9, 10], { confidence: 0.9 });
  expect(fit.slope).toBe(0.5);
  expect(fit.intercept).toBe(3.75);
  expect(fit.lowerSlope).toBeCloseTo(0.4, 12);
  expect(fit.upperSlope).toBeCloseTo(2 / 3, 12);
});

test("theilSen skips non-finite pairs and rejects too few points or a bad confidence", () => {
  expect(theilSen([1, 2, NaN, 3], [2, 4, 5, 6]).slope).toBe(2);
  expect(() => theilSen([1, 2], [1, 2])).toThrow(InputError);
  expect(() => theilSen(x, x, { confidence: 1 })).toThrow(/invalid confidence/);
});

test("kendallVariance and tieGroups apply the tie correction", () => {
  expect(tieGroups([1, 2, 2, 3, 3, 3])).toEqual([2, 3]);
  expect(kendallVariance(10)).toBe(125);
  expect(kendallVariance(10, [], [2, 2, 2])).toBe(122);
});
