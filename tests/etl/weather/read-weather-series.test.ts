import { copyFile, mkdir, mkdtemp, readFile, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, ValidationError } from "../../../src/errors.js";
import { readWeatherSeries } from "../../../src/etl/weather/read-weather-series.js";
import { normalizeWeatherConfig } from "../../../src/etl/weather/weather-config.js";
import { describeWithSharedData, sharedDataFile } from "../../helpers/shared-data.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "weather");
const iso = (ms: number) => new Date(ms).toISOString();
const round = (v: number) => Math.round(v * 1000) / 1000;
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-weather-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function at(series: Awaited<ReturnType<typeof readWeatherSeries>>, stamp: string): number {
  const i = series.frame.columns.timeUtcMs.indexOf(Date.parse(stamp));
  return round(series.frame.columns.temperatureC[i]!);
}

describe("readWeatherSeries (files)", () => {
  it("readWeatherSeries(ISD-Lite, plain and .gz) fills the short gap, reports the long one, reconciles", async () => {
    const plain = join(FIXTURES, "724050-13743-2015");
    const gz = join(dir, "724050-13743-2015.gz");
    await writeFile(gz, gzipSync(await readFile(plain)));
    const a = await readWeatherSeries(plain);
    const b = await readWeatherSeries(gz);
    expect(Array.from(b.frame.columns.temperatureC)).toEqual(
      Array.from(a.frame.columns.temperatureC),
    );
    expect(a.frame.length).toBe(25);
    expect(at(a, "2015-01-01T05:00:00Z")).toBe(-5.3); // (−5.0 + −5.6) / 2, interpolated
    expect(a.frame.columns.temperatureFilled[5]).toBe(1);
    expect(Number.isNaN(a.frame.columns.temperatureC[15]!)).toBe(true);
    const s = a.report.stations[0]!;
    expect(s).toMatchObject({
      name: "724050-13743-2015",
      formats: [{ format: "isd-lite", by: "file name" }],
      rowsRead: 17,
      missingValues: 1,
      hoursObserved: 16,
      hoursFilled: 1,
      hoursMissing: 8,
      reconciled: true,
    });
    expect(s.longGaps[0]).toMatchObject({ afterUtc: "2015-01-01T11:00:00.000Z", missing: 8 });
    expect(a.report.findings.map((f) => f.code)).toEqual([
      "weather-source",
      "weather-missing-values",
      "weather-filled",
      "weather-gaps",
    ]);
    expect(b.report.stations[0]!.files[0]!.bytes).toBeLessThan(s.files[0]!.bytes);
  });

  it("readWeatherSeries(station-year files by glob or {year}) joins them and averages the shared stamp", async () => {
    const folder = join(dir, "isd");
    await mkdir(folder);
    await copyFile(join(FIXTURES, "724050-13743-2015"), join(folder, "724050-13743-2015"));
    const next = "2015 01 02 00   -10   -70\n2015 01 02 01   -12   -72\n";
    await writeFile(join(folder, "724050-13743-2016"), next);
    const glob = await readWeatherSeries(join(folder, "724050-13743-*"));
    expect(glob.report.stations[0]!.files).toHaveLength(2);
    expect(glob.report.stations[0]!.duplicatesMerged).toBe(1);
    expect(at(glob, "2015-01-02T00:00:00Z")).toBe(-0.8);
    expect(at(glob, "2015-01-02T01:00:00Z")).toBe(-1.2);
    const range = {
      startUtcMs: Date.parse("2015-03-01T00:00Z"),
      endUtcMs: Date.parse("2016-02-01T00:00Z"),
    };
    const years = await readWeatherSeries(join(folder, "724050-13743-{year}"), { range });
    expect(years.report.stations[0]!.files.map((f) => f.location.slice(-4))).toEqual([
      "2015",
      "2016",
    ]);
    await expect(readWeatherSeries(join(folder, "724050-13743-{year}"))).rejects.toThrow(
      /weather input has \{year\} but no period to fill it/,
    );
  });

  it("readWeatherSeries(format given) overrides the name; a corrupt .gz names the file", async () => {
    const renamed = join(dir, "station.csv");
    await copyFile(join(FIXTURES, "724050-13743-2015"), renamed);
    const w = await readWeatherSeries(renamed, { format: "isd-lite", unit: "F" });
    expect(w.report.stations[0]!.formats[0]).toMatchObject({ format: "isd-lite", by: "given" });
    expect(w.report.findings.find((f) => f.code === "weather-unit-ignored")?.message).toMatch(
      /unit F ignored for isd-lite: its values are in °C/,
    );
    expect(w.frame.columns.temperatureC[0]).toBe(-2.8);
    const broken = join(dir, "724050-13743-2014.gz");
    await writeFile(broken, gzipSync(Buffer.from("2014 01 01 00   -28\n")).subarray(0, 15));
    await expect(readWeatherSeries(broken)).rejects.toThrow(
      /weather file gzip data corrupt: .*724050-13743-2014\.gz \(expected a complete \.gz file\)/,
    );
  });

  it("readWeatherSeries(Meteostat bulk file) reads °C in UTC and interpolates the empty hour", async () => {
    const w = await readWeatherSeries(join(FIXTURES, "72405.csv"));
    expect(w.report.stations[0]!.formats[0]).toMatchObject({ format: "meteostat", by: "content" });
    expect(at(w, "2015-01-01T02:00:00Z")).toBe(-3.85);
    expect(w.report.stations[0]!.missingValues).toBe(1);
  });

  it("readWeatherSeries(KDCA excerpt, °F, America/New_York) drops the spring-forward 02:00, takes the lone fall-back 01:00 as daylight time", async () => {
    const w = await readWeatherSeries(join(FIXTURES, "kdca-dst-excerpt.csv"), {
      unit: "F",
      tz: "America/New_York",
    });
    const s = w.report.stations[0]!;
    expect(s).toMatchObject({
      column: "temp_dca",
      conversion: "°F → °C: (x − 32) × 5/9",
      timeZone: "America/New_York",
      rowsRead: 13,
      nonexistentLocalDropped: 1,
      ambiguousLocalFirst: 1,
      missingValues: 1,
      rowsQuarantined: 1,
      reconciled: true,
    });
    expect(w.quarantine[0]).toMatchObject({
      line: 4,
      reason: expect.stringMatching(/^local time does not exist: "2011-03-13 02:00:00"/) as string,
    });
    // 01:00 EST (06:00Z) then 03:00 EDT (07:00Z): the skipped hour leaves no gap
    expect(at(w, "2011-03-13T06:00:00Z")).toBe(round(((46.9 - 32) * 5) / 9));
    expect(at(w, "2011-03-13T07:00:00Z")).toBe(10);
    // the lone 01:00 on 6 Nov is 05:00Z (EDT); 06:00Z (the missing 01:00 EST) is interpolated
    const i = w.frame.columns.timeUtcMs.indexOf(Date.parse("2011-11-06T05:00:00Z"));
    expect(round(w.frame.columns.temperatureC[i]!)).toBe(round(((39.45 - 32) * 5) / 9));
    expect(w.frame.columns.dstAmbiguous[i]).toBe(1);
    expect(w.frame.columns.temperatureFilled[i + 1]).toBe(1);
    expect(at(w, "2011-11-06T07:00:00Z")).toBe(round(((37.9 - 32) * 5) / 9));
    expect(w.report.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining([
        "weather-unit",
        "weather-local-time",
        "weather-dst-nonexistent",
        "weather-dst-ambiguous",
      ]),
    );
  });

  it("readWeatherSeries(CSV in kelvin stamped in UTC) picks the only numeric column", async () => {
    const path = join(dir, "zone-k.csv");
    await writeFile(
      path,
      "valid_time,station,t2m\n2020-06-01T00:00:00Z,X,293.15\n2020-06-01T01:00:00Z,X,294.15\n",
    );
    const w = await readWeatherSeries(path, { unit: "K" });
    expect(w.report.stations[0]).toMatchObject({
      column: "t2m",
      timeZone: "UTC",
      conversion: "K → °C: x − 273.15",
    });
    expect(Array.from(w.frame.columns.temperatureC, round)).toEqual([20, 21]);
  });

  it("readWeatherSeries(CSV with several numeric columns) needs a temp* name or --weather-column, listing the candidates", async () => {
    const path = join(dir, "many.csv");
    await writeFile(path, "time,price,load,temp_a,temp_b\n2020-01-01 00:00,1,2,3,4\n");
    await expect(readWeatherSeries(path)).rejects.toThrow(ValidationError);
    await expect(readWeatherSeries(path)).rejects.toThrow(
      /weather column ambiguous: 4 numeric columns, 2 named like a temperature \(temp\*, t2m, tmp, tas, tair\) in .*many\.csv \(expected --weather-column NAME, one of "price", "load", "temp_a", "temp_b"\)/,
    );
    await expect(readWeatherSeries(path, { column: "temp" })).rejects.toThrow(
      /weather column missing: "temp" in .*many\.csv[\s\S]*line 1, column header/,
    );
    expect(
      (await readWeatherSeries(path, { column: "temp_b" })).frame.columns.temperatureC[0],
    ).toBe(4);
    const none = join(dir, "none.csv");
    await writeFile(none, "time,where\n2020-01-01 00:00,here\n");
    await expect(readWeatherSeries(none)).rejects.toThrow(/weather CSV has no numeric column/);
  });

  it("readWeatherSeries names the file, line and column of a bad row and refuses data with no temperature", async () => {
    const path = join(dir, "bad.csv");
    await writeFile(
      path,
      "time,temp\n2020-01-01 00:00,1\n2020-01-01 01:00,warm\n2020-13-01 02:00,3\n",
    );
    const w = await readWeatherSeries(path);
    expect(w.quarantine.map((q) => [q.source, q.line, q.reason.split(":")[0]])).toEqual([
      [path, 3, "value not a number"],
      [path, 4, "timestamp date invalid"],
    ]);
    const empty = join(dir, "empty.csv");
    await writeFile(empty, "time,temp\n2020-01-01 00:00,\n2020-01-01 01:00,\n");
    await expect(readWeatherSeries(empty, { column: "temp" })).rejects.toThrow(
      /CSV has no parsable rows[\s\S]*line 2: value missing/,
    );
    await expect(readWeatherSeries(join(dir, "absent.csv"))).rejects.toThrow(InputError);
  });

  it("readWeatherSeries(stations with weights) averages by weight and records each station's coverage", async () => {
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    await writeFile(
      a,
      "time,temp\n2020-01-01 00:00,10\n2020-01-01 01:00,10\n2020-01-01 02:00,10\n",
    );
    await writeFile(b, "time,temp\n2020-01-01 01:00,20\n2020-01-01 02:00,20\n");
    const w = await readWeatherSeries({
      stations: [
        { input: a, name: "north", weight: 1 },
        { input: b, name: "south", weight: 3 },
      ],
    });
    expect(Array.from(w.frame.columns.temperatureC)).toEqual([10, 17.5, 17.5]);
    expect(w.report.combine).toBe("weighted mean");
    expect(w.report.hoursPartial).toBe(1);
    expect(w.report.stations.map((s) => [s.name, s.weight, round(s.coverage)])).toEqual([
      ["north", 1, 1],
      ["south", 3, 0.667],
    ]);
    expect(w.report.findings.at(-1)).toMatchObject({ code: "weather-stations", count: 2 });
    const mean = await readWeatherSeries([a], {});
    expect(mean.report.combine).toBe("single station");
  });
});

