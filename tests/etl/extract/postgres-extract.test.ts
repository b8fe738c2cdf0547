import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, SourceError } from "../../../src/errors.js";
import { extractPostgres, parsePostgresUri } from "../../../src/etl/extract/postgres-extract.js";
import {
  postgresSkipReason,
  startPglite,
  startPostgresCluster,
  useExternalPostgres,
  EXTERNAL_POSTGRES_URL,
  type TestPostgres,
} from "../../helpers/postgres.js";

const SEED = `
  CREATE TABLE load (ts timestamptz, load_mw numeric(12,3), note text);
  INSERT INTO load VALUES
    ('2024-06-01 00:00:00+00', 100.5, 'ok'),
    ('2024-06-01 02:00:00+02', 101.25, 'offset +02 = 00:00Z'),
    ('2024-06-01 02:00:00+00', NULL, 'missing value'),
    ('2024-06-01 03:00:00+00', -5, 'negative'),
    ('2024-06-01 04:00:00+00', 'NaN', 'nan'),
    (NULL, 7, 'missing time'),
    ('2024-06-01 05:00:00.250+00', 123456789.125, 'fraction');
  CREATE TABLE local_load (stamp timestamp, mw double precision);
  INSERT INTO local_load VALUES
    ('2010-11-07 00:30', 1), ('2010-11-07 01:30', 2), ('2011-03-13 02:30', 3), ('2011-03-13 03:30', 4);
  CREATE TABLE big AS SELECT timestamptz '2024-01-01 00:00+00' + (i || ' hours')::interval AS t, i::float8 AS v
    FROM generate_series(1, 2500) AS i;
`;

const withTable = (url: string, table: string) =>
  `${url}${url.includes("?") ? "&" : "?"}table=${table}`;

/** The same cases against any server the helper started. */
function cases(name: string, start: () => Promise<TestPostgres>, skip: string | undefined): void {
  describe.skipIf(skip !== undefined)(
    `extractPostgres on ${name}${skip ? ` (skipped: ${skip})` : ""}`,
    () => {
      let db: TestPostgres;
      beforeAll(async () => {
        db = await start();
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        await client.query(SEED);
        await client.end();
      }, 120_000);
      afterAll(async () => db?.stop());

      it("extractPostgres(?table=load) converts timestamptz to UTC ms and quarantines bad rows", async () => {
        const result = await extractPostgres(withTable(db.url, "load"));
        expect(Array.from(result.frame.columns.timeUtcMs as Float64Array)).toEqual([
          Date.UTC(2024, 5, 1, 0),
          Date.UTC(2024, 5, 1, 0),
          Date.UTC(2024, 5, 1, 5, 0, 0, 250),
        ]);
        expect(Array.from(result.frame.columns.loadMw as Float64Array)).toEqual([
          100.5, 101.25, 123456789.125,
        ]);
        expect(Array.from(result.frame.columns.line as Int32Array)).toEqual([1, 2, 7]);
        expect(result.rowsRead).toBe(7);
        expect(result.quarantine.map((q) => [q.line, q.reason.split(":")[0]])).toEqual([
          [3, "load_mw not a number"],
          [4, "load_mw negative"],
          [5, "load_mw not a number"],
          [6, "ts not a timestamp"],
        ]);
        expect(JSON.parse(result.quarantine[1]!.raw)).toMatchObject({
          load_mw: "-5.000",
          note: "negative",
        });
        expect(result.source).toMatchObject({ kind: "postgres" });
        expect(result.source.location).toMatch(/table load$/);
      });

      it("extractPostgres reads timestamp without time zone as wall time in timeZone (DST)", async () => {
        const result = await extractPostgres(db.url, {
          query: "SELECT stamp, mw FROM local_load ORDER BY stamp",
          timeZone: "America/New_York",
        });
        expect(Array.from(result.frame.columns.timeUtcMs as Float64Array)).toEqual([
          Date.UTC(2010, 10, 7, 4, 30),
          Date.UTC(2010, 10, 7, 5, 30), // 01:30 repeats: the earlier (EDT) instant, flagged
          Date.UTC(2011, 2, 13, 7, 30),
        ]);
        expect(Array.from(result.frame.columns.dstAmbiguous as Uint8Array)).toEqual([0, 1, 0]);
        expect(result.quarantine[0]!.reason).toMatch(
          /^stamp skipped by DST in America\/New_York: "2011-03-13 02:30:00"/,
        );
      });

      it("extractPostgres streams a query with parameters through the cursor in batches", async () => {
        const progress: number[] = [];
        const result = await extractPostgres(db.url, {
          query: "SELECT t, v FROM big WHERE v > $1 ORDER BY t",
          params: [100],
          batchSize: 1000,
          onProgress: (rows) => progress.push(rows),
        });
        expect(result.frame.length).toBe(2400);
        expect(progress).toEqual([1000, 2000, 2400]);
        expect((result.frame.columns.timeUtcMs as Float64Array)[0]).toBe(
          Date.UTC(2024, 0, 1, 0) + 101 * 3_600_000,
        );
        expect((result.frame.columns.loadMw as Float64Array)[2399]).toBe(2500);
      });

      it("extractPostgres names the missing table, and the columns when one is missing", async () => {
        await expect(extractPostgres(withTable(db.url, "nope"))).rejects.toThrow(
          /PostgreSQL query failed: relation "nope" does not exist/,
        );
        await expect(
          extractPostgres(db.url, { query: "SELECT * FROM load", valueColumn: "mw" }),
        ).rejects.toThrow(
          /value column not found in query SELECT \* FROM load: "mw" \(expected one of ts, load_mw, note\)/,
        );
      });
    },
  );
}

cases("a real PostgreSQL cluster (initdb + pg_ctl)", startPostgresCluster, postgresSkipReason());
cases("embedded PGlite over a socket", startPglite, undefined);
cases(
  "the server at POWERFLOW_TEST_DATABASE_URL (CI's service container)",
  useExternalPostgres,
  EXTERNAL_POSTGRES_URL === undefined ? "POWERFLOW_TEST_DATABASE_URL is not set" : undefined,
);

describe("extractPostgres without a server", () => {
  it("extractPostgres(unreachable) is a SourceError without the password", async () => {
    const error = await extractPostgres(
      "postgres://me:hunter22@127.0.0.1:1/db?table=t&connect_timeout=2",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/PostgreSQL connection failed/);
    expect((error as Error).message).not.toContain("hunter22");
  });

  it("parsePostgresUri(uri) quotes table names and requires a table or query", () => {
    expect(parsePostgresUri("postgres://u:p@h/db?table=public.load&sslmode=disable")).toEqual({
      connectionString: "postgres://u:p@h/db?sslmode=disable",
      safeUrl: "postgres://u@h/db?sslmode=disable",
      sql: 'SELECT * FROM "public"."load"',
      describe: "table public.load",
    });
    expect(() => parsePostgresUri("postgres://h/db")).toThrow(InputError);
    expect(() => parsePostgresUri("postgres://h/db?table=a.b.c")).toThrow(/table name malformed/);
  });
});
