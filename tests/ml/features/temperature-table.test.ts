import { describe, expect, it } from "vitest";
import { createLoadSeries } from "../../../src/frame.js";
import {
  TEMPERATURE_TERM_NAMES,
  temperatureTable,
  temperatureTerms,
} from "../../../src/ml/features/temperature-table.js";
import { toHourlyGrid } from "../../../src/ml/hourly-grid.js";

const H = 3_600_000;
const T0 = Date.UTC(2021, 0, 4); // a Monday, UTC calendar

/** Three UTC days: day 0 at 10 °C, day 1 rising 0 … 23 °C by the hour, day 2 at 30 °C. */
function grid(): ReturnType<typeof toHourlyGrid> {
  const hours = 72;
  const times = Float64Array.from({ length: hours }, (_, i) => T0 + i * H);
  const temps = Float64Array.from({ length: hours }, (_, i) =>
    i < 24 ? 10 : i < 48 ? i - 24 : 30,
  );
  return toHourlyGrid(
    createLoadSeries(times, new Float64Array(hours).fill(100), { temperatureC: temps }),
  );
}

describe("temperatureTable", () => {
  it("temperatureTable(grid) gives each hour its day's mean, max, min and degree hours", () => {
    const t = temperatureTable(grid())!;
    expect([t.dayMean[30], t.dayMax[30], t.dayMin[30]]).toEqual([11.5, 23, 0]);
    // day 1: heating below 15 °C for hours 0 … 14 (15 + 14 + … + 1 = 120), cooling above 18 °C for 19 … 23 (1 + … + 5 = 15)
    expect(t.dayHeating[24]).toBeCloseTo(120 / 24, 12);
    expect(t.dayCooling[47]).toBeCloseTo(15 / 24, 12);
    expect([t.dayMean[50], t.dayHeating[50], t.dayCooling[50]]).toEqual([30, 0, 12]);
  });

  it("temperatureTable(grid) reads the previous day and trailing windows causally", () => {
    const t = temperatureTable(grid())!;
    expect([t.previousDayMean[5], t.previousDayMean[30], t.previousDayMean[60]]).toEqual([
      10, 10, 11.5,
    ]);
    // trailing 24 h at hour 30: hours 7 … 30 = 17 hours at 10 °C and 0 … 6 °C
    expect(t.mean24[30]).toBeCloseTo((17 * 10 + 21) / 24, 12);
    expect(t.mean24[3]).toBe(10); // fewer hours at the start
    expect(t.mean72[71]).toBeCloseTo((240 + 276 + 720) / 72, 12);
    expect(t.cooling24[71]).toBe(12);
    expect(t.cooling72[47]).toBeCloseTo(15 / 48, 12);
  });

  it("temperatureTable is undefined without temperature", () => {
    const times = Float64Array.from({ length: 48 }, (_, i) => T0 + i * H);
    const g = toHourlyGrid(createLoadSeries(times, new Float64Array(48).fill(1)));
    expect(temperatureTable(g)).toBeUndefined();
  });
});

describe("temperatureTerms", () => {
  it("temperatureTerms(t) writes the piecewise-linear terms with knots 15/5 °C (heating) and 18/24 °C (cooling)", () => {
    const x = new Float64Array(10);
    expect(temperatureTerms(-2, x, 0)).toBe(5);
    temperatureTerms(30, x, 5);
    expect(TEMPERATURE_TERM_NAMES).toEqual([
      "temperatureC",
      "heatingDegreeHours15",
      "heatingDegreeHours5",
      "coolingDegreeHours18",
      "coolingDegreeHours24",
    ]);
    expect(Array.from(x)).toEqual([-2, 17, 7, 0, 0, 30, 0, 0, 12, 6]);
  });
});
