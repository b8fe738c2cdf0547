import { describe, expect, it } from "vitest";
import { createLoadSeries } from "../../../src/frame.js";
import {
  calendarFeatureNames,
  calendarFeatures,
} from "../../../src/ml/features/calendar-features.js";
import {
  dayAheadFeatureNames,
  dayAheadFeatures,
} from "../../../src/ml/features/day-ahead-features.js";
import { dayFeatureNames, dayFeatures } from "../../../src/ml/features/day-features.js";
import { isWeatherFeature } from "../../../src/ml/features/weather-features.js";
import { toHourlyGrid, type HourlyGrid } from "../../../src/ml/hourly-grid.js";
import { valueOf } from "./design-value.js";

const H = 3_600_000;
const T0 = Date.UTC(2021, 0, 4); // a Monday, UTC calendar
const DAYS = 17;
const ORIGIN = 24 * 15; // 2021-01-19 00:00 UTC

function grid(temperature: (i: number) => number): HourlyGrid {
  const hours = 24 * DAYS;
  const times = Float64Array.from({ length: hours }, (_, i) => T0 + i * H);
  const loads = Float64Array.from({ length: hours }, (_, i) => 1000 + (i % 24) * 10);
  const temps = Float64Array.from({ length: hours }, (_, i) => temperature(i));
  return toHourlyGrid(createLoadSeries(times, loads, { temperatureC: temps }));
}

/** 5 °C on even days, 25 °C on odd days, plus the hour of day / 10. */
const alternating = (i: number): number => (Math.floor(i / 24) % 2 === 0 ? 5 : 25) + (i % 24) / 10;

describe("weather features", () => {
  it("dayAheadFeatures(grid) adds the forecast day's hourly terms and the previous day's, by name", () => {
    const g = grid(alternating);
    const names = dayAheadFeatureNames(true);
    const d = dayAheadFeatures(g, Int32Array.of(ORIGIN)); // day 15: 25 °C + h/10
    expect(d.cols).toBe(names.length);
    const at = (name: string): number => valueOf(d.x, names, name);
    expect(at("temperatureC_t+0")).toBe(25);
    expect(at("temperatureC_t+23")).toBeCloseTo(27.3, 12);
    expect(at("coolingDegreeHours18_t+10")).toBeCloseTo(8, 12);
    expect(at("coolingDegreeHours24_t+10")).toBeCloseTo(2, 12);
    expect(at("heatingDegreeHours15_t+10")).toBe(0);
    expect(at("forecastDayTemperatureMean")).toBeCloseTo(26.15, 12);
    expect(at("forecastDayTemperatureMax")).toBeCloseTo(27.3, 12);
    expect(at("forecastDayTemperatureMin")).toBe(25);
    expect(at("previousDayTemperatureMean")).toBeCloseTo(6.15, 12);
    expect(at("previousDayHeatingDegreeHours15")).toBeCloseTo(15 - 6.15, 12);
    expect(at("temperatureC_t-24")).toBe(5);
    expect(at("heatingDegreeHours15_t-1")).toBeCloseTo(15 - 7.3, 12);
    // the trailing 24 h mean at the last forecast hour covers the forecast day only
    expect(at("temperatureMean24h_t+23")).toBeCloseTo(26.15, 12);
    expect(at("temperatureMean72h_t-1")).toBeCloseTo((6.15 * 2 + 26.15) / 3, 12);
    expect(names.filter(isWeatherFeature)).toHaveLength(
      names.length - dayAheadFeatureNames(false).length,
    );
  });

  it("calendarFeatures(grid) adds the hour's terms by hour and its means and lags by quarter", () => {
    const g = grid(alternating);
    const names = calendarFeatureNames(true);
    const row = ORIGIN + 13; // 13:00 on a 25 °C day: 26.3 °C
    const d = calendarFeatures(g, Int32Array.of(row));
    expect(d.cols).toBe(names.length);
    const at = (name: string): number => valueOf(d.x, names, name);
    expect(at("coolingDegreeHours")).toBeCloseTo(8.3, 12);
    expect(at("temperatureCxHour13")).toBeCloseTo(26.3, 12);
    expect(at("temperatureCxHour12")).toBe(0);
    expect(at("coolingDegreeHours24xHour13")).toBeCloseTo(2.3, 12);
    expect(at("temperatureC_t-2xQuarter2")).toBeCloseTo(26.1, 12);
    expect(at("temperatureC_t-2xQuarter1")).toBe(0);
    expect(at("dayMaxCoolingDegreeHours18xQuarter2")).toBeCloseTo(9.3, 12);
    expect(at("coolingDegreeHours18xworkday")).toBeCloseTo(8.3, 12);
    expect(at("coolingDegreeHours18xsaturday")).toBe(0);
  });

  it("dayFeatures(grid) adds the day's 24 temperatures and summary", () => {
    const g = grid(alternating);
    const names = dayFeatureNames(true);
    const d = dayFeatures(g, Int32Array.of(ORIGIN));
    const at = (name: string): number => valueOf(d.x, names, name);
    expect(at("temperatureC_hour5")).toBeCloseTo(25.5, 12);
    expect(at("dayTemperatureMean")).toBeCloseTo(26.15, 12);
    expect(at("previousDayTemperatureMean")).toBeCloseTo(6.15, 12);
  });

  it("weather features of a day do not change when later days' temperatures change (ex post for the day, causal otherwise)", () => {
    const base = grid(alternating);
    const changed = grid((i) => (i >= ORIGIN + 24 ? 40 - alternating(i) : alternating(i)));
    const rows = Int32Array.from({ length: 24 }, (_, h) => ORIGIN + h);
    const origins = Int32Array.of(ORIGIN);
    expect(Array.from(dayAheadFeatures(changed, origins).x)).toEqual(
      Array.from(dayAheadFeatures(base, origins).x),
    );
    expect(Array.from(calendarFeatures(changed, rows).x)).toEqual(
      Array.from(calendarFeatures(base, rows).x),
    );
    expect(Array.from(dayFeatures(changed, origins).x)).toEqual(
      Array.from(dayFeatures(base, origins).x),
    );
    // the change is visible the day after
    const next = Int32Array.of(ORIGIN + 24);
    expect(dayAheadFeatures(changed, next).x).not.toEqual(dayAheadFeatures(base, next).x);
  });

  it("isWeatherFeature tells temperature features from calendar and load ones", () => {
    expect(
      ["temperatureC_t+3", "coolingDegreeHours", "previousDayTemperatureMean"].map(
        isWeatherFeature,
      ),
    ).toEqual([true, true, true]);
    expect(["load_t-1/level", "weekday_mon", "sinDayOfYear1"].map(isWeatherFeature)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
