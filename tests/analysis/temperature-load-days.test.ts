import { describe, expect, test } from "vitest";
import { SEASONS, temperatureLoadDays } from "../../src/analysis/temperature-load-days.js";
import { InputError } from "../../src/errors.js";
import { createLoadSeries, sliceRows, concatRows } from "../../src/frame.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2023, 0, 1);
const SLOPES = [-100, 20, 300, 50]; // MW per °C by season: Dec–Feb, Mar–May, Jun–Aug, Sep–Nov

/** 2023 in UTC, constant within each day: working days follow a line per season, others sit lower. */
function year() {
  const n = 365 * 24;
  const time = Float64Array.from({ length: n }, (_, i) => T0 + i * 3_600_000);
  const temperatureC = new Float64Array(n);
  const loadMw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = new Date(T0 + Math.floor(i / 24) * DAY);
    const t = 10 + 12 * Math.sin(Math.floor(i / 24) * 0.7);
    const season = Math.floor(((d.getUTCMonth() + 1) % 12) / 3);
    const iso = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const holiday = iso === "2023-07-04" || iso === "2023-12-25";
    temperatureC[i] = t;
    loadMw[i] = 5000 + SLOPES[season]! * t - (weekend ? 500 : 0) - (holiday ? 700 : 0);
  }
  return createLoadSeries(time, loadMw, { temperatureC });
}

describe("temperatureLoadDays", () => {
  test("temperatureLoadDays(series) tags each day's season and type and recovers each season's working-day slope", () => {
    const days = temperatureLoadDays(year(), { timeZone: "UTC", holidayCountry: "US" });
    expect(days.date.length).toBe(365);
    const at = (date: string) => days.date.indexOf(date);
    expect(SEASONS[days.season[at("2023-01-15")]!]).toBe("Dec–Feb");
    expect(SEASONS[days.season[at("2023-03-01")]!]).toBe("Mar–May");
    expect(SEASONS[days.season[at("2023-08-31")]!]).toBe("Jun–Aug");
    expect(SEASONS[days.season[at("2023-11-30")]!]).toBe("Sep–Nov");
    expect(SEASONS[days.season[at("2023-12-01")]!]).toBe("Dec–Feb");
    expect(days.dayType[at("2023-01-07")]).toBe("weekend");
    expect(days.dayType[at("2023-07-04")]).toBe("holiday");
    expect(days.dayType[at("2023-07-05")]).toBe("weekday");
    expect(days.slopes.map((s) => s.season)).toEqual(SEASONS);
    days.slopes.forEach((s, k) => {
      // weekends and holidays sit off the line: only working days are fitted
      expect(s.mwPerC).toBeCloseTo(SLOPES[k]!, 6);
      expect(s.interceptMw).toBeCloseTo(5000, 4);
      expect(s.days).toBeGreaterThan(50);
      expect(s.minC).toBeLessThan(s.maxC);
    });
    const k = at("2023-06-20");
    expect(days.meanMw[k]).toBeCloseTo(5000 + 300 * days.temperatureC[k]!, 6);
  });

  test("temperatureLoadDays leaves out days with too few hours or no temperature", () => {
    const series = year();
    const holed = concatRows(sliceRows(series, 0, 24 * 10 + 12), sliceRows(series, 24 * 11));
    const t = Float64Array.from(holed.columns.temperatureC as Float64Array);
    t.fill(Number.NaN, 24 * 20 - 12, 24 * 21 - 12); // 2023-01-21, after the 12 missing hours
    const days = temperatureLoadDays(
      createLoadSeries(holed.columns.timeUtcMs, holed.columns.loadMw, { temperatureC: t }),
    );
    expect(days.date).not.toContain("2023-01-11");
    expect(days.date).toContain("2023-01-12");
    expect(days.date).not.toContain("2023-01-21");
    expect(days.date.length).toBe(365 - 1 - 1);
  });

  test("temperatureLoadDays gives NaN slopes for a season with fewer than 10 working days", () => {
    const days = temperatureLoadDays(sliceRows(year(), 0, 24 * 20), { timeZone: "UTC" });
    expect(days.slopes[0]!.mwPerC).toBeCloseTo(-100, 6);
    expect(days.slopes[1]!.days).toBe(0);
    expect(days.slopes[1]!.mwPerC).toBeNaN();
  });

  test("temperatureLoadDays(series without temperature) is an InputError", () => {
    const series = year();
    const load = createLoadSeries(series.columns.timeUtcMs, series.columns.loadMw);
    expect(() => temperatureLoadDays(load)).toThrow(InputError);
    expect(() => temperatureLoadDays(load)).toThrow(/no day with a temperature: 0 days/);
  });
});
