import { describe, expect, it } from "vitest";
import { seasonalNaive } from "../../../src/ml/models/seasonal-naive.js";
import {
  contextOf,
  fitAndForecast,
  futureChanged,
  gridOf,
  midnightAtOrAfter,
  originsFrom,
  roundTrip,
} from "./model-checks.js";

const DAYS = 60;
const grid = gridOf(DAYS);
const end = midnightAtOrAfter(grid, 40 * 24);
const origins = originsFrom(end, 5);

describe("seasonal-naive", () => {
  it("seasonalNaive(24) repeats the last day before the origin for every step", async () => {
    const forecast = await fitAndForecast(
      seasonalNaive(24),
      grid,
      contextOf("day-ahead", end),
      origins,
      48,
    );
    for (const [r, o] of origins.entries()) {
      for (let h = 0; h < 48; h++) {
        expect(forecast[r * 48 + h]).toBe(grid.filledMw[o - 24 + (h % 24)]);
      }
    }
  });

  it("seasonalNaive(168) repeats the same hour one week earlier", async () => {
    const forecast = await fitAndForecast(
      seasonalNaive(168),
      grid,
      contextOf("day-ahead", end),
      origins,
    );
    for (const [r, o] of origins.entries()) {
      for (let h = 0; h < 24; h++) expect(forecast[r * 24 + h]).toBe(grid.filledMw[o + h - 168]);
    }
  });

  it("seasonalNaive reads only rows before each origin", async () => {
    const model = seasonalNaive(24);
    const last = origins[origins.length - 1]!;
    const a = await fitAndForecast(model, grid, contextOf("day-ahead", end), origins);
    const b = await fitAndForecast(
      model,
      futureChanged(DAYS, last),
      contextOf("day-ahead", end),
      origins,
    );
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("seasonalNaive fitted twice, or restored from its JSON state, forecasts the same", async () => {
    const model = seasonalNaive(168);
    const fitted = await model.fit(grid, contextOf("long-horizon", end));
    const again = await model.fit(grid, contextOf("long-horizon", end));
    const restored = await roundTrip(model, fitted);
    const expected = Array.from(fitted.predict(grid, origins, 24));
    expect(Array.from(again.predict(grid, origins, 24))).toEqual(expected);
    expect(Array.from(restored.predict(grid, origins, 24))).toEqual(expected);
    expect(restored.hyperparameters).toEqual({ period: 168 });
  });

  it("seasonalNaive forecasts NaN where no season of history precedes the origin", async () => {
    const fitted = await seasonalNaive(168).fit(grid, contextOf("day-ahead", end));
    const early = fitted.predict(grid, Int32Array.of(100), 24);
    expect(Array.from(early.subarray(0, 24)).every(Number.isNaN)).toBe(true);
  });
});
