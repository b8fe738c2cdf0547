import { expect, test } from "vitest";
import { loadDurationCurve } from "../../src/analysis/load-duration-curve.js";
import { InputError } from "../../src/errors.js";
import { hourlySeries } from "./hourly-series.js";

test("loadDurationCurve(1..10 MW) sorts descending with exceedance %, base, median and hours near peak", () => {
  const curve = loadDurationCurve(
    hourlySeries("2021-01-01T00:00:00Z", [3, 1, 2, 10, 9, 4, 5, 6, 8, 7]),
  );
  expect(curve.loadMw).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  expect(curve.exceedancePct).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  expect(curve.peakMw).toBe(10);
  expect(curve.baseMw).toBeCloseTo(1.09, 12);
  expect(curve.medianMw).toBe(5.5);
  expect(curve.hoursAbove90PctOfPeak).toBe(2);
  expect(curve.loadFactor).toBe(0.55);
});

test("loadDurationCurve(series, points 3) keeps the first, middle and last rank", () => {
  const curve = loadDurationCurve(hourlySeries("2021-01-01T00:00:00Z", [1, 2, 3, 4, 5]), {
    points: 3,
  });
  expect(curve.loadMw).toEqual([5, 3, 1]);
  expect(curve.exceedancePct).toEqual([20, 60, 100]);
  expect(() => loadDurationCurve(hourlySeries("2021-01-01T00:00:00Z", [1]), { points: 1 })).toThrow(
    InputError,
  );
});
