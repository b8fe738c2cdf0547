import { describe, expect, it } from "vitest";
import { createLoadSeries } from "../../../src/frame.js";
import {
  DAY_AHEAD_HISTORY,
  dayAheadFeatureNames,
  dayAheadFeatures,
  dayAheadLevels,
} from "../../../src/ml/features/day-ahead-features.js";
import { toHourlyGrid } from "../../../src/ml/hourly-grid.js";

const H = 3_600_000;
// 2021-11-12 00:00 EST; 15 days of history before Friday 2021-11-26 (day after Thanksgiving)
const T0 = Date.UTC(2021, 10, 12, 5);

function grid(hours: number, load: (i: number) => number): ReturnType<typeof toHourlyGrid> {
  const times = Float64Array.from({ length: hours }, (_, i) => T0 + i * H);
  const loads = Float64Array.from({ length: hours }, (_, i) => load(i));
  return toHourlyGrid(createLoadSeries(times, loads), { timeZone: "America/New_York" });
}

describe("dayAheadFeatures", () => {
  it("dayAheadFeatures(grid, origins) gives loads as ratios to the last 24 h mean", () => {
    const g = grid(24 * 16, (i) => 100 + i);
    const o = 24 * 14; // 2021-11-26 00:00 EST, a Friday
    const d = dayAheadFeatures(g, Int32Array.of(o));
    const names = dayAheadFeatureNames(false);
    const at = (name: string): number => d.x[names.indexOf(name)]!;
    const level = 100 + o - 12.5; // mean of 100 + (o − 24 … o − 1)
    expect(DAY_AHEAD_HISTORY).toBe(336);
    expect(d.cols).toBe(names.length);
    expect(dayAheadLevels(g, Int32Array.of(o))[0]).toBe(level);
    expect(at("load_t-48/level")).toBeCloseTo((100 + o - 48) / level, 12);
    expect(at("load_t-1/level")).toBeCloseTo((100 + o - 1) / level, 12);
    expect(at("load_t-336/level")).toBeCloseTo(100 / level, 12);
    expect(at("load_t-168/level")).toBeCloseTo((100 + o - 168) / level, 12);
    expect(at("meanLoad_day-1/level")).toBeCloseTo(1, 12);
    expect(at("meanLoad_day-7/level")).toBeCloseTo((level - 144) / level, 12);
    expect([at("weekday_fri"), at("month_11"), at("dayAfterHoliday"), at("holiday")]).toEqual([
      1, 1, 1, 0,
    ]);
    expect([at("bridgeDay"), at("yesterdaySundayOrHoliday"), at("yesterdaySaturday")]).toEqual([
      1, 1, 0,
    ]);
  });

  it("dayAheadFeatures marks the day after a weekend and not a bridge on an ordinary Monday", () => {
    const g = grid(24 * 16, () => 50);
    const monday = 24 * 10; // 2021-11-22 00:00 EST
    const d = dayAheadFeatures(g, Int32Array.of(monday));
    const names = dayAheadFeatureNames(false);
    const at = (name: string): number => d.x[names.indexOf(name)]!;
    expect([at("weekday_mon"), at("bridgeDay"), at("yesterdaySundayOrHoliday")]).toEqual([1, 0, 1]);
    expect(at("load_t-1/level")).toBe(1);
  });

  it("dayAheadLevels falls back to 1 when the last day's mean is not positive", () => {
    const g = grid(24 * 15, (i) => (i >= 24 * 13 ? 0 : 10));
    expect(Array.from(dayAheadLevels(g, Int32Array.of(24 * 14, 24 * 13)))).toEqual([1, 10]);
  });
});
