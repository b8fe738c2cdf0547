import { describe, expect, it } from "vitest";
import { BucketAccumulator } from "../../../src/etl/transform/bucket-accumulator.js";
import { isValidationError } from "../../../src/errors.js";

const t = (iso: string) => Date.parse(iso);

describe("BucketAccumulator", () => {
  it("add(out of order, duplicates, sub-minute stamps) keeps first values and sorts buckets", () => {
    const acc = new BucketAccumulator();
    expect(acc.add(t("2024-01-01T01:30:00Z"), 10)).toBe(true);
    expect(acc.add(t("2024-01-01T00:00:30Z"), 4)).toBe(true);
    expect(acc.add(t("2024-01-01T00:00:30Z"), 400)).toBe(false);
    expect(acc.add(t("2024-01-01T00:00:00Z"), 2)).toBe(true);
    expect(acc.add(t("2024-01-01T01:30:00Z"), 99)).toBe(false);
    const { frame } = acc.finish();
    expect(Array.from(frame.columns.timeUtcMs, (x) => new Date(x).toISOString())).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-01-01T01:00:00.000Z",
    ]);
    expect(Array.from(frame.columns.loadMw)).toEqual([3, 10]);
    expect([acc.rows, acc.duplicates, acc.descents]).toEqual([3, 2, 2]);
  });

  it("add(duplicate) with duplicates fail throws ValidationError naming the stamp", () => {
    const acc = new BucketAccumulator({ duplicates: "fail" });
    acc.add(t("2024-01-01T00:05:00Z"), 1);
    let error: unknown;
    try {
      acc.add(t("2024-01-01T00:05:00Z"), 2);
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/2024-01-01T00:05:00.000Z appears more than once/);
  });

  it("daily buckets in Berlin follow local midnight across the spring change", () => {
    const acc = new BucketAccumulator({ frequency: "daily", timeZone: "Europe/Berlin" });
    for (let h = 0; h < 47; h++) acc.add(t("2021-03-27T23:00:00Z") + h * 3_600_000, 1);
    const { frame } = acc.finish();
    expect(Array.from(frame.columns.timeUtcMs, (x) => new Date(x).toISOString())).toEqual([
      "2021-03-27T23:00:00.000Z",
      "2021-03-28T22:00:00.000Z",
    ]);
    expect(Array.from(frame.columns.count)).toEqual([23, 24]);
    expect(Array.from(frame.columns.coverage)).toEqual([1, 1]);
  });
});
