import { describe, expect, it } from "vitest";
import { createLoadSeries } from "../../src/frame.js";
import { calendarTable } from "../../src/ml/calendar-table.js";
import { causalFill, toHourlyGrid } from "../../src/ml/hourly-grid.js";

const H = 3_600_000;
const T0 = Date.UTC(2021, 6, 1, 4); // 2021-07-01 00:00 EDT

describe("toHourlyGrid", () => {
  it("toHourlyGrid puts missing hours in as NaN and fills them from earlier rows only", () => {
    const times = Float64Array.from([0, 1, 2, 3, 5, 6].map((h) => T0 + h * H));
    const loads = Float64Array.from([10, 11, 12, 13, 15, 16]);
    const grid = toHourlyGrid(createLoadSeries(times, loads), { extendHours: 2 });
    expect(grid.length).toBe(9);
    expect(Array.from(grid.loadMw.subarray(3, 6))).toEqual([13, NaN, 15]);
    expect(grid.filledMw[4]).toBe(13); // no row 24 h earlier: previous hour
    expect(Number.isNaN(grid.loadMw[8]!)).toBe(true);
    expect(grid.timeUtcMs[8]).toBe(T0 + 8 * H);
  });

  it("toHourlyGrid keeps temperature only when every hour has one after filling", () => {
    const times = Float64Array.from([0, 1, 2, 3].map((h) => T0 + h * H));
    const loads = Float64Array.from([10, 11, 12, 13]);
    const withGap = createLoadSeries(times, loads, {
      temperatureC: Float64Array.from([20, NaN, 22, 23]),
    });
    expect(Array.from(toHourlyGrid(withGap).temperatureC ?? [])).toEqual([20, 20, 22, 23]);
    // a weather file that misses the load's period, or starts after it, gives no temperature
    const none = createLoadSeries(times, loads, { temperatureC: new Float64Array(4).fill(NaN) });
    expect(toHourlyGrid(none).temperatureC).toBeUndefined();
    const late = createLoadSeries(times, loads, {
      temperatureC: Float64Array.from([NaN, 21, 22, 23]),
    });
    expect(toHourlyGrid(late).temperatureC).toBeUndefined();
  });

  it("causalFill(values) takes the value 24 h earlier before the previous hour", () => {
    const values = Float64Array.from({ length: 30 }, (_, i) => i);
    values[26] = NaN;
    expect(causalFill(values)[26]).toBe(2);
  });

  it("toHourlyGrid drops ETL-flagged outliers only when asked", () => {
    const times = Float64Array.from([0, 1, 2].map((h) => T0 + h * H));
    const series = createLoadSeries(times, Float64Array.from([1, 900, 3]), {
      outlier: Uint8Array.from([0, 1, 0]),
    });
    expect(toHourlyGrid(series).loadMw[1]).toBe(900);
    expect(Number.isNaN(toHourlyGrid(series, { dropOutliers: true }).loadMw[1]!)).toBe(true);
  });
});

describe("calendarTable", () => {
  it("calendarTable gives local hours across the DST change and marks US holidays", () => {
    // 2021-11-07 fall back in New York: 01:00 EDT (05:00Z) then 01:00 EST (06:00Z)
    const times = Float64Array.from([4, 5, 6, 7].map((h) => Date.UTC(2021, 10, 7, h)));
    const table = calendarTable(times, { timeZone: "America/New_York" });
    expect(Array.from(table.hour)).toEqual([0, 1, 1, 2]);
    expect(Array.from(table.weekday)).toEqual([0, 0, 0, 0]);
    const july4 = calendarTable(
      Float64Array.of(Date.UTC(2021, 6, 4, 16), Date.UTC(2021, 6, 6, 16)),
      {
        timeZone: "America/New_York",
      },
    );
    expect(Array.from(july4.holiday)).toEqual([1, 0]);
    expect(Array.from(july4.dayOfYear)).toEqual([185, 187]);
    expect(() => calendarTable(times, { holidayCountry: "XX" })).toThrow(/unknown holiday country/);
  });
});
