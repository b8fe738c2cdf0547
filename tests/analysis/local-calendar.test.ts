import { describe, expect, test } from "vitest";
import {
  formatLocalTime,
  isoDate,
  localCalendar,
  localMidnightUtc,
} from "../../src/analysis/local-calendar.js";
import { InputError } from "../../src/errors.js";
import { zonedParts } from "../../src/util/zoned-time.js";

describe("localCalendar", () => {
  test("localCalendar(stamps, New York) follows the spring-forward and fall-back hours", () => {
    const stamps = [
      "2021-03-14T06:00:00Z",
      "2021-03-14T07:00:00Z",
      "2021-11-07T05:00:00Z",
      "2021-11-07T06:00:00Z",
    ].map((s) => Date.parse(s));
    const cal = localCalendar(stamps, "America/New_York");
    expect(Array.from(cal.hour)).toEqual([1, 3, 1, 1]);
    expect(Array.from(cal.offsetMinutes)).toEqual([-300, -240, -240, -300]);
    expect(Array.from(cal.day)).toEqual([14, 14, 7, 7]);
    expect(Array.from(cal.weekday)).toEqual([0, 0, 0, 0]);
  });

  test.each([
    "America/New_York",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "UTC",
  ])("localCalendar(every hour of 2021, %s) matches Intl field by field", (zone) => {
    const t0 = Date.UTC(2021, 0, 1);
    const stamps = Array.from({ length: 8760 }, (_, i) => t0 + i * 3_600_000 + 30 * 60_000);
    const cal = localCalendar(stamps, zone);
    const mismatches = stamps.filter((t, i) => {
      const p = zonedParts(t, zone);
      return (
        p.year !== cal.year[i] ||
        p.month !== cal.month[i] ||
        p.day !== cal.day[i] ||
        p.hour !== cal.hour[i] ||
        p.minute !== cal.minute[i] ||
        p.weekday !== cal.weekday[i]
      );
    });
    expect(mismatches).toEqual([]);
  });

  test("localCalendar(stamps, unknown zone) throws InputError naming the zone", () => {
    expect(() => localCalendar([0], "Mars/Olympus")).toThrow(InputError);
    expect(() => localCalendar([0], "Mars/Olympus")).toThrow(/unknown time zone: "Mars\/Olympus"/);
  });

  test("isoDate(dayNumber) formats local day counts before and after 1970 and leap days", () => {
    expect(isoDate(0)).toBe("1970-01-01");
    expect(isoDate(-1)).toBe("1969-12-31");
    expect(isoDate(11_016)).toBe("2000-02-29");
    expect(isoDate(19_723)).toBe("2024-01-01");
  });

  test("localMidnightUtc(day, zone) is the first instant of the local date, also on DST days", () => {
    const day = Date.UTC(2021, 2, 14) / 86_400_000;
    expect(new Date(localMidnightUtc(day, "America/New_York")).toISOString()).toBe(
      "2021-03-14T05:00:00.000Z",
    );
    expect(new Date(localMidnightUtc(day + 1, "America/New_York")).toISOString()).toBe(
      "2021-03-15T04:00:00.000Z",
    );
    expect(formatLocalTime(Date.parse("2021-03-14T07:00:00Z"), "America/New_York")).toBe(
      "2021-03-14 03:00",
    );
  });
});
