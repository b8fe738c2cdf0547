import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors.js";
import { parseIsdLite } from "../../../src/etl/weather/isd-lite.js";
import { parseMeteostatCsv } from "../../../src/etl/weather/meteostat-csv.js";
import { parseOpenMeteoJson } from "../../../src/etl/weather/open-meteo.js";
import { formatByContent, formatByName } from "../../../src/etl/weather/weather-format.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "weather");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const file = (location: string) => ({ location, sha256: "", bytes: 0, rowsRead: 0 });
const iso = (ms: number) => new Date(ms).toISOString();

describe("parseIsdLite", () => {
  it("parseIsdLite(ISD-Lite file) reads tenths of °C at UTC hours and counts −9999 as missing", () => {
    const raw = parseIsdLite(fixture("724050-13743-2015"), file("724050-13743-2015"));
    expect(raw).toMatchObject({ format: "isd-lite", unit: "C", timeZone: "UTC", rowsRead: 17 });
    expect(raw.missingValues).toBe(1);
    expect(raw.frame.length).toBe(16);
    expect(iso(raw.frame.columns.timeUtcMs[0]!)).toBe("2015-01-01T00:00:00.000Z");
    expect(Array.from(raw.frame.columns.value.subarray(0, 3))).toEqual([-2.8, -3.3, -3.9]);
    expect(raw.frame.columns.line[5]).toBe(7); // hour 05 (line 6) is missing
    expect(raw.files[0]!.rowsRead).toBe(17);
  });

  it("parseIsdLite quarantines a malformed line with file, line and what was expected", () => {
    const text =
      "2015 01 01 00   -28   -88\n2015 13 01 01   -33   -93\n2015-01-01 02 x\n2015 01 01 03   ab4\n";
    const raw = parseIsdLite(text, file("s.txt"));
    expect(raw.frame.length).toBe(1);
    expect(raw.quarantine.map((q) => [q.source, q.line])).toEqual([
      ["s.txt", 2],
      ["s.txt", 3],
      ["s.txt", 4],
    ]);
    expect(raw.quarantine[0]!.reason).toMatch(/^ISD-Lite date invalid: "2015 13 01 01"/);
    expect(raw.quarantine[1]!.reason).toMatch(
      /^ISD-Lite line malformed: .*expected "YYYY MM DD HH"/,
    );
    expect(raw.quarantine[2]!.reason).toMatch(
      /air temperature \(positions 14-19\) not a number: " {3}ab4"/,
    );
  });

  it("parseIsdLite(a file that is not ISD-Lite) throws ValidationError naming file, line and column", () => {
    const call = () => parseIsdLite("time,temp\n2015-01-01,3\n", file("w.csv"));
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(
      /ISD-Lite file has no readable lines: w\.csv[\s\S]*w\.csv, line 1, column air temperature/,
    );
  });
});

describe("parseMeteostatCsv", () => {
  it("parseMeteostatCsv(bulk file without header) reads the documented column order in UTC", () => {
    const raw = parseMeteostatCsv(fixture("72405.csv"), file("72405.csv"));
    expect(raw).toMatchObject({ format: "meteostat", unit: "C", column: "temp", rowsRead: 7 });
    expect(raw.missingValues).toBe(1);
    expect(Array.from(raw.frame.columns.value)).toEqual([-2.8, -3.3, -4.4, -5, -5.6, -5.6]);
    expect(iso(raw.frame.columns.timeUtcMs[2]!)).toBe("2015-01-01T03:00:00.000Z");
  });

  it("parseMeteostatCsv(file with a header) reads the columns by name", () => {
    const text = "time,temp,dwpt\n2015-01-01 00:00:00,1.5,0\n2015-01-01 01:00:00,,0\n";
    const raw = parseMeteostatCsv(text, file("h.csv"));
    expect(Array.from(raw.frame.columns.value)).toEqual([1.5]);
    expect(raw.missingValues).toBe(1);
    const split = "date,hour,temp\n2015-01-01,23,-1\n";
    expect(iso(parseMeteostatCsv(split, file("d.csv")).frame.columns.timeUtcMs[0]!)).toBe(
      "2015-01-01T23:00:00.000Z",
    );
  });

  it("parseMeteostatCsv quarantines bad dates, hours and values; a file of none throws", () => {
    const text = "2015-02-30,1,3\n2015-01-01,24,3\n2015-01-01,1,warm\n2015-01-01,2,4\n2015-01-01\n";
    const raw = parseMeteostatCsv(text, file("m.csv"));
    expect(raw.frame.length).toBe(1);
    expect(raw.quarantine.map((q) => q.reason.split(":")[0])).toEqual([
      "date invalid",
      "hour invalid",
      "value not a number",
      "row too short",
    ]);
    expect(() => parseMeteostatCsv("2015-01-01,x,1\n", file("m.csv"))).toThrow(
      /Meteostat file has no readable rows: m\.csv[\s\S]*m\.csv, line 1, column date, hour, temp/,
    );
    expect(() => parseMeteostatCsv("stamp,value\nx,1\n", file("n.csv"))).toThrow(
      /Meteostat header lacks columns: n\.csv/,
    );
  });
});

