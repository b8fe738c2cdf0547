/**
 * SQLite source (better-sqlite3): streams a table or query row by row with `.iterate()`.
 * Input: `sqlite:///abs/path.db?table=load`, `sqlite:relative/path.db?table=load` or
 * `…?query=SELECT …`. Time values may be ISO text (with or without an offset), epoch seconds
 * or epoch milliseconds; text without an offset is wall time in `timeZone`.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { InputError, SourceError } from "../../errors.js";
import { packageRoot } from "../../util/package-root.js";
import type { ExtractResult } from "./extract-result.js";
import { pickSqlColumns, rowPolicy, SqlRowCollector, type SqlExtractOptions } from "./sql-rows.js";

/** Options of `extractSqlite`: the shared database options. */
export type ExtractSqliteOptions = SqlExtractOptions;

interface Statement {
  columns(): { name: string; type: string | null }[];
  iterate(...params: unknown[]): IterableIterator<Record<string, unknown>>;
  safeIntegers(on: boolean): Statement;
}
interface Database {
  prepare(sql: string): Statement;
  close(): void;
}
type DatabaseClass = new (
  path: string,
  options: { readonly: boolean; fileMustExist: boolean },
) => Database;

/** A parsed `sqlite:` input. */
export interface SqliteTarget {
  path: string;
  sql: string;
  describe: string;
}

/** Splits `uri` into a database path and the SQL to stream; throws InputError. */
export function parseSqliteUri(uri: string, query?: string): SqliteTarget {
  const m = /^sqlite:(?:\/\/)?([^?#]+)(?:\?([^#]*))?$/i.exec(uri);
  if (!m)
    throw new InputError(
      `SQLite URI malformed: "${uri}" (expected sqlite:///path/to.db?table=name)`,
    );
  const params = new URLSearchParams(m[2] ?? "");
  const table = params.get("table");
  const sql =
    query ?? params.get("query") ?? (table === null ? undefined : `SELECT * FROM ${quote(table)}`);
  if (sql === undefined) {
    throw new InputError(
      `SQLite source needs a table or query: "${uri}" (expected ?table=name, ?query=SELECT… or --query)`,
    );
  }
  const fromTable = query === undefined && !params.has("query");
  return {
    path: decodeURIComponent(m[1]!),
    sql,
    describe: fromTable ? `table ${table}` : `query ${sql.replace(/\s+/g, " ").slice(0, 120)}`,
  };
}

/** Streams the table or query named by `uri` into an ExtractResult; bad rows are quarantined. */
export function extractSqlite(
  uri: string,
  options: ExtractSqliteOptions = {},
): Promise<ExtractResult> {
  const target = parseSqliteUri(uri, options.query);
  const Sqlite = createRequire(join(packageRoot(), "package.json"))(
    "better-sqlite3",
  ) as DatabaseClass;
  const where = `${target.path} ${target.describe}`;
  let db: Database;
  try {
    db = new Sqlite(target.path, { readonly: true, fileMustExist: true });
  } catch (error) {
    return Promise.reject(
      new SourceError(
        "sqlite",
        `SQLite database unreadable: ${target.path} (expected an existing SQLite file): ${String(error)}`,
        {
          location: target.path,
          cause: error,
        },
      ),
    );
  }
  try {
    const statement = db.prepare(target.sql).safeIntegers(true);
    const columns = pickSqlColumns(
      statement.columns().map((c) => ({ name: c.name, kind: kindOf(c.type) })),
      options,
      where,
    );
    const collector = new SqlRowCollector({ source: where, ...columns, ...rowPolicy(options) });
    for (const row of statement.iterate(...(options.params ?? []))) {
      collector.add(row);
      if ((collector.rowsRead & 0xffff) === 0) options.onProgress?.(collector.rowsRead, 0);
    }
    options.onProgress?.(collector.rowsRead, 0);
    return Promise.resolve(collector.finish({ kind: "sqlite", location: where }));
  } catch (error) {
    if (error instanceof InputError || error instanceof SourceError) return Promise.reject(error);
    return Promise.reject(
      new SourceError(
        "sqlite",
        `SQLite query failed: ${error instanceof Error ? error.message : String(error)} (expected ${target.describe} to be readable) at ${target.path}`,
        {
          location: target.path,
          cause: error,
        },
      ),
    );
  } finally {
    db.close();
  }
}

function kindOf(declared: string | null): "time" | "number" | "other" {
  const t = (declared ?? "").toUpperCase();
  if (/DATE|TIME/.test(t)) return "time";
  if (/INT|REAL|FLOA|DOUB|NUM|DEC/.test(t)) return "number";
  return "other";
}

function quote(table: string): string {
  return table
    .split(".")
    .map((p) => `"${p.replace(/"/g, '""')}"`)
    .join(".");
}
