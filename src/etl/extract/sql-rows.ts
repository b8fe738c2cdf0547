/**
 * Row conversion shared by the database sources: a row object from PostgreSQL or SQLite becomes
 * a UTC instant and a value, or a quarantined row with its JSON text and the reason. Stamps with
 * an offset (timestamptz text, ISO `Z`/`+hh:mm`) are absolute; stamps without one are wall
 * clock in `timeZone`; numbers are epoch seconds (below 1e11) or milliseconds.
 */
import { InputError } from "../../errors.js";
import { LocalToUtc, newWallTimeResolution } from "../transform/local-to-utc.js";
import { GrowableRows } from "./csv-columns.js";
import { daysInMonth } from "./csv-timestamp.js";
import type { ExtractResult, QuarantinedRow, SourceInfo } from "./extract-result.js";
import { finishExtract } from "./finish-extract.js";

/** Options shared by the database extractors. */
export interface SqlExtractOptions {
  /** SQL to stream (overrides `?table=`/`?query=`); default: SELECT * FROM the table */
  query?: string;
  /** bound parameters of `query` ($1… for PostgreSQL, ? for SQLite); default none */
  params?: unknown[];
  /** time column; default: the first timestamp/date column, else one named like time/date */
  timeColumn?: string;
  /** value column; default: a numeric column named like load/mw/demand/value, else the first */
  valueColumn?: string;
  /** IANA zone of stamps without an offset; default "UTC" */
  timeZone?: string;
  /** keep negative values; default false (quarantined) */
  allowNegative?: boolean;
  /** called with rows read so far (PostgreSQL: per batch; SQLite: every 65,536 rows) */
  onProgress?: (rowsRead: number, bytesRead: number) => void;
}

/** How rows are read. */
export interface SqlRowOptions {
  /** shown as each quarantined row's source (table or query, no password) */
  source: string;
  timeColumn: string;
  valueColumn: string;
  /** IANA zone of stamps without an offset; default "UTC" */
  timeZone?: string;
  /** keep negative values; default false */
  allowNegative?: boolean;
}

const STAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/i;
const MAX_DATE_MS = 8.64e15;
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Collects rows one by one; `finish` returns the ExtractResult. */
export class SqlRowCollector {
  private readonly rows = new GrowableRows();
  private readonly quarantine: QuarantinedRow[] = [];
  private readonly zone: LocalToUtc;
  private readonly wall = newWallTimeResolution();
  private seen = 0;

  constructor(private readonly options: SqlRowOptions) {
    this.zone = new LocalToUtc(options.timeZone ?? "UTC");
  }

  /** Rows seen so far. */
  get rowsRead(): number {
    return this.seen;
  }

  /** Converts one row (its 1-based index is its record number). */
  add(row: Record<string, unknown>): void {
    const index = ++this.seen;
    const time = this.toUtc(row[this.options.timeColumn]);
    const value = toNumber(row[this.options.valueColumn]);
    let reason: string | undefined;
    if (typeof time === "string") reason = time;
    else if (value === undefined) {
      reason = `${this.options.valueColumn} not a number: ${show(row[this.options.valueColumn])} (expected a finite number)`;
    } else if (value < 0 && !(this.options.allowNegative ?? false)) {
      reason = `${this.options.valueColumn} negative: ${value} (expected load >= 0)`;
    }
    if (reason !== undefined || typeof time === "string" || value === undefined) {
      this.quarantine.push({
        source: this.options.source,
        line: index,
        raw: rowJson(row),
        reason: reason!,
      });
      return;
    }
    this.rows.push(time.utcMs, value, index, time.ambiguous ? 1 : 0);
  }

  /** Returns the collected ExtractResult. */
  finish(source: SourceInfo): ExtractResult {
    return finishExtract(this.rows, this.quarantine, source);
  }