describe("parseOpenMeteoJson", () => {
  it("parseOpenMeteoJson(local ISO times, °F) resolves the repeated fall-back hour in order", () => {
    const raw = parseOpenMeteoJson(fixture("open-meteo-new-york.json"), file("om.json"));
    expect(raw).toMatchObject({ unit: "F", timeZone: "America/New_York", missingValues: 1 });
    expect(raw.fallBackRepeatsResolved).toBe(1);
    expect(raw.ambiguousLocal).toBe(0);
    expect(Array.from(raw.frame.columns.timeUtcMs, iso)).toEqual([
      "2015-11-01T04:00:00.000Z",
      "2015-11-01T05:00:00.000Z",
      "2015-11-01T06:00:00.000Z",
      "2015-11-01T08:00:00.000Z",
      "2015-11-01T09:00:00.000Z",
    ]);
    expect(Array.from(raw.frame.columns.dstAmbiguous)).toEqual([0, 0, 0, 0, 0]);
  });

  it("parseOpenMeteoJson drops a nonexistent local time and keeps a lone fall-back hour as the first", () => {
    const body = {
      timezone: "America/New_York",
      hourly: {
        time: ["2015-03-08T01:00", "2015-03-08T02:00", "2015-03-08T03:00", "2015-11-01T01:00"],
        temperature_2m: [1, 2, 3, 4],
      },
    };
    const raw = parseOpenMeteoJson(JSON.stringify(body), file("om.json"));
    expect(raw.nonexistentLocal).toBe(1);
    expect(raw.quarantine[0]!.reason).toMatch(/^local time does not exist: "2015-03-08T02:00"/);
    expect(raw.ambiguousLocal).toBe(1);
    expect(iso(raw.frame.columns.timeUtcMs[2]!)).toBe("2015-11-01T05:00:00.000Z");
    expect(raw.frame.columns.dstAmbiguous[2]).toBe(1);
  });

  it("parseOpenMeteoJson(a body without hourly temperatures) throws ValidationError naming the field", () => {
    expect(() => parseOpenMeteoJson("<html>", file("u"))).toThrow(
      /Open-Meteo response not a JSON object: u \(expected JSON\)/,
    );
    const short = JSON.stringify({ hourly: { time: [1, 2], temperature_2m: [1] } });
    expect(() => parseOpenMeteoJson(short, file("u"))).toThrow(
      /found hourly\.time 2 values, hourly\.temperature_2m 1 values[\s\S]*column hourly\.temperature_2m/,
    );
    const kelvin = JSON.stringify({
      hourly_units: { temperature_2m: "K" },
      hourly: { time: [0], temperature_2m: [1] },
    });
    expect(() => parseOpenMeteoJson(kelvin, file("u"))).toThrow(/unit unknown: "K"/);
  });
});

describe("weather format rule", () => {
  it("formatByName picks by flag, then URL, then file name; formatByContent decides the rest", () => {
    expect(formatByName("x.csv", "isd-lite")).toEqual({ format: "isd-lite", by: "given" });
    expect(formatByName("https://archive-api.open-meteo.com/v1/archive?latitude=1")?.format).toBe(
      "open-meteo",
    );
    expect(formatByName("http://127.0.0.1:9/v1/archive?latitude=1")?.format).toBe("open-meteo");
    expect(formatByName("https://www.ncei.noaa.gov/pub/data/noaa/isd-lite/2015/x.gz")?.format).toBe(
      "isd-lite",
    );
    expect(formatByName("https://bulk.meteostat.net/v2/hourly/72405.csv.gz")?.format).toBe(
      "meteostat",
    );
    expect(formatByName("data/724050-13743-2015.gz")).toEqual({
      format: "isd-lite",
      by: "file name",
    });
    expect(formatByName("data/om.json")?.format).toBe("open-meteo");
    expect(formatByName("data/weather.csv")).toBeUndefined();
    const head = (s: string) => new TextEncoder().encode(s);
    expect(formatByContent(head(fixture("724050-13743-2015"))).format).toBe("isd-lite");
    expect(formatByContent(head(fixture("72405.csv"))).format).toBe("meteostat");
    expect(formatByContent(head(' {"hourly": {}}')).format).toBe("open-meteo");
    expect(formatByContent(head(fixture("kdca-dst-excerpt.csv")))).toEqual({
      format: "csv",
      by: "content",
    });
  });
});
