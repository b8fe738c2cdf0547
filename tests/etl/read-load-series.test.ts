import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLoadSeries, isValidationError } from "../../src/index.js";
import { writeFileAtomic } from "../../src/effects.js";
import { writeGeneratedData } from "../../src/generate/write-generated-data.js";
import { describeWithSharedData, sharedDataFile } from "../helpers/shared-data.js";

const iso = (ms: number) => new Date(ms).toISOString();

function stampsBetween(t: Float64Array, from: string, to: string): string[] {
  const a = Date.parse(from);
  const b = Date.parse(to);
  const out: string[] = [];
  for (const v of t) if (v >= a && v <= b) out.push(iso(v));
  return out;
}

describeWithSharedData("readLoadSeries on the real PJM files", () => {
  it("readLoadSeries(PJME, hour-ending New York) gives interval starts in UTC around both DST changes", async () => {
    const { series, quality, quarantine } = await readLoadSeries(
      sharedDataFile("PJME_hourly.csv"),
      {
        tz: "America/New_York",
        hourEnding: true,
      },
    );
    const t = series.columns.timeUtcMs;
    const load = series.columns.loadMw;
    // "07-11-2010 01:00" (hour 00:00-01:00 EDT) starts 04:00Z; "03:00" (02:00-03:00 EST) starts
    // 07:00Z; the repeated 01:00 hour is absent from the file, so 05:00Z and 06:00Z are missing.
    expect(stampsBetween(t, "2010-11-07T02:00:00Z", "2010-11-07T08:00:00Z")).toEqual([
      "2010-11-07T02:00:00.000Z",
      "2010-11-07T03:00:00.000Z",
      "2010-11-07T04:00:00.000Z",
      "2010-11-07T07:00:00.000Z",
      "2010-11-07T08:00:00.000Z",
    ]);
    const at = (s: string) => load[t.indexOf(Date.parse(s))];
    expect(at("2010-11-07T04:00:00Z")).toBe(25558); // 07-11-2010 01:00
    expect(at("2010-11-07T07:00:00Z")).toBe(24015); // 07-11-2010 03:00
    expect(at("2010-11-07T03:00:00Z")).toBe(26881); // 07-11-2010 00:00 = HE24 of 6 Nov
    // Spring forward: "13-03-2011 02:00" (01:00-02:00 EST) starts 06:00Z, "04:00" (03:00-04:00 EDT)
    // starts 07:00Z: no gap.
    expect(stampsBetween(t, "2011-03-13T04:00:00Z", "2011-03-13T08:00:00Z")).toEqual([
      "2011-03-13T04:00:00.000Z",
      "2011-03-13T05:00:00.000Z",
      "2011-03-13T06:00:00.000Z",
      "2011-03-13T07:00:00.000Z",
      "2011-03-13T08:00:00.000Z",
    ]);
    expect(at("2011-03-13T06:00:00Z")).toBe(24199);
    expect(at("2011-03-13T07:00:00Z")).toBe(23711);
    // 2014: the repeated "02-11-2014 02:00" is EDT first (05:00Z), EST second (06:00Z).
    expect(at("2014-11-02T05:00:00Z")).toBe(22935);
    expect(at("2014-11-02T06:00:00Z")).toBe(23755);
    for (let i = 1; i < t.length; i++) expect(t[i]! > t[i - 1]!).toBe(true);
    expect(iso(t[0]!)).toBe("2002-01-01T05:00:00.000Z");
    expect(quality.rowsRead).toBe(145366);
    expect(quality.rowsWritten + quality.rowsQuarantined + quality.duplicatesMerged).toBe(145366);
    expect(quarantine).toEqual([]);
    expect(quality.reconciled).toBe(true);
    const codes = Object.fromEntries(quality.findings.map((f) => [f.code, f.count]));
    expect(codes["dst-repeat-resolved"]).toBe(4);
    expect(codes["dst-fall-back-missing"]).toBe(12);
    expect(codes["dst-spring-forward"]).toBe(17);
    expect(codes.unsorted).toBeGreaterThan(0);
    // 12 fall-back gaps of 2 h plus one ordinary missing hour
    expect(quality.gaps.length).toBe(13);
    expect(codes.gaps).toBe(25);
  });

  it("readLoadSeries(DOM) flags the implausible 1,253 MW reading without changing it", async () => {
    const { series } = await readLoadSeries(sharedDataFile("DOM_hourly.csv"), {
      tz: "America/New_York",
      hourEnding: true,
    });
    const i = series.columns.loadMw.indexOf(1253);
    expect(iso(series.columns.timeUtcMs[i]!)).toBe("2009-12-12T04:00:00.000Z");
    expect((series.columns.outlier as Uint8Array)[i]).toBe(1);
  });

  it("readLoadSeries(NI) reads DD/MM/YY H:mm stamps with CRLF", async () => {
    const { series, quality } = await readLoadSeries(sharedDataFile("NI_hourly.csv"), {
      tz: "America/New_York",
      hourEnding: true,
    });
    expect(quality.rowsWritten).toBe(58450);
    expect(iso(series.columns.timeUtcMs[0]!)).toBe("2004-05-01T04:00:00.000Z");
    const codes = quality.findings.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(["crlf", "two-digit-year", "timestamp-format"]));
    expect(quality.findings.find((f) => f.code === "timestamp-format")!.message).toMatch(
      /DD\/MM\/YY time/,
    );
  });

  it("readLoadSeries(OPSD daily) reads M/D/YYYY dates and reports the empty and unnamed columns", async () => {
    const { series, quality } = await readLoadSeries(sharedDataFile("opsd_germany_daily.csv"), {
      valueColumn: "Consumption",
    });
    expect(series.length).toBe(4383);
    expect(quality.intervalMinutes).toBe(1440);
    expect(iso(series.columns.timeUtcMs[0]!)).toBe("2006-01-01T00:00:00.000Z");
    expect(series.columns.loadMw[0]).toBe(1069.184);
    const codes = Object.fromEntries(quality.findings.map((f) => [f.code, f.count]));
    expect(codes["trailing-separators"]).toBe(6);
    expect(codes["empty-cells"]).toBe(3);
    expect(quality.findings.find((f) => f.code === "timestamp-format")!.message).toMatch(
      /MM\/DD\/YYYY/,
    );
  });
});

