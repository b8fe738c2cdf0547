import { describe, expect, it } from "vitest";
import { predictRidge, ridgeStats, solveRidge } from "../../src/ml/ridge-regression.js";
import {
  predictSeasonalRidge,
  seasonalRidgeStats,
  seasonOf,
  seasonWeights,
  solveSeasonalRidge,
} from "../../src/ml/seasonal-ridge.js";

/** Two years of daily rows: y = slope(day) · x + 3, where the slope is 2 in winter, −1 in summer. */
function seasonalRows(): {
  x: Float64Array;
  y: Float64Array;
  days: Int32Array;
  slope: (d: number) => number;
} {
  const slope = (d: number): number => 0.5 + 1.5 * Math.cos((2 * Math.PI * (d - 1)) / 365.25);
  const rows = 730;
  const x = Float64Array.from({ length: rows }, (_, r) => Math.sin(r * 1.7) * 10);
  const days = Int32Array.from({ length: rows }, (_, r) => (r % 365) + 1);
  const y = Float64Array.from(x, (v, r) => slope(days[r]!) * v + 3);
  return { x, y, days, slope };
}

describe("seasonal ridge", () => {
  it("seasonOf splits the year into twelve equal seasons", () => {
    expect(seasonOf(1)).toBe(0);
    expect(seasonOf(31)).toBe(0);
    expect(seasonOf(32)).toBe(1);
    expect(seasonOf(183)).toBe(5);
    expect(seasonOf(184)).toBe(6);
    expect(seasonOf(365)).toBe(11);
    expect(seasonOf(366)).toBe(11);
  });

  it("seasonWeights is a Gaussian of the day-of-year distance, wrapping around the new year", () => {
    // season 0 is centred on day-of-year offset 365.25 / 24 = 15.22 (day 16.22)
    const w = seasonWeights([16.21875, 1, 365, 200], 0, 10);
    expect(w[0]).toBe(1);
    expect(w[1]).toBeCloseTo(Math.exp(-0.5 * (15.21875 / 10) ** 2), 12);
    // day 365 is 16.47 days before the centre, across the year end
    expect(w[2]).toBeCloseTo(Math.exp(-0.5 * (16.46875 / 10) ** 2), 12);
    // half a year away: below the cut-off, so exactly 0 (the row is skipped)
    expect(w[3]).toBe(0);
  });

  it("weights count a row that many times: weight 2 = the row twice, weight 0 = no row", () => {
    const x = Float64Array.from([1, 0, 2, 1, 3, 0, 4, 1, 5, 1]);
    const y = Float64Array.from([2, 5, 7, 11, 12]);
    const weighted = ridgeStats({ x, rows: 5, cols: 2 }, y, 1, Float64Array.from([2, 1, 0, 1, 1]));
    const rows = [0, 0, 1, 3, 4];
    const repeated = ridgeStats(
      { x: Float64Array.from(rows.flatMap((r) => [x[2 * r]!, x[2 * r + 1]!])), rows: 5, cols: 2 },
      Float64Array.from(rows, (r) => y[r]!),
      1,
    );
    expect(weighted.n).toBe(5);
    for (const key of ["mean", "scale", "yMean", "gram", "xty"] as const) {
      const a = Array.from(weighted[key]);
      const b = Array.from(repeated[key]);
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 12));
    }
  });

  it("fits each season's own relation where one global ridge averages them", () => {
    const { x, y, days, slope } = seasonalRows();
    const design = { x, rows: x.length, cols: 1 };
    const seasonal = solveSeasonalRidge(seasonalRidgeStats(design, y, 1, days, 10), 1e-9);
    const global = solveSeasonalRidge(seasonalRidgeStats(design, y, 1, days, 0), 1e-9);
    expect(seasonal.fits).toHaveLength(12);
    expect(global.fits).toHaveLength(1);
    // mid-winter (day 16) and mid-summer (day 199): predict x = 4
    const probe = { x: Float64Array.of(4, 4), rows: 2, cols: 1 };
    const at = Int32Array.of(16, 199);
    const local = predictSeasonalRidge(seasonal, probe, at);
    expect(local[0]).toBeCloseTo(slope(16) * 4 + 3, 0);
    expect(local[1]).toBeCloseTo(slope(199) * 4 + 3, 0);
    const flat = predictSeasonalRidge(global, probe, at);
    expect(flat[0]).toBeCloseTo(flat[1]!, 12);
    expect(Math.abs(flat[0]! - (slope(16) * 4 + 3))).toBeGreaterThan(4);
  });

  it("row weights leave rows out of every season, and thin seasons fall back to the global fit", () => {
    const { x, y, days } = seasonalRows();
    const design = { x, rows: x.length, cols: 1 };
    const keepFirstYear = Float64Array.from(days, (_, r) => (r < 365 ? 1 : 0));
    const masked = seasonalRidgeStats(design, y, 1, days, 10, keepFirstYear);
    const firstYear = seasonalRidgeStats(
      { x: x.slice(0, 365), rows: 365, cols: 1 },
      y.slice(0, 365),
      1,
      days.slice(0, 365),
      10,
    );
    masked.stats.forEach((s, i) => expect(s.gram[0]).toBeCloseTo(firstYear.stats[i]!.gram[0]!, 10));
    // 40 rows in January only: other seasons see < 1 weighted row per feature → the global fit
    const january = seasonalRidgeStats(
      { x: x.slice(0, 40), rows: 40, cols: 1 },
      y.slice(0, 40),
      1,
      days.slice(0, 40),
      10,
    );
    const plain = solveRidge(
      ridgeStats({ x: x.slice(0, 40), rows: 40, cols: 1 }, y.slice(0, 40), 1),
      1e-3,
    );
    const summer = solveSeasonalRidge(january, 1e-3).fits[6]!;
    expect(summer.coef).toEqual(plain.coef);
    expect(predictRidge(summer, { x: Float64Array.of(2), rows: 1, cols: 1 })[0]).toBeCloseTo(
      predictRidge(plain, { x: Float64Array.of(2), rows: 1, cols: 1 })[0]!,
      12,
    );
  });
});
