import { describe, expect, it } from "vitest";
import { predictRidge, ridgeStats, solveRidge } from "../../src/ml/ridge-regression.js";

describe("ridgeStats / solveRidge", () => {
  it("ridgeStats(design) centres and scales sparse columns exactly", () => {
    // columns: a one-hot (mostly zeros) and a dense value
    const x = Float64Array.from([1, 2, 0, 4, 0, 6, 0, 8]);
    const y = Float64Array.from([1, 2, 3, 5]);
    const s = ridgeStats({ x, rows: 4, cols: 2 }, y, 1);
    const oneHotScale = Math.sqrt(0.1875);
    expect(Array.from(s.mean)).toEqual([0.25, 5]);
    expect(s.scale[0]).toBeCloseTo(oneHotScale, 15);
    expect(s.scale[1]).toBeCloseTo(Math.sqrt(5), 15);
    expect(s.yMean[0]).toBe(2.75);
    // z(one-hot) = (0.75, −0.25, −0.25, −0.25) / 0.433, z(dense) = (−3, −1, 1, 3) / √5
    const cross = -3 / (oneHotScale * Math.sqrt(5));
    const expected = [4, cross, cross, 4];
    for (let k = 0; k < 4; k++) expect(s.gram[k]).toBeCloseTo(expected[k]!, 12);
    // centred y = (−1.75, −0.75, 0.25, 2.25)
    expect(s.xty[0]).toBeCloseTo((0.75 * -1.75 + 0.25 * (0.75 - 0.25 - 2.25)) / oneHotScale, 12);
    expect(s.xty[1]).toBeCloseTo((5.25 + 0.75 + 0.25 + 6.75) / Math.sqrt(5), 12);
  });

  it("solveRidge recovers an exact linear relation with a tiny penalty", () => {
    const rows = 50;
    const x = Float64Array.from({ length: rows * 2 }, (_, i) =>
      i % 2 === 0 ? (Math.floor(i / 2) % 3 === 0 ? 1 : 0) : 30_000 + (i % 7) * 13,
    );
    const y = Float64Array.from(
      { length: rows },
      (_, r) => 5 + 2 * x[2 * r]! - 0.5 * x[2 * r + 1]!,
    );
    const fit = solveRidge(ridgeStats({ x, rows, cols: 2 }, y, 1), 1e-12);
    const p = predictRidge(fit, { x: Float64Array.of(1, 30_010), rows: 1, cols: 2 });
    expect(p[0]).toBeCloseTo(5 + 2 - 15_005, 5);
  });
});
