import { expect, test } from "vitest";
import { dayTypeProfile } from "../../src/analysis/day-type-profile.js";
import { hourWeekdayProfile } from "../../src/analysis/hour-weekday-profile.js";
import { monthlyProfile } from "../../src/analysis/monthly-profile.js";
import { publicHolidays } from "../../src/analysis/public-holidays.js";
import { InputError } from "../../src/errors.js";
import { zonedParts } from "../../src/util/zoned-time.js";
import { hourlyFrom } from "./hourly-series.js";

const NY = "America/New_York";

test("hourWeekdayProfile(two weeks) averages each (local weekday, hour) cell, Monday first", () => {
  // Mon 2021-06-07 00:00 EDT = 04:00Z; load = 10 × local hour + weekday index (Mon = 0) + 1000 × week.
  const series = hourlyFrom("2021-06-07T04:00:00Z", 24 * 14, (t, i) => {
    const p = zonedParts(t, NY);
    return 10 * p.hour + ((p.weekday + 6) % 7) + 1000 * Math.floor(i / 168);
  });
  const profile = hourWeekdayProfile(series, { timeZone: NY });
  expect(profile.weekdays[0]).toBe("Mon");
  expect(profile.meanMw[0]![0]).toBe(500);
  expect(profile.meanMw[6]![23]).toBe(236 + 500);
  expect(profile.count[3]![12]).toBe(2);
});

test("monthlyProfile(series) gives mean, p10, p90 and mean daily peak per local month", () => {
  // June 2021 (UTC): each day loads 0..23 MW by hour, so the daily peak is 23 and the mean 11.5.
  const series = hourlyFrom("2021-06-01T00:00:00Z", 24 * 30, (_, i) => i % 24);
  const rows = monthlyProfile(series, { timeZone: "UTC" });
  expect(rows).toHaveLength(12);
  expect(rows[5]).toMatchObject({
    month: 6,
    label: "Jun",
    meanMw: 11.5,
    meanDailyPeakMw: 23,
    count: 720,
  });
  expect(rows[5]!.p10Mw).toBeCloseTo(2, 12);
  expect(rows[5]!.p90Mw).toBeCloseTo(21, 12);
  expect(rows[0]!.meanMw).toBeNaN();
});

test("dayTypeProfile(a week with New Year's Day) separates working days, weekend and the holiday", () => {
  // Mon 2020-12-28 … Sun 2021-01-03 in UTC; Fri 2021-01-01 is a US public holiday.
  const series = hourlyFrom("2020-12-28T00:00:00Z", 24 * 7, (t) => {
    const p = zonedParts(t, "UTC");
    if (p.month === 1 && p.day === 1) return 60;
    return p.weekday === 0 || p.weekday === 6 ? 80 : 100;
  });
  const profile = dayTypeProfile(series, { timeZone: "UTC", holidayCountry: "US" });
  expect(profile.curves.map((c) => [c.dayType, c.meanMw, c.days])).toEqual([
    ["weekday", 100, 4],
    ["weekend", 80, 2],
    ["holiday", 60, 1],
  ]);
  expect(profile.weekendVsWeekdayPct).toBe(-20);
  expect(profile.holidayVsWeekdayPct).toBe(-40);
  expect(profile.curves[2]!.hourlyMeanMw[12]).toBe(60);
});

test("publicHolidays(country) lists public holidays by date and rejects unknown countries", () => {
  const us = publicHolidays("US", 2021, 2021);
  expect(us.get("2021-07-05")).toBe("Independence Day (substitute day)");
  expect(us.has("2021-02-14")).toBe(false);
  expect(publicHolidays("DE-BY", 2021, 2021).get("2021-01-06")).toBe("Heilige Drei Könige");
  expect(() => publicHolidays("XX", 2021, 2021)).toThrow(InputError);
});
