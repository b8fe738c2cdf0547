/**
 * Growable typed columns for streaming extraction (doubling Float64Array/Int32Array/Uint8Array),
 * plus the header mapping that picks the time and value columns of a CSV file.
 */
import { ValidationError } from "../../errors.js";

/** Append-only columns of the rows accepted so far. */
export class GrowableRows {
  length = 0;
  time = new Float64Array(1024);
  value = new Float64Array(1024);
  line = new Int32Array(1024);
  flag = new Uint8Array(1024);

  /** Appends a row and returns its index. */
  push(time: number, value: number, line: number, flag: number): number {
    if (this.length === this.time.length) this.grow();
    const i = this.length++;
    this.time[i] = time;
    this.value[i] = value;
    this.line[i] = line;
    this.flag[i] = flag;
    return i;
  }

  /** Makes room for `rows` rows in all (one allocation instead of doublings and their slack). */
  reserve(rows: number): void {
    if (rows > this.time.length) this.grow(rows);
  }

  private grow(capacity = this.time.length * 2): void {
    const size = Math.max(capacity, this.length + 1);
    const time = new Float64Array(size);
    time.set(this.time);
    const value = new Float64Array(size);
    value.set(this.value);
    const line = new Int32Array(size);
    line.set(this.line);
    const flag = new Uint8Array(size);
    flag.set(this.flag);
    this.time = time;
    this.value = value;
    this.line = line;
    this.flag = flag;
  }
}

const TIME_NAMES =
  /^(date ?time|datetime|date|time|timestamp|time_?utc|utc_?timestamp|period|ts|time_?stamp|interval_?start|start)$/i;
const VALUE_NAMES = /(_mw$|^mw$|load|demand|consumption|value|power|energy|kwh|mwh|gwh)/i;

/** Indices of the chosen time and value columns in a header row. */
export interface ColumnMapping {
  time: number;
  value: number;
  timeName: string;
  valueName: string;
  unnamed: number[];
}

/** Maps `header` to the time and value columns (by name, else by position), or throws. */
export function mapColumns(
  header: readonly string[],
  file: string,
  wanted: { timeColumn?: string; valueColumn?: string },
): ColumnMapping {
  const names = header.map((h) => h.trim());
  if (names.every((n) => n === "")) {
    throw new ValidationError(`CSV file has no header: ${file} (expected column names in line 1)`, [
      {
        file,
        line: 1,
        message: "header row has no names",
        value: header.join(","),
        expected: "a header row",
      },
    ]);
  }
  const time = findColumn(names, file, "time", wanted.timeColumn, (n) => TIME_NAMES.test(n), 0);
  const fallback = names.findIndex((n, i) => i !== time && n !== "");
  const value = findColumn(
    names,
    file,
    "value",
    wanted.valueColumn,
    (n, i) => i !== time && VALUE_NAMES.test(n),
    fallback,
  );
  if (value === time) {
    throw new ValidationError(
      `CSV value column is the time column: ${JSON.stringify(names[time])} in ${file} (expected two different columns)`,
      [{ file, line: 1, column: names[time], message: "same column for time and value" }],
    );
  }
  const unnamed = names.flatMap((n, i) => (n === "" && i !== time && i !== value ? [i] : []));
  return { time, value, timeName: names[time]!, valueName: names[value]!, unnamed };
}

function findColumn(
  names: string[],
  file: string,
  role: string,
  wanted: string | undefined,
  looksRight: (name: string, index: number) => boolean,
  fallback: number,
): number {
  const index = wanted === undefined ? names.findIndex(looksRight) : names.indexOf(wanted.trim());
  if (index >= 0) return index;
  if (wanted === undefined && fallback >= 0 && fallback < names.length) return fallback;
  const found = names.map((n) => JSON.stringify(n)).join(", ");
  throw new ValidationError(
    `CSV ${role} column missing: ${JSON.stringify(wanted ?? "")} in ${file} (expected one of the header's columns: ${found})`,
    [
      {
        file,
        line: 1,
        column: wanted ?? role,
        value: found,
        message: `${role} column not in header`,
        expected: wanted === undefined ? `a ${role} column` : JSON.stringify(wanted),
      },
    ],
  );
}

/** Returns the fields as one CSV line again (quoted where needed), for the quarantine file. */
export function joinFields(fields: readonly string[], delimiter: string): string {
  return fields
    .map((f) =>
      f.includes(delimiter) || f.includes('"') || f.includes("\n") || f.includes("\r")
        ? `"${f.replace(/"/g, '""')}"`
        : f,
    )
    .join(delimiter);
}
