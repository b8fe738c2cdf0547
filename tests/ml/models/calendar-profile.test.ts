import { describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.js";
import { calendarProfile } from "../../../src/ml/models/calendar-profile.js";
import {
  contextOf,
  fitAndForecast,
  flatMape,
  futureChanged,
  gridOf,
  mapeOf,
  midnightAtOrAfter,
  originsFrom,
  roundTrip,
} from "./model-checks.js";

const DAYS = 120;
const grid = gridOf(DAYS);
const end = midnightAtOrAfter(grid, 100 * 24);
const origins = originsFrom(end, 7);

describe("calendar-profile", () => {
  const context = contextOf("day-ahead", end);

  it("calendarProfile forecasts the training mean of each (month, weekday, hour) cell", async () => {
    const fitted = await calendarProfile.fit(grid, context);
    const forecast = fitted.predict(grid, origins, 24);
    // the cell of the first forecast hour, averaged by hand over the training rows
    const { month, weekday, hour } = grid.calendar;
    const o = origins[0]!;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < end; i++) {
      if (month[i] === month[o] && weekday[i] === weekday[o] && hour[i] === hour[o]) {
        sum += grid.loadMw[i]!;
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(0);
    expect(forecast[0]).toBeCloseTo(sum / count, 9);
    expect(mapeOf(grid, origins, 24, forecast)).toBeLessThan(flatMape(grid, end, origins, 24));
  });

  it("calendarProfile falls back to the mean by hour for a month it never saw", async () => {
    // trained on January only; forecast a day in April
    const january = midnightAtOrAfter(grid, 31 * 24);
    const fitted = await calendarProfile.fit(grid, contextOf("day-ahead", january));
    const april = midnightAtOrAfter(grid, 95 * 24);
    const forecast = fitted.predict(grid, Int32Array.of(april), 24);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < january; i++) {
      if (grid.calendar.hour[i] === grid.calendar.hour[april]) {
        sum += grid.loadMw[i]!;
        count += 1;
      }
    }
    expect(forecast[0]).toBeCloseTo(sum / count, 9);
  });

  it("calendarProfile reads only the training rows", async () => {
    const a = await fitAndForecast(calendarProfile, grid, context, origins);
    const b = await fitAndForecast(calendarProfile, futureChanged(DAYS, end), context, origins);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("calendarProfile fitted twice, or restored from its JSON state, forecasts the same", async () => {
    const fitted = await calendarProfile.fit(grid, context);
    const again = await calendarProfile.fit(grid, context);
    const restored = await roundTrip(calendarProfile, fitted);
    const expected = Array.from(fitted.predict(grid, origins, 24));
    expect(Array.from(again.predict(grid, origins, 24))).toEqual(expected);
    expect(Array.from(restored.predict(grid, origins, 24))).toEqual(expected);
  });

  it("calendarProfile forecasts NaN past the grid and refuses an empty training period", async () => {
    const fitted = await calendarProfile.fit(grid, context);
    const tail = fitted.predict(grid, Int32Array.of(grid.length - 1), 2);
    expect(Number.isFinite(tail[0]!)).toBe(true);
    expect(tail[1]).toBeNaN();
    await expect(async () => calendarProfile.fit(grid, contextOf("day-ahead", 0))).rejects.toThrow(
      ModelError,
    );
    await expect(async () => calendarProfile.fit(grid, contextOf("day-ahead", 0))).rejects.toThrow(
      /calendar-profile has no training rows: end row 0/,
    );
  });
});
