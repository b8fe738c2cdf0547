import { expect, test } from "vitest";
import { downsampleMinMax } from "../../../src/analysis/figures/downsample-min-max.js";
import { InputError } from "../../../src/errors.js";

test("downsampleMinMax(x, y, buckets) keeps each bucket's min and max in time order", () => {
  const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const y = [5, 1, 9, 4, 4, 4, 7, 2, 3, NaN, 8, 6];
  const kept = downsampleMinMax(x, y, 3);
  expect(kept.downsampled).toBe(true);
  expect(kept.originalPoints).toBe(12);
  // buckets of width 11/3: [0..3], [4..7], [8..11]
  expect(kept.indices).toEqual([1, 2, 6, 7, 8, 10]);
});

test("downsampleMinMax(short series) keeps every point", () => {
  expect(downsampleMinMax([0, 1, 2], [1, 2, 3], 2)).toEqual({
    indices: [0, 1, 2],
    downsampled: false,
    originalPoints: 3,
  });
  expect(() => downsampleMinMax([0], [0], 0)).toThrow(InputError);
});
