/**
 * PostgreSQL source: streams a table or query through a server-side cursor (`pg-cursor`), so
 * memory stays flat however many rows the query returns. Input:
 * `postgres://user@host:5432/db?table=public.load` or `…?query=SELECT …` (URL-encoded), or the
 * `query` option. timestamptz → UTC ms; timestamp without time zone is wall time in
 * `timeZone`; numeric/int8 arrive as text and are parsed without loss of sign or scale.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Client as PgClient, ClientConfig, FieldDef } from "pg";
import { InputError, SourceError } from "../../errors.js";
import { packageRoot } from "../../util/package-root.js";
import type { ExtractResult } from "./extract-result.js";
import { redactSecrets } from "../../util/redact-secrets.js";
import { pickSqlColumns, rowPolicy, SqlRowCollector, type SqlExtractOptions } from "./sql-rows.js";

/** Options of `extractPostgres`: the shared database options plus the cursor batch size. */
export interface ExtractPostgresOptions extends SqlExtractOptions {
  /** rows fetched per cursor read; default 10,000 */
  batchSize?: number;
}

const TIME_OIDS = new Set([1082, 1114, 1184]);
const NUMBER_OIDS = new Set([20, 21, 23, 700, 701, 1700]);
// Parsed by us, not by pg: pg would read `timestamp` in the machine's zone and round numerics.
const RAW_TEXT_OIDS = new Set([20, 1082, 1114, 1184, 1700]);

interface CursorLike {
  read(rows: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}
type CursorClass = new (text: string, values?: unknown[]) => CursorLike;
interface PgModule {
  Client: new (config: ClientConfig) => PgClient;
  types: { getTypeParser(oid: number, format?: string): (text: string) => unknown };
}

/** Streams the table or query named by `uri` into an ExtractResult; bad rows are quarantined. */
export async function extractPostgres(
  uri: string,
  options: ExtractPostgresOptions = {},
): Promise<ExtractResult> {
  const target = parsePostgresUri(uri, options.query);
  const req = createRequire(join(packageRoot(), "package.json"));
  const pg = req("pg") as PgModule;
  const Cursor = req("pg-cursor") as CursorClass;
  const client = new pg.Client({
    connectionString: target.connectionString,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        RAW_TEXT_OIDS.has(oid)
          ? (text: string) => text
          : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  const fail = (problem: string, error: unknown) =>
    new SourceError(
      "postgres",
      `PostgreSQL ${problem}: ${message(error)} (expected ${target.describe} to be readable) at ${target.safeUrl}`,
      {
        location: target.safeUrl,
        cause: error,
      },
    );
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw fail("connection failed", error);
  }
  try {
    await client.query("SET TIME ZONE 'UTC'");
    const probe = await client
      .query(`SELECT * FROM (${target.sql}) AS powerflow_probe LIMIT 0`, options.params)
      .catch((error: unknown) => {
        throw fail("query failed", error);
      });
    const columns = pickSqlColumns(probe.fields.map(fieldKind), options, target.describe);
    const collector = new SqlRowCollector({
      source: target.describe,
      ...columns,
      ...rowPolicy(options),
    });
    const cursor = client.query(
      new Cursor(target.sql, options.params) as never,
    ) as unknown as CursorLike;
    const batch = options.batchSize ?? 10_000;
    try {
      for (;;) {
        const rows = await cursor.read(batch);
        for (const row of rows) collector.add(row);
        options.onProgress?.(collector.rowsRead, 0);
        if (rows.length < batch) break;
      }
    } catch (error) {
      throw fail(`cursor read failed after ${collector.rowsRead} rows`, error);
    } finally {
      await cursor.close().catch(() => undefined);
    }
    return collector.finish({ kind: "postgres", location: `${target.safeUrl} ${target.describe}` });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A parsed `postgres://` input. */
export interface PostgresTarget {
  /** what pg connects with (password included) */
  connectionString: string;
  /** the URL without password, secret parameters (password, sslpassword, …) or PowerFlow's own */
  safeUrl: string;
  sql: string;
  /** `table public.load` or `query SELECT …` */
  describe: string;
}

/** Splits `uri` into a connection string and the SQL to stream; throws InputError. */
export function parsePostgresUri(uri: string, query?: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(uri);
  } catch (error) {
    throw new InputError(
      `PostgreSQL URI malformed: "${redactSecrets(uri)}" (expected postgres://user@host:port/db?table=name)`,
      { cause: error },
    );
  }
  if (!/^postgres(ql)?:$/.test(url.protocol)) {
    throw new InputError(
      `PostgreSQL URI scheme unknown: "${url.protocol}" (expected postgres: or postgresql:)`,
    );
  }
  const table = url.searchParams.get("table");
  const urlQuery = url.searchParams.get("query");
  const fromTable = query === undefined && urlQuery === null && table !== null;
  const sql =
    query ?? urlQuery ?? (table === null ? undefined : `SELECT * FROM ${quoteTable(table)}`);
  for (const key of ["table", "query"]) url.searchParams.delete(key);
  if (sql === undefined) {
    throw new InputError(
      `PostgreSQL source needs a table or query: "${redactSecrets(uri)}" (expected ?table=name, ?query=SELECT… or --query)`,
    );
  }
  const safe = new URL(url.href);
  safe.password = "";
  return {
    connectionString: url.href,
    safeUrl: redactSecrets(safe.href),
    sql: sql.trim().replace(/;\s*$/, ""),
    describe: fromTable ? `table ${table}` : `query ${sql.replace(/\s+/g, " ").slice(0, 120)}`,
  };
}

function quoteTable(table: string): string {
  const parts = table.split(".");
  if (parts.length > 2 || parts.some((p) => p.length === 0)) {
    throw new InputError(
      `PostgreSQL table name malformed: "${table}" (expected name or schema.name)`,
    );
  }
  return parts.map((p) => `"${p.replace(/"/g, '""')}"`).join(".");
}

function fieldKind(field: FieldDef): { name: string; kind: "time" | "number" | "other" } {
  const kind = TIME_OIDS.has(field.dataTypeID)
    ? "time"
    : NUMBER_OIDS.has(field.dataTypeID)
      ? "number"
      : "other";
  return { name: field.name, kind };
}

function message(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}
