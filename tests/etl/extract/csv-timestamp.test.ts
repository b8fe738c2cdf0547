import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractCsv } from "../../../src/etl/extract/csv-extract.js";
import { newStampParts, parseStamp } from "../../../src/etl/extract/csv-timestamp.js";
import { parseTimestampFormat } from "../../../src/etl/extract/timestamp-format.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-ts-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stamps(
  body: string,
  options: Parameters<typeof extractCsv>[1] = {},
): Promise<string[]> {
  const path = join(dir, `t${Math.abs(body.length * 31 + body.charCodeAt(0))}.csv`);
  await writeFile(path, `time,value\n${body}`);
  const r = await extractCsv(path, options);
  return Array.from(r.frame.columns.timeUtcMs as Float64Array, (t) => new Date(t).toISOString());
}

describe("timestamp parsing", () => {
  it("parseStamp accepts the supported layouts and rejects garbage", () => {
    const p = newStampParts();
    expect(parseStamp("2004-12-31 01:00:00", p) && [p.layout, p.year, p.a, p.b, p.msOfDay]).toEqual(
      ["year-first", 2004, 12, 31, 3_600_000],
    );
    expect(parseStamp("31/12/04 1:00", p) && [p.layout, p.year, p.a, p.b]).toEqual([
      "year-last-2",
      2004,
      31,
      12,
    ]);
    expect(parseStamp("1/1/2006", p) && [p.layout, p.dateOnly]).toEqual(["year-last-4", true]);
    expect(parseStamp("2024-06-01T00", p) && p.msOfDay).toBe(0);
    expect(parseStamp("2024-06-01T12:30:15.250+05:45", p) && [p.msOfDay, p.offsetMinutes]).toEqual([
      45_015_250, 345,
    ]);
    for (const bad of [
      "",
      "2024-06-01X",
      "2024-06-01 25:00",
      "12:00",
      "hello",
      "2024/06/01/02",
      "2024-06-01T10:00+99:00",
    ]) {
      expect(parseStamp(bad, p)).toBe(false);
    }
  });

  it("parseTimestampFormat reads names and patterns", () => {
    expect(parseTimestampFormat("DD-MM-YYYY HH:mm")).toBe("dmy");
    expect(parseTimestampFormat("M/D/YYYY")).toBe("mdy");
    expect(parseTimestampFormat("YYYY-MM-DD")).toBe("ymd");
    expect(parseTimestampFormat("epoch-ms")).toBe("epoch-ms");
    expect(() => parseTimestampFormat("whenever")).toThrow(/invalid timestamp format: "whenever"/);
  });

  it("extractCsv reads ISO with offsets, epoch seconds and epoch milliseconds to the same instants", async () => {
    const expected = ["2024-01-01T00:00:00.000Z", "2024-01-01T01:00:00.000Z"];
    expect(await stamps("2024-01-01T01:00:00+01:00,1\n2024-01-01T01:00:00Z,2\n")).toEqual(expected);
    expect(await stamps("1704067200,1\n1704070800,2\n")).toEqual(expected);
    expect(await stamps("1704067200000,1\n1704070800000,2\n")).toEqual(expected);
  });

  it("extractCsv decides day-first from a later row and keeps file order", async () => {
    expect(
      await stamps("01/02/2020 00:00,1\n13/02/2020 00:00,2\n", { timestampFormat: "auto" }),
    ).toEqual(["2020-02-01T00:00:00.000Z", "2020-02-13T00:00:00.000Z"]);
  });

  it("extractCsv(New York) flags a lone fall-back stamp and quarantines a skipped spring-forward one", async () => {
    const path = join(dir, "dst.csv");
    await writeFile(
      path,
      "time,value\n2021-11-07 00:30,1\n2021-11-07 01:30,2\n2021-11-07 02:30,3\n2021-03-14 02:30,4\n",
    );
    const r = await extractCsv(path, { timeZone: "America/New_York" });
    expect(
      Array.from(r.frame.columns.timeUtcMs as Float64Array, (t) => new Date(t).toISOString()),
    ).toEqual(["2021-11-07T04:30:00.000Z", "2021-11-07T05:30:00.000Z", "2021-11-07T07:30:00.000Z"]);
    expect(Array.from(r.frame.columns.dstAmbiguous as Uint8Array)).toEqual([0, 1, 0]);
    expect(r.quarantine).toEqual([
      {
        source: path,
        line: 5,
        raw: "2021-03-14 02:30,4",
        reason:
          'local time does not exist: "2021-03-14 02:30" (skipped by the spring-forward change in America/New_York)',
      },
    ]);
    expect(r.findings.map((f) => [f.code, f.count])).toEqual(
      expect.arrayContaining([
        ["dst-ambiguous", 1],
        ["dst-nonexistent", 1],
      ]),
    );
  });

  it("extractCsv quarantines epoch stamps outside a date's range and overlong digit runs", async () => {
    const path = join(dir, "epoch-range.csv");
    await writeFile(
      path,
      `time,value\n1700000000000,1\n99999999999999999999,2\n${"9".repeat(300_000)},3\n1700003600000,4\n`,
    );
    const r = await extractCsv(path);
    expect(Array.from(r.frame.columns.timeUtcMs as Float64Array)).toEqual([
      1_700_000_000_000, 1_700_003_600_000,
    ]);
    expect(r.quarantine.map((q) => q.line)).toEqual([3, 4]);
    expect(r.quarantine[0]!.reason).toBe(
      'timestamp out of range: "99999999999999999999" (expected epoch-ms within ±8.64e15 ms of 1970, the range of a date)',
    );
    expect(r.quarantine[1]!.reason).toMatch(
      /^timestamp unparsable: "9{200}" \(expected like "1700000000000"\)$/,
    );
  });

  it("extractCsv reads day.month.year stamps (SMARD, German locales)", async () => {
    expect(
      await stamps("01.04.2024 00:00,1\n31.12.2024 23:45,2\n", { timeZone: "Europe/Berlin" }),
    ).toEqual(["2024-03-31T22:00:00.000Z", "2024-12-31T22:45:00.000Z"]);
  });

  it("extractCsv(Sao Paulo) reads a date whose midnight the clock skipped as the day's first instant", async () => {
    expect(
      await stamps("2018-11-03,1\n2018-11-04,2\n2018-11-05,3\n", { timeZone: "America/Sao_Paulo" }),
    ).toEqual(["2018-11-03T03:00:00.000Z", "2018-11-04T03:00:00.000Z", "2018-11-05T02:00:00.000Z"]);
  });

  it("extractCsv quarantines impossible dates once the order is known", async () => {
    const path = join(dir, "invalid.csv");
    await writeFile(path, "time,value\n31-04-2020 00:00,1\n30-04-2020 00:00,2\n");
    const r = await extractCsv(path);
    expect(r.frame.length).toBe(1);
    expect(r.quarantine[0]).toMatchObject({
      line: 2,
      reason: expect.stringMatching(/^timestamp date invalid: "31-04-2020 00:00"/) as unknown,
    });
  });
});
