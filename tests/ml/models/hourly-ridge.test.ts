import { beforeAll, describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.js";
import { hourlyRidgeFeatureNames } from "../../../src/ml/features/hourly-ridge-features.js";
import { isWeatherFeature } from "../../../src/ml/features/weather-features.js";
import type { HourlyGrid } from "../../../src/ml/hourly-grid.js";
import type { FitContext, FittedPointModel } from "../../../src/ml/model.js";
import { hourlyRidge } from "../../../src/ml/models/hourly-ridge.js";
import {
  contextOf,
  fitAndForecast,
  flatMape,
  functionGrid,
  futureChanged,
  gridOf,
  mapeOf,
  midnightAtOrAfter,
  roundTrip,
  temperaturesChanged,
  wiggleTemperature,
} from "./model-checks.js";

/** Days of the synthetic case (the standard case's 150 days are too few to learn a summer). */
const DAYS = 450;
const T0 = Date.UTC(2021, 0, 4); // a Monday; UTC calendar
const YEARS = 3;
const TRAIN = 24 * 365 * 2;

/**
 * Load inside the hourly ridge's model class: a profile by hour and weekday plus cooling above
 * 18 °C and heating below 15 °C whose slopes depend on the hour of the day.
 */
function load(i: number, t: number): number {
  const hour = i % 24;
  const weekday = (Math.floor(i / 24) + 1) % 7;
  const profile =
    800 * Math.sin((Math.PI * hour) / 24) + (weekday === 0 || weekday === 6 ? -600 : 0);
  const cooling = (hour >= 12 && hour <= 19 ? 180 : 60) * Math.max(0, t - 18);
  const heating = (hour >= 6 && hour <= 9 ? 120 : 50) * Math.max(0, 15 - t);
  return 10_000 + profile + cooling + heating;
}

function weatherGrid(withTemperature: boolean): HourlyGrid {
  const hours = 24 * 365 * YEARS;
  return functionGrid({
    startUtcMs: T0,
    hours,
    temperature: wiggleTemperature,
    load,
    withTemperature,
  });
}

function context(end: number, horizon: number): FitContext {
  return contextOf("long-horizon", end, { horizon });
}

describe("hourly-ridge on a known hour-dependent temperature response", () => {
  it("hourlyRidge.fit recovers hour-specific heating and cooling slopes within 1 % over a year", async () => {
    const g = weatherGrid(true);
    const horizon = g.length - TRAIN;
    const fitted = await hourlyRidge.fit(g, context(TRAIN, horizon));
    const forecast = fitted.predict(g, Int32Array.of(TRAIN), horizon);
    expect(mapeOf(g, Int32Array.of(TRAIN), horizon, forecast)).toBeLessThan(1);
    expect(Object.keys(fitted.hyperparameters).sort()).toEqual([
      "halfLifeYears",
      "levelYears0",
      "levelYears1",
      "penalty0",
      "penalty1",
      "seasonBandwidthDays",
    ]);
  });

  it("hourlyRidge without temperature keeps its calendar part and misses the temperature response", async () => {
    const horizon = 24 * 120;
    const mape = async (withTemperature: boolean): Promise<number> => {
      const g = weatherGrid(withTemperature);
      const fitted = await hourlyRidge.fit(g, context(TRAIN, horizon));
      expect(fitted.features.some(isWeatherFeature)).toBe(withTemperature);
      const forecast = fitted.predict(g, Int32Array.of(TRAIN), horizon);
      expect(forecast.every(Number.isFinite)).toBe(true);
      return mapeOf(g, Int32Array.of(TRAIN), horizon, forecast);
    };
    expect(await mape(false)).toBeGreaterThan(3 * (await mape(true)));
  });

  it("hourlyRidge refuses a grid whose temperature does not match the fit, and too little history (ModelError)", async () => {
    const fitted = await hourlyRidge.fit(weatherGrid(true), context(TRAIN, 24));
    const plain = weatherGrid(false);
    expect(() => fitted.predict(plain, Int32Array.of(TRAIN), 24)).toThrow(ModelError);
    expect(() => fitted.predict(plain, Int32Array.of(TRAIN), 24)).toThrow(
      /hourly-ridge grid does not match the fit: \d+ columns \(expected \d+/,
    );
    await expect(async () => hourlyRidge.fit(plain, context(24 * 20, 24))).rejects.toThrow(
      /too little history for hourly-ridge: 480 hours \(expected at least 672\)/,
    );
  });
});

describe("hourly-ridge on synthetic load with temperature, a year and more of history", () => {
  const grid = gridOf(DAYS, { temperature: true });
  const end = midnightAtOrAfter(grid, 400 * 24);
  const horizon = 24 * 14;
  const from = Int32Array.of(end);
  const fitContext = contextOf("long-horizon", end, { horizon });
  let fitted: FittedPointModel;
  let expected: number[];
  beforeAll(async () => {
    fitted = await hourlyRidge.fit(grid, fitContext);
    expected = Array.from(fitted.predict(grid, from, horizon));
  });

  it("hourlyRidge.fit(long-horizon) reads the temperature and forecasts better than a flat forecast", () => {
    expect(fitted.features).toEqual(
      hourlyRidgeFeatureNames(
        fitted.features.filter((n) => n.startsWith("holiday_")).map((n) => n.slice(8)),
        true,
      ),
    );
    expect(fitted.features).toContain("coolingDegreeHours18_previousDayMax");
    expect(expected.every(Number.isFinite)).toBe(true);
    expect(mapeOf(grid, from, horizon, Float64Array.from(expected))).toBeLessThan(
      flatMape(grid, end, from, horizon),
    );
  });

  it("hourlyRidge forecasts do not depend on the load from the training end on", async () => {
    const future = futureChanged(DAYS, end, { temperature: true });
    const refitted = await fitAndForecast(hourlyRidge, future, fitContext, from, horizon, grid);
    expect(Array.from(refitted)).toEqual(expected);
    expect(Array.from(fitted.predict(future, from, horizon))).toEqual(expected);
  });

  it("hourlyRidge reads the temperatures of a forecast day and earlier, nothing later (ex post)", () => {
    const cut = end + 5 * 24; // every temperature from the sixth forecast day on changed
    const changed = fitted.predict(temperaturesChanged(DAYS, cut), from, horizon);
    expect(Array.from(changed.subarray(0, 5 * 24))).toEqual(expected.slice(0, 5 * 24));
    expect(changed[5 * 24]).not.toBe(expected[5 * 24]);
  });

  it("hourlyRidge fitted twice, or restored from its JSON state, forecasts the same", async () => {
    expect(Array.from(await fitAndForecast(hourlyRidge, grid, fitContext, from, horizon))).toEqual(
      expected,
    );
    const restored = await roundTrip(hourlyRidge, fitted);
    expect(restored.hyperparameters).toEqual(fitted.hyperparameters);
    expect(Array.from(restored.predict(grid, from, horizon))).toEqual(expected);
  });

  it("hourlyRidge forecasts past the end of the grid are NaN", () => {
    const tail = fitted.predict(grid, Int32Array.of(grid.length - 1), 2);
    expect(Number.isFinite(tail[0]!)).toBe(true);
    expect(tail[1]).toBeNaN();
  });

  it("hourlyRidge.tuneOnHeldOut re-chooses the penalties on a held-out block fitted on the rows before it", () => {
    const start = midnightAtOrAfter(grid, 300 * 24);
    const chosen = fitted.tuneOnHeldOut!(grid, Int32Array.of(start), end - start);
    expect(Object.keys(chosen).sort()).toEqual(Object.keys(fitted.hyperparameters).sort());
    expect(Object.values(chosen).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });
});