  private toUtc(value: unknown): { utcMs: number; ambiguous: boolean } | string {
    const column = this.options.timeColumn;
    if (value instanceof Date) {
      const ms = value.getTime();
      return Number.isNaN(ms)
        ? `${column} invalid date: ${show(value)} (expected a timestamp)`
        : { utcMs: ms, ambiguous: false };
    }
    if (typeof value === "number" || typeof value === "bigint") {
      const n = Number(value);
      const utcMs = Math.abs(n) < 1e11 ? n * 1000 : n;
      if (!(Math.abs(utcMs) <= MAX_DATE_MS)) {
        return `${column} not a timestamp: ${show(value)} (expected epoch seconds or ms within ±8.64e15 ms)`;
      }
      return { utcMs, ambiguous: false };
    }
    const m = typeof value === "string" ? STAMP.exec(value.trim()) : null;
    if (!m)
      return `${column} not a timestamp: ${show(value)} (expected YYYY-MM-DD[ HH:MM[:SS]][offset])`;
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const hour = m[4] === undefined ? 0 : Number(m[4]);
    const minute = m[5] === undefined ? 0 : Number(m[5]);
    const second = m[6] === undefined ? 0 : Number(m[6]);
    const offset = m[8];
    if (
      year < 100 ||
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > daysInMonth(year, month) ||
      hour > 23 ||
      minute > 59 ||
      second > 59
    ) {
      return `${column} not a calendar time: ${show(value)} (expected a valid date and time)`;
    }
    const wallMs =
      Date.UTC(year, month - 1, day, hour, minute, second) +
      (m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000));
    if (offset !== undefined)
      return { utcMs: wallMs - offsetMinutes(offset) * 60_000, ambiguous: false };
    const r = this.zone.resolve(wallMs, this.wall);
    if (r.kind === "nonexistent") {
      return `${column} skipped by DST in ${this.zone.timeZone}: ${show(value)} (expected a wall time that exists)`;
    }
    return { utcMs: r.earlierUtcMs, ambiguous: r.kind === "ambiguous" };
  }
}

/** Picks the time and value columns from `names` (given ones checked), else by type then name. */
export function pickSqlColumns(
  fields: readonly { name: string; kind: "time" | "number" | "other" }[],
  given: { timeColumn?: string; valueColumn?: string },
  where: string,
): { timeColumn: string; valueColumn: string } {
  const names = fields.map((f) => f.name);
  const check = (name: string | undefined, role: string) => {
    if (name !== undefined && !names.includes(name)) {
      throw new InputError(
        `${role} column not found in ${where}: "${name}" (expected one of ${names.join(", ")})`,
      );
    }
    return name;
  };
  const timeColumn =
    check(given.timeColumn, "time") ??
    fields.find((f) => f.kind === "time")?.name ??
    names.find((n) => /time|date|period|stamp/i.test(n)) ??
    names[0];
  const typed = fields.filter((f) => f.kind === "number" && f.name !== timeColumn);
  // Query expressions (SQLite) have no declared type: fall back on every non-time column.
  const numeric = (
    typed.length > 0 ? typed : fields.filter((f) => f.kind === "other" && f.name !== timeColumn)
  ).map((f) => f.name);
  const valueColumn =
    check(given.valueColumn, "value") ??
    numeric.find((n) => /load|mw|demand|consumption|value/i.test(n)) ??
    numeric[0];
  if (timeColumn === undefined || valueColumn === undefined) {
    throw new InputError(
      `columns not found in ${where}: ${names.join(", ") || "(none)"} (expected a timestamp column and a numeric column, or --time-col and --value-col)`,
    );
  }
  return { timeColumn, valueColumn };
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && NUMBER.test(value)) return Number(value);
  return undefined;
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === "Z") return 0;
  const digits = offset.slice(1).replace(/:/g, "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0");
  return offset.startsWith("-") ? -minutes : minutes;
}

function show(value: unknown): string {
  const text =
    value instanceof Date
      ? value.toISOString()
      : (JSON.stringify(value, bigintJson) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function rowJson(row: Record<string, unknown>): string {
  return JSON.stringify(row, bigintJson);
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** The zone and sign settings of a database source's options, without undefined keys. */
export function rowPolicy(options: { timeZone?: string; allowNegative?: boolean }): {
  timeZone?: string;
  allowNegative?: boolean;
} {
  const out: { timeZone?: string; allowNegative?: boolean } = {};
  if (options.timeZone !== undefined) out.timeZone = options.timeZone;
  if (options.allowNegative !== undefined) out.allowNegative = options.allowNegative;
  return out;
}
