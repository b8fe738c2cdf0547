import { expect, test } from "vitest";
import { mannKendall } from "../../src/analysis/mann-kendall.js";
import { InputError } from "../../src/errors.js";

test("mannKendall(rising series) gives S, variance, Z and p as computed with scipy", () => {
  const r = mannKendall([1, 3, 2, 5, 4, 7, 6, 9, 8, 30]);
  expect(r.s).toBe(37);
  expect(r.variance).toBe(125);
  expect(r.z).toBeCloseTo(3.219937887599697, 12);
  expect(r.pValue).toBeCloseTo(0.0012821837418053048, 6);
  expect(r.tau).toBeCloseTo(37 / 45, 12);
  expect(r.trend).toBe("increasing");
});

test("mannKendall(series with ties) corrects the variance", () => {
  const r = mannKendall([5, 5, 6, 4, 7, 7, 8, 6, 9, 10]);
  expect([r.s, r.variance]).toEqual([30, 122]);
  expect(r.z).toBeCloseTo(2.625536635233037, 12);
  expect(r.pValue).toBeCloseTo(0.008651249852577633, 6);
});

test("mannKendall(short falling series) is not significant at 5 %", () => {
  const r = mannKendall([3, 2, 1]);
  expect(r.s).toBe(-3);
  expect(r.z).toBeCloseTo(-1.044465935734187, 12);
  expect(r.pValue).toBeCloseTo(0.2962698714842864, 6);
  expect(r.trend).toBe("none");
  expect(() => mannKendall([1, NaN, 2])).toThrow(InputError);
});
