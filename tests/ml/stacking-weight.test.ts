import { describe, expect, it } from "vitest";
import {
  lowestLossWeight,
  stackingLosses,
  STACKING_WEIGHTS,
} from "../../src/ml/stacking-weight.js";

describe("stacking weight", () => {
  it("stackingLosses gives the mean loss of target − base − w · correction for each weight", () => {
    const base = [100, 200];
    const correction = [10, -20];
    // w = 0, ¼, ½, ¾, 1: errors (5, −10), (2.5, −5), (0, 0), (−2.5, 5), (−5, 10)
    expect(stackingLosses([105, 190], correction, "absolute", { base })).toEqual([
      7.5, 3.75, 0, 3.75, 7.5,
    ]);
    expect(stackingLosses([105, 190], correction, "squared", { base })).toEqual([
      62.5, 15.625, 0, 15.625, 62.5,
    ]);
    // divided by a level per row (100, 200): relative errors (0.05, −0.05) at w = 0
    expect(
      stackingLosses([105, 190], correction, "absolute", { base, divisor: [100, 200] })[0],
    ).toBeCloseTo(0.05, 15);
    // one divisor for all rows
    expect(stackingLosses([105, 190], correction, "absolute", { base, divisor: 0.5 })[0]).toBe(15);
  });

  it("lowestLossWeight takes as much of the correction as the held-out rows support", () => {
    const base = [100, 200];
    const correction = [10, -20];
    const pick = (target: number[]): number =>
      lowestLossWeight(stackingLosses(target, correction, "absolute", { base }));
    expect(pick([105, 190])).toBe(0.5);
    expect(pick([110, 180])).toBe(1);
    // a correction pointing the wrong way is switched off
    expect(pick([95, 210])).toBe(0);
    // ties keep the smaller weight
    expect(lowestLossWeight([1, 1, 1, 1, 1])).toBe(STACKING_WEIGHTS[0]);
    expect(lowestLossWeight([3, 2, 2, 4, 5])).toBe(0.25);
  });

  it("skips rows without a target and treats a missing base as 0", () => {
    expect(stackingLosses([NaN, 7.5], [4, 10], "squared")).toEqual([56.25, 25, 6.25, 0, 6.25]);
    expect(stackingLosses([], [], "absolute")).toEqual([0, 0, 0, 0, 0]);
  });
});
