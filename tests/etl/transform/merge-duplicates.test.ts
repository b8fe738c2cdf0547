import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors.js";
import {
  mergeDuplicates,
  type DuplicatePolicy,
} from "../../../src/etl/transform/merge-duplicates.js";
import type { Frame } from "../../../src/frame.js";

const H = 3_600_000;
// Stamps 0, 1, 1, 2, 3, 3, 3, 4 (hours): two groups of duplicates, 3 rows too many.
function frame(): Frame {
  return {
    length: 8,
    columns: {
      timeUtcMs: Float64Array.from([0, 1, 1, 2, 3, 3, 3, 4], (h) => h * H),
      loadMw: Float64Array.from([10, 20, 40, 50, 1, 2, 6, 70]),
      line: Int32Array.from([2, 3, 4, 5, 6, 7, 8, 9]),
      label: ["a", "b", "c", "d", "e", "f", "g", "h"],
    },
  };
}
const rows = (f: Frame) =>
  Array.from({ length: f.length }, (_, i) =>
    Object.keys(f.columns).map((name) => f.columns[name]![i]),
  );

describe("mergeDuplicates", () => {
  const expected: Record<Exclude<DuplicatePolicy, "fail">, unknown[][]> = {
    mean: [
      [0, 10, 2, "a", 0],
      [H, 30, 3, "b", 1],
      [2 * H, 50, 5, "d", 0],
      [3 * H, 3, 6, "e", 1],
      [4 * H, 70, 9, "h", 0],
    ],
    first: [
      [0, 10, 2, "a", 0],
      [H, 20, 3, "b", 1],
      [2 * H, 50, 5, "d", 0],
      [3 * H, 1, 6, "e", 1],
      [4 * H, 70, 9, "h", 0],
    ],
    last: [
      [0, 10, 2, "a", 0],
      [H, 40, 4, "c", 1],
      [2 * H, 50, 5, "d", 0],
      [3 * H, 6, 8, "g", 1],
      [4 * H, 70, 9, "h", 0],
    ],
  };

  for (const policy of ["mean", "first", "last"] as const) {
    it(`mergeDuplicates(frame, {policy: "${policy}"}) keeps one row per stamp, flags it and leaves the input as it was`, () => {
      const input = frame();
      const result = mergeDuplicates(input, { policy });
      expect(result.rowsMerged).toBe(3);
      expect(result.groups).toBe(2);
      expect(result.examples).toEqual(["1970-01-01T01:00:00.000Z", "1970-01-01T03:00:00.000Z"]);
      expect(Object.keys(result.frame.columns)).toEqual([
        "timeUtcMs",
        "loadMw",
        "line",
        "label",
        "duplicateMerged",
      ]);
      expect(rows(result.frame)).toEqual(expected[policy]);
      expect(rows(input)).toEqual(rows(frame()));
    });

    it(`mergeDuplicates(frame, {policy: "${policy}", inPlace: true}) gives the same rows within the input's own buffers`, () => {
      const input = frame();
      const buffers = [input.columns.timeUtcMs, input.columns.loadMw, input.columns.line].map(
        (c) => (c as Float64Array | Int32Array).buffer,
      );
      const labels = input.columns.label;
      const result = mergeDuplicates(input, { policy, inPlace: true });
      expect(rows(result.frame)).toEqual(expected[policy]);
      expect(
        [
          result.frame.columns.timeUtcMs,
          result.frame.columns.loadMw,
          result.frame.columns.line,
        ].map((c) => (c as Float64Array | Int32Array).buffer),
      ).toEqual(buffers);
      expect(result.frame.columns.label).toBe(labels);
    });
  }

  it("mergeDuplicates without duplicates shares every column and adds a zero flag", () => {
    const input: Frame = {
      length: 3,
      columns: {
        timeUtcMs: Float64Array.from([0, H, 2 * H]),
        loadMw: Float64Array.from([1, 2, 3]),
      },
    };
    const result = mergeDuplicates(input, { inPlace: true });
    expect(result.rowsMerged).toBe(0);
    expect(result.frame.columns.loadMw).toBe(input.columns.loadMw);
    expect(Array.from(result.frame.columns.duplicateMerged as Uint8Array)).toEqual([0, 0, 0]);
  });

  it('mergeDuplicates(frame, {policy: "fail"}) is a ValidationError naming the stamps and lines', () => {
    const error = (() => {
      try {
        return mergeDuplicates(frame(), { policy: "fail" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(
      /^duplicate timestamps: 2 stamps appear more than once \(expected unique stamps; use duplicates mean\|first\|last\)/,
    );
    expect((error as ValidationError).problems.map((p) => p.line)).toEqual([3, 6]);
  });
});