describe("readLoadSeries on generated and small inputs", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pf-read-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("readLoadSeries(generated ALPHA, hour-beginning) resolves the repeated 01:00 hour and has no gaps", async () => {
    await writeGeneratedData(
      dir,
      { start: "2021-11-06", days: 3, zones: [{ name: "ALPHA", baseMw: 12000 }] },
      { writeFileAtomic },
    );
    const { series, quality } = await readLoadSeries(join(dir, "ALPHA_hourly.csv"), {
      tz: "America/New_York",
    });
    expect(series.length).toBe(73); // 3 local days with one 25-hour day
    expect(quality.gaps).toEqual([]);
    expect(iso(series.columns.timeUtcMs[0]!)).toBe("2021-11-06T04:00:00.000Z");
    expect(
      stampsBetween(series.columns.timeUtcMs, "2021-11-07T04:00:00Z", "2021-11-07T07:00:00Z"),
    ).toEqual([
      "2021-11-07T04:00:00.000Z",
      "2021-11-07T05:00:00.000Z",
      "2021-11-07T06:00:00.000Z",
      "2021-11-07T07:00:00.000Z",
    ]);
    expect(quality.findings.find((f) => f.code === "dst-repeat-resolved")!.count).toBe(1);
  });

  it("readLoadSeries(weather_hourly.csv) reads ISO UTC stamps", async () => {
    const { series } = await readLoadSeries(join(dir, "weather_hourly.csv"), { outliers: "none" });
    expect(series.length).toBe(73);
    expect(iso(series.columns.timeUtcMs[0]!)).toBe("2021-11-06T04:00:00.000Z");
  });

  it("readLoadSeries(temperature column) keeps negative values; load columns quarantine them", async () => {
    const path = join(dir, "cold.csv");
    await writeFile(
      path,
      "time_utc,temperature_c\n2024-01-01T00:00:00Z,-5.5\n2024-01-01T01:00:00Z,-6\n",
    );
    const cold = await readLoadSeries(path, { outliers: "none" });
    expect(Array.from(cold.series.columns.loadMw)).toEqual([-5.5, -6]);
    const load = join(dir, "negative-load.csv");
    await writeFile(load, "time_utc,load_mw\n2024-01-01T00:00:00Z,-5.5\n2024-01-01T01:00:00Z,6\n");
    const r = await readLoadSeries(load, { outliers: "none" });
    expect(r.quarantine.map((q) => q.reason)).toEqual([
      'load negative: "-5.5" (expected ≥ 0; pass allowNegative for net load)',
    ]);
  });

  it("readLoadSeries(duplicates) merges by mean, first, last and fails on fail", async () => {
    const path = join(dir, "dups.csv");
    await writeFile(
      path,
      "time,load\n2024-01-01T00:00Z,10\n2024-01-01T01:00Z,20\n2024-01-01T01:00Z,40\n2024-01-01T02:00Z,5\n",
    );
    const load = async (duplicates: "mean" | "first" | "last") =>
      Array.from(
        (await readLoadSeries(path, { duplicates, outliers: "none" })).series.columns.loadMw,
      );
    expect(await load("mean")).toEqual([10, 30, 5]);
    expect(await load("first")).toEqual([10, 20, 5]);
    expect(await load("last")).toEqual([10, 40, 5]);
    const mean = await readLoadSeries(path, { outliers: "none" });
    expect(mean.quality.duplicatesMerged).toBe(1);
    expect(Array.from(mean.series.columns.duplicateMerged as Uint8Array)).toEqual([0, 1, 0]);
    const error = await readLoadSeries(path, { duplicates: "fail" }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/duplicate timestamps: 1 stamps/);
  });

  it("readLoadSeries(ambiguous day/month) fails asking for the timestamp format", async () => {
    const path = join(dir, "ambiguous.csv");
    await writeFile(path, "Datetime,MW\n01/02/2020 00:00,1\n02/03/2020 00:00,2\n");
    await expect(readLoadSeries(path)).rejects.toThrow(/ambiguous.*--timestamp-format/);
    const { series } = await readLoadSeries(path, {
      timestampFormat: "MM/DD/YYYY HH:mm",
      outliers: "none",
    });
    expect(Array.from(series.columns.timeUtcMs, iso)).toEqual([
      "2020-01-02T00:00:00.000Z",
      "2020-02-03T00:00:00.000Z",
    ]);
  });
});
