import { describe, expect, it } from "vitest";
import { LocalToUtc, newWallTimeResolution } from "../../../src/etl/transform/local-to-utc.js";
import { isInputError } from "../../../src/errors.js";

const wall = (iso: string) => Date.parse(`${iso}Z`);
const iso = (ms: number) => (Number.isNaN(ms) ? "NaN" : new Date(ms).toISOString());

function resolve(zone: string, local: string): [string, string, string] {
  const r = new LocalToUtc(zone).resolve(wall(local), newWallTimeResolution());
  return [r.kind, iso(r.earlierUtcMs), iso(r.laterUtcMs)];
}

describe("LocalToUtc", () => {
  it("resolve(New York) classifies normal, repeated and skipped wall times", () => {
    expect(resolve("America/New_York", "2010-11-07T00:00:00")).toEqual([
      "normal",
      "2010-11-07T04:00:00.000Z",
      "2010-11-07T04:00:00.000Z",
    ]);
    expect(resolve("America/New_York", "2010-11-07T01:30:00")).toEqual([
      "ambiguous",
      "2010-11-07T05:30:00.000Z",
      "2010-11-07T06:30:00.000Z",
    ]);
    expect(resolve("America/New_York", "2010-11-07T02:00:00")).toEqual([
      "normal",
      "2010-11-07T07:00:00.000Z",
      "2010-11-07T07:00:00.000Z",
    ]);
    // a skipped wall time comes with the instant it names by the offset before the jump
    expect(resolve("America/New_York", "2011-03-13T02:30:00")).toEqual([
      "nonexistent",
      "2011-03-13T07:30:00.000Z",
      "2011-03-13T07:30:00.000Z",
    ]);
    expect(resolve("America/New_York", "2011-03-13T03:00:00")).toEqual([
      "normal",
      "2011-03-13T07:00:00.000Z",
      "2011-03-13T07:00:00.000Z",
    ]);
  });

  it("resolve(Berlin, Lord Howe, Kathmandu) handles other offsets and half-hour DST", () => {
    expect(resolve("Europe/Berlin", "2021-10-31T02:15:00")).toEqual([
      "ambiguous",
      "2021-10-31T00:15:00.000Z",
      "2021-10-31T01:15:00.000Z",
    ]);
    expect(resolve("Europe/Berlin", "2021-03-28T02:15:00")[0]).toBe("nonexistent");
    // Sao Paulo skipped midnight: the skipped 00:00 names the transition, 03:00Z (01:00 -02)
    expect(resolve("America/Sao_Paulo", "2018-11-04T00:00:00")).toEqual([
      "nonexistent",
      "2018-11-04T03:00:00.000Z",
      "2018-11-04T03:00:00.000Z",
    ]);
    // Lord Howe shifts by 30 minutes: 02:00 → 02:30 in October.
    expect(resolve("Australia/Lord_Howe", "2021-10-03T02:15:00")[0]).toBe("nonexistent");
    expect(resolve("Australia/Lord_Howe", "2021-10-03T02:45:00")).toEqual([
      "normal",
      "2021-10-02T15:45:00.000Z",
      "2021-10-02T15:45:00.000Z",
    ]);
    expect(resolve("Asia/Kathmandu", "2021-06-01T00:00:00")).toEqual([
      "normal",
      "2021-05-31T18:15:00.000Z",
      "2021-05-31T18:15:00.000Z",
    ]);
  });

  it("offsetAt(UTC instant) gives the zone's offset on both sides of a change", () => {
    const ny = new LocalToUtc("America/New_York");
    expect(ny.offsetAt(Date.parse("2010-11-07T05:59:00Z"))).toBe(-240);
    expect(ny.offsetAt(Date.parse("2010-11-07T06:00:00Z"))).toBe(-300);
    expect(new LocalToUtc("UTC").offsetAt(0)).toBe(0);
  });

  it("new LocalToUtc(unknown zone) throws InputError naming it", () => {
    let error: unknown;
    try {
      new LocalToUtc("Mars/Olympus");
    } catch (e) {
      error = e;
    }
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toMatch(/invalid time zone: "Mars\/Olympus"/);
  });
});
