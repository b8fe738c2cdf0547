import { describe, expect, it } from "vitest";
import { createLoadSeries } from "../../../src/frame.js";
import { holidayNames } from "../../../src/ml/features/holiday-names.js";
import {
  holidaysIn,
  hourlyRidgeFeatureNames,
  hourlyRidgeFeatures,
} from "../../../src/ml/features/hourly-ridge-features.js";
import { recencyWeatherNames } from "../../../src/ml/features/temperature-recency.js";
import { toHourlyGrid, type HourlyGrid } from "../../../src/ml/hourly-grid.js";
import { valueOf } from "./design-value.js";

const H = 3_600_000;
const T0 = Date.UTC(2021, 6, 1, 4); // 2021-07-01 00:00 EDT, a Thursday
const DAYS = 10;

/** Every local day d (from 0) at 10 + d °C plus the hour of day / 10. */
const rising = (i: number): number => 10 + Math.floor(i / 24) + (i % 24) / 10;

function grid(withTemperature = true, temperature = rising): HourlyGrid {
  const hours = 24 * DAYS;
  const times = Float64Array.from({ length: hours }, (_, i) => T0 + i * H);
  const loads = Float64Array.from({ length: hours }, (_, i) => 1000 + (i % 24) * 10);
  const temps = Float64Array.from({ length: hours }, (_, i) => temperature(i));
  return toHourlyGrid(
    createLoadSeries(times, loads, withTemperature ? { temperatureC: temps } : {}),
    { timeZone: "America/New_York" },
  );
}

describe("hourly-ridge features", () => {
  it("holidayNames(calendar, US) names each closing holiday's local day, a substitute under its holiday's name", () => {
    const g = grid();
    const names = holidayNames(g.calendar, "US");
    const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    // 2021-07-04 was a Sunday: the federal holiday is observed on Monday 5 July
    expect(names.get(day("2021-07-05"))).toBe("Independence Day");
    expect(names.get(day("2021-11-25"))).toBe("Thanksgiving Day");
    expect(names.has(day("2021-11-26"))).toBe(false); // the day after, an observance
    expect(names.has(day("2021-05-09"))).toBe(false); // Mother's Day, an observance
  });

  it("hourlyRidgeFeatures(grid) writes weekday, the named holiday and the recency terms of each row", () => {
    const g = grid();
    const holidays = holidaysIn(
      g,
      Int32Array.from({ length: g.length }, (_, i) => i),
    );
    expect(holidays).toEqual(["Independence Day"]);
    const names = hourlyRidgeFeatureNames(holidays, true);
    const d = hourlyRidgeFeatures(g, holidays)(Int32Array.of(24 * 4 + 15, 24 * 6 + 2));
    expect(d.cols).toBe(names.length);
    expect(d.names).toEqual(names);
    const at = (name: string, row = 0): number => valueOf(d.x, names, name, row);
    // row 0: Monday 5 July 15:00 local, the observed Independence Day, 14 °C + 1.5
    expect(at("weekday_mon")).toBe(1);
    expect(at("weekday_sun")).toBe(0);
    expect(at("holiday")).toBe(1);
    expect(at("holiday_Independence Day")).toBe(1);
    expect(at("holiday_Independence Day", 1)).toBe(0);
    expect(at("temperatureC")).toBeCloseTo(15.5, 12);
    expect(at("temperatureC_t-3")).toBeCloseTo(15.2, 12);
    expect(at("temperatureC_dayMax")).toBeCloseTo(16.3, 12);
    expect(at("temperatureC_dayMin")).toBeCloseTo(14, 12);
    expect(at("temperatureC_previousDayMax")).toBeCloseTo(15.3, 12);
    expect(at("temperatureC_previousDayMin")).toBeCloseTo(13, 12);
    expect(at("heatingDegreeHours15_previousDayMin")).toBeCloseTo(2, 12);
    expect(at("coolingDegreeHours18")).toBe(0);
    // row 1: Wednesday 7 July 02:00, 16 °C + 0.2; its previous day is 6 July
    expect(at("weekday_wed", 1)).toBe(1);
    expect(at("temperatureC_previousDayMin", 1)).toBeCloseTo(15, 12);
  });

  it("hourlyRidgeFeatures reads no temperature after the row's local day (ex post, causal before)", () => {
    const row = Int32Array.of(24 * 4 + 15);
    const base = hourlyRidgeFeatures(grid(), [])(row);
    const changed = hourlyRidgeFeatures(
      grid(true, (i) => (i >= 24 * 5 ? -20 : rising(i))),
      [],
    )(row);
    expect(Array.from(changed.x)).toEqual(Array.from(base.x));
    const sameDay = hourlyRidgeFeatures(
      grid(true, (i) => (i >= 24 * 4 + 20 ? -20 : rising(i))),
      [],
    )(row);
    expect(valueOf(sameDay.x, sameDay.names, "temperatureC_dayMin")).toBe(-20);
  });

  it("hourlyRidgeFeatureNames without temperature has no weather feature; with it, 9 series × 5 terms", () => {
    expect(recencyWeatherNames()).toHaveLength(45);
    const plain = hourlyRidgeFeatureNames(["Labor Day"], false);
    expect(plain).toContain("holiday_Labor Day");
    expect(plain.some((n) => /temperature|degreeHours/i.test(n))).toBe(false);
    expect(hourlyRidgeFeatureNames([], true)).toHaveLength(plain.length - 1 + 45);
    expect(hourlyRidgeFeatures(grid(false), [])(Int32Array.of(0)).cols).toBe(plain.length - 1);
  });
});
