import { describe, expect, test } from "vitest";
import { weatherComparisonRows } from "../../src/analysis/weather-comparison-rows.js";
import { InputError } from "../../src/errors.js";
import { resultWith } from "./weather-comparison-fixture.js";

describe("weatherComparisonRows", () => {
  test("weatherComparisonRows(with, without) pairs each model's errors and computes the gains, best with weather first", () => {
    const rows = weatherComparisonRows(
      resultWith([
        ["vanilla-benchmark", true, 1700, 2000, 5.2],
        ["seasonal-naive-24", false, 1500, 1800, 5],
        ["ridge", true, 750, 1000, 2.3],
      ]),
      resultWith([
        ["ridge", false, 1200, 1600, 3.7],
        ["vanilla-benchmark", false, 4600, 5000, 13.9],
        ["seasonal-naive-24", false, 1500, 1800, 5],
      ]),
    );
    expect(rows.map((r) => r.model)).toEqual(["ridge", "seasonal-naive-24", "vanilla-benchmark"]);
    expect(rows[0]).toEqual({
      model: "ridge",
      usesWeather: true,
      maeWithoutMw: 1200,
      maeWithMw: 750,
      rmseWithoutMw: 1600,
      rmseWithMw: 1000,
      mapeWithoutPct: 3.7,
      mapeWithPct: 2.3,
      rmseGainPct: 37.5,
      mapeGainPoints: 3.7 - 2.3,
    });
    expect(rows[1]).toMatchObject({ usesWeather: false, rmseGainPct: 0, mapeGainPoints: 0 });
    expect(rows[2]!.rmseGainPct).toBeCloseTo(60, 12);
  });

  test("weatherComparisonRows leaves out models the no-weather run lacks", () => {
    const rows = weatherComparisonRows(
      resultWith([
        ["ridge", true, 750, 1000, 2.3],
        ["mlp", true, 740, 990, 2.2],
      ]),
      resultWith([["ridge", false, 1200, 1600, 3.7]]),
    );
    expect(rows.map((r) => r.model)).toEqual(["ridge"]);
  });

  test("weatherComparisonRows(results with no model in common) is an InputError naming both", () => {
    const run = () =>
      weatherComparisonRows(
        resultWith([["mlp", true, 1, 1, 1]]),
        resultWith([["ridge", false, 1, 1, 1]]),
      );
    expect(run).toThrow(InputError);
    expect(run).toThrow(/backtests share no model: with weather mlp, without ridge/);
  });
});
