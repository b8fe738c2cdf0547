import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/effects.js";
import { ModelError } from "../../../src/errors.js";
import { vanillaFeatureNames } from "../../../src/ml/features/vanilla-features.js";
import type { HourlyGrid } from "../../../src/ml/hourly-grid.js";
import type { FitContext } from "../../../src/ml/model.js";
import { vanillaBenchmark } from "../../../src/ml/models/vanilla-benchmark.js";
import {
  contextOf,
  DAYS as CASE_DAYS,
  fitAndForecast,
  flatMape,
  functionGrid,
  futureChanged,
  gridOf,
  mapeOf,
  midnightAtOrAfter,
  originsFrom,
  roundTrip,
  temperaturesChanged,
  wiggleTemperature,
} from "./model-checks.js";

const H = 3_600_000;
const T0 = Date.UTC(2021, 0, 1);
const DAYS = 400;
const TRAIN = 24 * 365;

/** Load with a known response inside the vanilla model's class (UTC calendar). */
function load(i: number, t: number): number {
  const d = new Date(T0 + i * H);
  const month = d.getUTCMonth();
  const hour = d.getUTCHours();
  const weekday = d.getUTCDay();
  const years = (T0 + i * H) / (365.25 * 86_400_000);
  const calendar =
    300 * years +
    400 * Math.cos(month) +
    (weekday === 0 || weekday === 6 ? -900 : 0) +
    600 * Math.sin((Math.PI * hour) / 24);
  return (
    10_000 +
    calendar -
    120 * t +
    6 * t * t +
    0.1 * t ** 3 +
    (month >= 5 && month <= 8 ? 40 * t : 0) +
    (hour >= 12 && hour <= 18 ? 0.8 * t * t : 0)
  );
}

function grid(withTemperature: boolean): HourlyGrid {
  return functionGrid({
    startUtcMs: T0,
    hours: 24 * DAYS,
    temperature: wiggleTemperature,
    load,
    withTemperature,
  });
}

function context(end: number, horizon: number): FitContext {
  return { task: "long-horizon", end, horizon, seed: 1, logger: silentLogger(), options: {} };
}

describe("vanilla-benchmark", () => {
  it("vanillaBenchmark.fit recovers a known polynomial temperature response and forecasts it", async () => {
    const g = grid(true);
    const horizon = g.length - TRAIN;
    const fitted = await vanillaBenchmark.fit(g, context(TRAIN, horizon));
    expect(fitted.features).toEqual(vanillaFeatureNames(true));
    expect(fitted.features).toHaveLength(1 + 12 + 168 + 3 + 36 + 72);
    const forecast = fitted.predict(g, Int32Array.of(TRAIN), horizon);
    let worst = 0;
    for (let k = 0; k < horizon; k++)
      worst = Math.max(worst, Math.abs(forecast[k]! - g.loadMw[TRAIN + k]!));
    expect(worst).toBeLessThan(1); // MW, on loads of about 10,000 MW
    const restored = await vanillaBenchmark.restore(await fitted.exportState(), undefined as never);
    expect(Array.from(restored.predict(g, Int32Array.of(TRAIN), 48))).toEqual(
      Array.from(forecast.subarray(0, 48)),
    );
  });

  it("vanillaBenchmark without temperature is its calendar part and misses the temperature response", async () => {
    const g = grid(false);
    const fitted = await vanillaBenchmark.fit(g, context(TRAIN, 24));
    expect(fitted.features).toEqual(vanillaFeatureNames(false));
    expect(fitted.features.some((n) => n.includes("temperature"))).toBe(false);
    const forecast = fitted.predict(g, Int32Array.of(TRAIN), 24 * 30);
    let worst = 0;
    for (let k = 0; k < forecast.length; k++)
      worst = Math.max(worst, Math.abs(forecast[k]! - g.loadMw[TRAIN + k]!));
    expect(worst).toBeGreaterThan(100);
  });

  it("vanillaBenchmark refuses a grid whose temperature does not match the fit (ModelError) and too little history", async () => {
    const fitted = await vanillaBenchmark.fit(grid(true), context(TRAIN, 24));
    expect(() => fitted.predict(grid(false), Int32Array.of(TRAIN), 24)).toThrow(ModelError);
    expect(() => fitted.predict(grid(false), Int32Array.of(TRAIN), 24)).toThrow(
      /vanilla-benchmark grid does not match the fit: 181 columns \(expected 292/,
    );
    await expect(async () => vanillaBenchmark.fit(grid(true), context(100, 24))).rejects.toThrow(
      /too little history for vanilla-benchmark: 100 hours/,
    );
  });
});

describe("vanilla-benchmark on the standard case with temperature", () => {
  const grid = gridOf(CASE_DAYS, { temperature: true });
  const end = midnightAtOrAfter(grid, 120 * 24);
  const origins = originsFrom(end, 10);
  const dayAhead = contextOf("day-ahead", end);

  it("vanillaBenchmark.fit(day-ahead) reads the temperature and forecasts better than a flat forecast", async () => {
    const fitted = await vanillaBenchmark.fit(grid, dayAhead);
    const forecast = fitted.predict(grid, origins, 24);
    fitted.dispose();
    expect(fitted.features).toContain("temperatureC^3xHour23");
    expect(forecast.every(Number.isFinite)).toBe(true);
    expect(mapeOf(grid, origins, 24, forecast)).toBeLessThan(flatMape(grid, end, origins, 24));
  });

  it("vanillaBenchmark reads the temperatures of the hours it forecasts and nothing later (ex post)", async () => {
    const expected = await fitAndForecast(vanillaBenchmark, grid, dayAhead, origins);
    const cut = origins[4]! + 24; // every temperature after the fifth forecast day changed
    const changed = await fitAndForecast(
      vanillaBenchmark,
      grid,
      dayAhead,
      origins,
      24,
      temperaturesChanged(CASE_DAYS, cut),
    );
    expect(Array.from(changed.subarray(0, 5 * 24))).toEqual(
      Array.from(expected.subarray(0, 5 * 24)),
    );
    expect(changed[5 * 24]).not.toBe(expected[5 * 24]);
  });

  it("vanillaBenchmark forecasts do not depend on the load after the training end", async () => {
    const expected = await fitAndForecast(vanillaBenchmark, grid, dayAhead, origins);
    const future = futureChanged(CASE_DAYS, end, { temperature: true });
    const refitted = await fitAndForecast(vanillaBenchmark, future, dayAhead, origins, 24, grid);
    expect(Array.from(refitted)).toEqual(Array.from(expected));
    const onChanged = await fitAndForecast(vanillaBenchmark, grid, dayAhead, origins, 24, future);
    expect(Array.from(onChanged)).toEqual(Array.from(expected));
  });

  it("vanillaBenchmark fitted twice, or restored from its JSON state, forecasts the same", async () => {
    const fitted = await vanillaBenchmark.fit(grid, dayAhead);
    const expected = Array.from(fitted.predict(grid, origins, 24));
    expect(Array.from(await fitAndForecast(vanillaBenchmark, grid, dayAhead, origins))).toEqual(
      expected,
    );
    const restored = await roundTrip(vanillaBenchmark, fitted);
    expect(Array.from(restored.predict(grid, origins, 24))).toEqual(expected);
    const tail = fitted.predict(grid, Int32Array.of(grid.length - 2), 4);
    expect(Array.from(tail.subarray(0, 2)).every(Number.isFinite)).toBe(true);
    expect(Array.from(tail.subarray(2))).toEqual([NaN, NaN]);
  });
});
