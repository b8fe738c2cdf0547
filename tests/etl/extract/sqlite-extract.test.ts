import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, SourceError } from "../../../src/errors.js";
import { extractSqlite, parseSqliteUri } from "../../../src/etl/extract/sqlite-extract.js";
import { Database } from "../../helpers/sqlite.js";

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "powerflow-sqlite-"));
  file = join(dir, "load.db");
  const db = new Database(file);
  db.exec(`
    CREATE TABLE load (time_utc TEXT, load_mw REAL, zone TEXT);
    INSERT INTO load VALUES
      ('2024-06-01T00:00:00Z', 10.5, 'A'),
      ('2024-06-01 03:00:00+02:00', 11, 'A'),
      ('2024-06-01T02:00', 12, 'A'),
      ('not a time', 13, 'A'),
      ('2024-02-30 00:00', 14, 'A'),
      ('2024-06-01T04:00:00Z', NULL, 'A'),
      ('2024-06-01T05:00:00Z', 'twelve', 'A'),
      ('2024-06-01T06:00:00Z', -1, 'A');
    CREATE TABLE epoch (t INTEGER, mw INTEGER);
    INSERT INTO epoch VALUES (1717200000, 5), (1717203600000, 6), (9007199254740993, 7);
  `);
  const insert = db.prepare("INSERT INTO epoch VALUES (?, ?)");
  db.transaction(() => {
    for (let i = 0; i < 70_000; i++) insert.run(1_000_000_000 + i * 60, i);
  })();
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("extractSqlite", () => {
  it("extractSqlite(sqlite://file?table=load) reads ISO text with and without offsets and quarantines bad rows", async () => {
    const result = await extractSqlite(`sqlite://${file}?table=load`, {
      timeZone: "Europe/Berlin",
    });
    expect(Array.from(result.frame.columns.timeUtcMs as Float64Array)).toEqual([
      Date.UTC(2024, 5, 1, 0),
      Date.UTC(2024, 5, 1, 1),
      Date.UTC(2024, 5, 1, 0), // 02:00 wall time in Berlin (CEST, +02)
    ]);
    expect(Array.from(result.frame.columns.loadMw as Float64Array)).toEqual([10.5, 11, 12]);
    expect(result.quarantine.map((q) => [q.line, q.reason.replace(/:.*/, "")])).toEqual([
      [4, "time_utc not a timestamp"],
      [5, "time_utc not a calendar time"],
      [6, "load_mw not a number"],
      [7, "load_mw not a number"],
      [8, "load_mw negative"],
    ]);
    expect(JSON.parse(result.quarantine[0]!.raw)).toEqual({
      time_utc: "not a time",
      load_mw: 13,
      zone: "A",
    });
    expect(result.rowsRead).toBe(8);
    expect(result.source).toEqual({ kind: "sqlite", location: `${file} table load` });
  });

  it("extractSqlite reads epoch seconds and ms, quarantines out-of-range 64-bit stamps, and reports progress", async () => {
    const progress: number[] = [];
    const result = await extractSqlite(`sqlite:${file}`, {
      query: "SELECT t, mw FROM epoch WHERE mw < ? OR rowid <= 3",
      params: [70_000],
      onProgress: (rows) => progress.push(rows),
    });
    const t = result.frame.columns.timeUtcMs as Float64Array;
    expect(t[0]).toBe(Date.UTC(2024, 5, 1, 0));
    expect(t[1]).toBe(Date.UTC(2024, 5, 1, 1));
    expect(t[2]).toBe(1_000_000_000_000);
    expect(result.frame.length).toBe(70_002);
    expect(result.quarantine[0]!.reason).toMatch(
      /^t not a timestamp: "9007199254740993" \(expected epoch/,
    );
    expect(progress).toEqual([65_536, 70_003]);
  });

  it("extractSqlite fails clearly on a missing file, a bad query and an unknown column", async () => {
    await expect(extractSqlite(`sqlite://${dir}/nope.db?table=load`)).rejects.toThrow(SourceError);
    await expect(extractSqlite(`sqlite://${file}?table=nope`)).rejects.toThrow(
      /SQLite query failed: no such table: nope/,
    );
    await expect(
      extractSqlite(`sqlite://${file}?table=load`, { timeColumn: "when" }),
    ).rejects.toThrow(
      /time column not found in .* table load: "when" \(expected one of time_utc, load_mw, zone\)/,
    );
  });

  it("parseSqliteUri(uri) accepts relative and absolute paths and needs a table or query", () => {
    expect(parseSqliteUri("sqlite:data/x.db?query=SELECT%201")).toMatchObject({
      path: "data/x.db",
      sql: "SELECT 1",
    });
    expect(parseSqliteUri("sqlite:///tmp/x.db?table=t")).toMatchObject({
      path: "/tmp/x.db",
      sql: 'SELECT * FROM "t"',
    });
    expect(() => parseSqliteUri("sqlite:///tmp/x.db")).toThrow(InputError);
  });
});