describe("normalizeWeatherConfig", () => {
  it("normalizeWeatherConfig sets every default and lets stations inherit the top level", () => {
    const c = normalizeWeatherConfig({
      unit: "f",
      tz: "America/New_York",
      stations: ["x.csv", { input: "y.csv", unit: "K", weight: 2 }],
    });
    expect(c).toMatchObject({
      heatingBaseC: 18,
      coolingBaseC: 22,
      maxFillHours: 6,
      minC: -60,
      maxC: 60,
      maxDaysPerRequest: 366,
    });
    expect(c.stations.map((s) => [s.name, s.unit, s.timeZone, s.weight, s.format])).toEqual([
      ["x", "F", "America/New_York", 1, "auto"],
      ["y", "K", "America/New_York", 2, "auto"],
    ]);
  });

  it("normalizeWeatherConfig rejects unknown keys, bad units, weights and formats by key", () => {
    expect(() => normalizeWeatherConfig({ input: "x", colour: 1 })).toThrow(/key "colour" unknown/);
    expect(() => normalizeWeatherConfig({ input: "x", unit: "R" })).toThrow(
      /key "unit" invalid: "R" \(expected C, F, K\)/,
    );
    expect(() => normalizeWeatherConfig({ stations: [{ input: "x", weight: 0 }] })).toThrow(
      /key "stations\.0\.weight" invalid: 0/,
    );
    expect(() => normalizeWeatherConfig({ input: "x", format: "grib" })).toThrow(
      /expected auto, isd-lite, meteostat, open-meteo, csv/,
    );
    expect(() => normalizeWeatherConfig({ input: "x", stations: ["y"] })).toThrow(
      /either input or stations/,
    );
    expect(() => normalizeWeatherConfig({})).toThrow(/key "input" missing/);
  });
});

describeWithSharedData("readWeatherSeries on the real KDCA file", () => {
  it("readWeatherSeries(KDCA_weather_2011_2016.csv) reports 6 nonexistent and 6 lone fall-back stamps, 40 empty values and one 7-hour gap", async () => {
    const w = await readWeatherSeries(sharedDataFile("KDCA_weather_2011_2016.csv"), {
      unit: "F",
      tz: "America/New_York",
      column: "temp_dca",
    });
    const s = w.report.stations[0]!;
    expect(s).toMatchObject({
      rowsRead: 52_560,
      nonexistentLocalDropped: 6,
      ambiguousLocalFirst: 6,
      missingValues: 40,
      implausible: 0,
      hoursFilled: 39,
      hoursMissing: 7,
      reconciled: true,
    });
    expect(s.longGaps.map((g) => [g.afterUtc, g.missing])).toEqual([
      ["2012-06-30T09:00:00.000Z", 7],
    ]);
    expect(w.report.firstUtc).toBe("2011-01-03T05:00:00.000Z");
    expect(iso(w.frame.columns.timeUtcMs[w.frame.length - 1]!)).toBe("2017-01-01T04:00:00.000Z");
  });
});
