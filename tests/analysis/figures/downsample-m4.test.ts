import { expect, test } from "vitest";
import { downsampleM4 } from "../../../src/analysis/figures/downsample-m4.js";
import { InputError } from "../../../src/errors.js";

test("downsampleM4(x, y, { buckets }) keeps each column's first, last, min, max and first gap in time order", () => {
  const x = Array.from({ length: 24 }, (_, i) => i);
  // columns of width 23/3: [0..7], [8..15], [16..23]
  const y = [
    ...[5, 1, 9, 4, 4, 4, 7, 2],
    ...[3, NaN, 8, 6, 6, 6, 6, NaN],
    ...[1, 1, 1, 1, 1, 1, 1, 1],
  ];
  const kept = downsampleM4(x, y, { buckets: 3, maxPoints: 0 });
  expect(kept.downsampled).toBe(true);
  expect(kept.originalPoints).toBe(24);
  expect(kept.indices).toEqual([0, 1, 2, 7, 8, 9, 10, 14, 16, 23]);
});

test("downsampleM4(series up to maxPoints) keeps every point; default maxPoints is 150,000", () => {
  expect(downsampleM4([0, 1, 2], [1, 2, 3], { buckets: 2, maxPoints: 0 })).toEqual({
    indices: [0, 1, 2],
    downsampled: false,
    originalPoints: 3,
  });
  const x = Float64Array.from({ length: 150_001 }, (_, i) => i);
  const longest = x.subarray(0, 150_000);
  expect(downsampleM4(longest, longest).downsampled).toBe(false);
  const long = downsampleM4(x, x);
  expect(long.downsampled).toBe(true);
  expect(long.indices.length).toBeLessThanOrEqual(4 * 1500);
});

test("downsampleM4(bad buckets or maxPoints) throws InputError", () => {
  expect(() => downsampleM4([0], [0], { buckets: 0 })).toThrow(InputError);
  expect(() => downsampleM4([0], [0], { maxPoints: NaN })).toThrow(/invalid maxPoints: NaN/);
});
