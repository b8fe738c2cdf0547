import { expect, test } from "vitest";
import { recentSplit } from "../../src/analysis/recent-split.js";
import { sampleRows } from "../../src/analysis/sample-rows.js";
import { selectPeriod } from "../../src/analysis/select-period.js";
import { zoneLabel } from "../../src/analysis/zone-label.js";
import { InputError } from "../../src/errors.js";
import { hourlyFrom } from "./hourly-series.js";

const series = hourlyFrom("2021-03-13T05:00:00Z", 24 * 4, (_, i) => i); // from 2021-03-13 00:00 EST

test("selectPeriod(series, start, end) keeps whole local days, inclusive, across spring-forward", () => {
  const day = selectPeriod(series, {
    start: "2021-03-14",
    end: "2021-03-14",
    timeZone: "America/New_York",
  });
  expect(day.length).toBe(23);
  expect(new Date(day.columns.timeUtcMs[0]!).toISOString()).toBe("2021-03-14T05:00:00.000Z");
  expect(selectPeriod(series, { timeZone: "America/New_York" }).length).toBe(96);
  expect(
    selectPeriod(series, { start: "2021-03-15", timeZone: "America/New_York" }).columns.loadMw[0],
  ).toBe(47);
});

test("selectPeriod(bad dates) throws InputError", () => {
  expect(() => selectPeriod(series, { start: "2021-02-30" })).toThrow(
    /invalid start date: "2021-02-30"/,
  );
  expect(() => selectPeriod(series, { start: "2021-03-15", end: "2021-03-14" })).toThrow(
    InputError,
  );
});

test("sampleRows(series, size, seed) is reproducible, sorted and without repeats", () => {
  const a = sampleRows(series, { size: 10, seed: 7 });
  const b = sampleRows(series, { size: 10, seed: 7 });
  const values = Array.from(a.columns.loadMw);
  expect(values).toEqual(Array.from(b.columns.loadMw));
  expect(values).toEqual([...values].sort((x, y) => x - y));
  expect(new Set(values).size).toBe(10);
  expect(Array.from(sampleRows(series, { size: 10, seed: 8 }).columns.loadMw)).not.toEqual(values);
  expect(sampleRows(series, { size: 1000 })).toBe(series);
  expect(() => sampleRows(series, { size: 0 })).toThrow(InputError);
});

test("recentSplit(series, days) is the first of the last whole local days", () => {
  expect(recentSplit(series, { days: 2, timeZone: "America/New_York" })).toBe("2021-03-15");
  expect(recentSplit(series, { days: 1, timeZone: "UTC" })).toBe("2021-03-16");
});

test("zoneLabel(input, zone) prefers the zone, else the file name without _hourly and extensions", () => {
  expect(zoneLabel("../shared/data/PJME_hourly.csv")).toBe("PJME");
  expect(zoneLabel("data/x/load.csv.gz", "")).toBe("load");
  expect(zoneLabel("a.csv", " NYC ")).toBe("NYC");
});
