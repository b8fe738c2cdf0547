/**
 * Streaming CSV extraction (csv-parse): files, globs and `.gz`, with BOM, CRLF, quoted fields,
 * blank lines, delimiter and decimal-comma detection. Each data row becomes a UTC instant and a
 * value, or a quarantined row with its line, text and reason; structural problems throw
 * ValidationError naming file, line and column.
 */
import { createHash } from "node:crypto";
import { parse, type Info } from "csv-parse";
import { InputError, ValidationError } from "../../errors.js";
import type { ExtractResult, QuarantinedRow } from "./extract-result.js";
import { GrowableRows, joinFields, mapColumns, type ColumnMapping } from "./csv-columns.js";
import { openCsvInput, resolveCsvInputs, type OpenBytes } from "./csv-input.js";
import { sniffCsv, type CsvSniff } from "./csv-sniff.js";
import { TimeColumn } from "./csv-time-column.js";
import { parseCsvNumber, valueProblem } from "./csv-value.js";
import { parseTimestampFormat } from "./timestamp-format.js";
import { csvFindings } from "./csv-findings.js";
import { LineLimiter, OVERSIZE_MARKER } from "./csv-line-limit.js";
import type { QualityFinding } from "../validate/quality-report.js";

/** Options of `extractCsv`. */
export interface ExtractCsvOptions {
  /** time column name; default: a column named like Datetime/Date/time_utc, else the first */
  timeColumn?: string;
  /** value column name; default: a column named like *_MW/load/consumption, else the next */
  valueColumn?: string;
  /** IANA zone of stamps without a UTC offset; default "UTC" */
  timeZone?: string;
  /** stamps mark the END of their interval; default false (interval start) */
  hourEnding?: boolean;
  /** interval length used to shift hour-ending stamps; default 60 (minutes) */
  intervalMinutes?: number;
  /** "auto" (default), iso, dmy, mdy, ymd, epoch-s, epoch-ms or a pattern like DD-MM-YYYY HH:mm */
  timestampFormat?: string;
  /** field delimiter; default detected among , ; tab | */
  delimiter?: string;
  /** numbers use a decimal comma; default detected */
  decimalComma?: boolean;
  /** keep negative values (net load); default false: they are quarantined */
  allowNegative?: boolean;
  /** longest accepted record in bytes; default 1 MiB (longer records are quarantined) */
  maxRecordBytes?: number;
  /** called every 65,536 rows and at the end with rows read and bytes read */
  onProgress?: (rowsRead: number, bytesRead: number) => void;
  /** opens a path as a byte stream; default: the file system (with gunzip for .gz) */
  open?: OpenBytes;
}

/** An ExtractResult with the CSV's own quality findings. */
export interface CsvExtractResult extends ExtractResult {
  findings: QualityFinding[];
  files: { path: string; sha256: string; bytes: number; rowsRead: number }[];
}

/** Per-file state the record handler needs. */
interface FileState {
  path: string;
  sniff: CsvSniff;
  mapping: ColumnMapping | undefined;
  header: string[] | undefined;
  emptyCells: Int32Array;
  rowsRead: number;
}

/** Reads every file matched by `input` (path, glob, or list) into one ExtractResult. */
export async function extractCsv(
  input: string | readonly string[],
  options: ExtractCsvOptions = {},
): Promise<CsvExtractResult> {
  const paths = await resolveCsvInputs(input);
  const rows = new GrowableRows();
  const quarantine: QuarantinedRow[] = [];
  let current: FileState | undefined;
  const sink = {
    accept: (t: number, v: number, line: number, amb: boolean) =>
      rows.push(t, v, line, amb ? 1 : 0),
    unflag: (index: number) => void (rows.flag[index] = 0),
    reject: (line: number, fields: readonly string[], reason: string) =>
      void quarantine.push({
        source: current!.path,
        line,
        raw: joinFields(fields, current!.sniff.delimiter),
        reason,
      }),
  };
  const order = parseTimestampFormat(options.timestampFormat ?? "auto");
  let time: TimeColumn | undefined;
  const files: CsvExtractResult["files"] = [];
  const states: FileState[] = [];
  let bytesTotal = 0;
  let rowsRead = 0;
  for (const path of paths) {
    const state = await readOneFile(
      path,
      options,
      (s) => {
        current = s;
        time ??= new TimeColumn(
          {
            timeZone: options.timeZone ?? "UTC",
            hourEnding: options.hourEnding ?? false,
            intervalMinutes: options.intervalMinutes ?? 60,
            order,
            file: path,
            column: s.mapping!.timeName,
          },
          sink,
        );
        return time;
      },
      sink.reject,
      (rowsInFile, bytes) => options.onProgress?.(rowsRead + rowsInFile, bytesTotal + bytes),
    );
    rowsRead += state.rowsRead;
    bytesTotal += state.bytes;
    files.push({ path, sha256: state.sha256, bytes: state.bytes, rowsRead: state.rowsRead });
    states.push(state.file);
  }
  time?.finish();
  options.onProgress?.(rowsRead, bytesTotal);
  if (rows.length === 0) throw noRows(paths, quarantine);
  const frame = {
    length: rows.length,
    columns: {
      timeUtcMs: rows.time.slice(0, rows.length),
      loadMw: rows.value.slice(0, rows.length),
      line: rows.line.slice(0, rows.length),
      dstAmbiguous: rows.flag.slice(0, rows.length),
    },
  };
  const first = files[0]!;
  return {
    frame,
    quarantine,
    rowsRead,
    source: {
      kind: "csv",
      location: paths.length === 1 ? first.path : `${paths.length} files: ${paths.join(", ")}`,
      sha256: paths.length === 1 ? first.sha256 : combinedHash(files),
      bytes: bytesTotal,
    },
    findings: csvFindings(states, time, quarantine, options),
    files,
  };
}

async function readOneFile(
  path: string,
  options: ExtractCsvOptions,
  timeFor: (state: FileState) => TimeColumn,
  reject: (line: number, fields: readonly string[], reason: string) => void,
  progress: (rows: number, bytes: number) => void,
): Promise<{ file: FileState; sha256: string; bytes: number; rowsRead: number }> {
  const hash = createHash("sha256");
  const chunks = openCsvInput(path, options.open);
  const iterator = chunks[Symbol.asyncIterator]();
  const head = await readHead(iterator);
  const sniffOptions: { delimiter?: string; decimalComma?: boolean } = {};
  if (options.delimiter !== undefined) sniffOptions.delimiter = options.delimiter;
  if (options.decimalComma !== undefined) sniffOptions.decimalComma = options.decimalComma;
  const sniff = sniffCsv(head.bytes, path, sniffOptions);
  const state: FileState = {
    path,
    sniff,
    mapping: undefined,
    header: undefined,
    emptyCells: new Int32Array(0),
    rowsRead: 0,
  };
  let time: TimeColumn | undefined;
  let bytes = 0;
  const maxRecordBytes = options.maxRecordBytes ?? 1 << 20;
  const allowNegative = options.allowNegative ?? false;
  const parser = parse({
    delimiter: sniff.delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxRecordBytes * 2,
    on_skip: (error, raw) => {
      state.rowsRead++;
      const line = (error as { lines?: number } | undefined)?.lines ?? 0;
      reject(
        line,
        [raw ?? ""],
        `CSV record malformed: ${error?.message ?? "unknown"} (expected RFC 4180 fields)`,
      );
      return undefined;
    },
  });
  parser.on("data", (item: { record: string[]; info: Info }) => {
    const record = item.record;
    if (state.header === undefined) {
      state.header = record;
      state.mapping = mapColumns(record, path, options);
      state.emptyCells = new Int32Array(record.length);
      time = timeFor(state);
      return;
    }
    state.rowsRead++;
    const line = item.info.lines;
    if (record[0]!.startsWith(OVERSIZE_MARKER)) {
      const marker = record.join(sniff.delimiter);
      reject(line, [oversizeHead(marker)], oversizeReason(marker, maxRecordBytes));
      return;
    }
    const empties = state.emptyCells;
    for (let c = 0; c < record.length && c < empties.length; c++)
      if (record[c] === "") empties[c]!++;
    const m = state.mapping!;
    const stamp = record[m.time];
    const valueText = record[m.value];
    if (stamp === undefined || valueText === undefined) {
      reject(
        line,
        record,
        `row too short: ${record.length} fields (expected at least ${Math.max(m.time, m.value) + 1})`,
      );
      return;
    }
    const value = parseCsvNumber(valueText, sniff.decimalComma, allowNegative);
    if (Number.isNaN(value)) {
      reject(line, record, valueProblem);
      return;
    }
    time!.push(stamp, value, line, record);
    if ((state.rowsRead & 0xffff) === 0) progress(state.rowsRead, bytes);
  });
  const done = new Promise<void>((resolve, rejectPromise) => {
    parser.on("end", resolve);
    parser.on("error", rejectPromise);
  });
  try {
    const limiter = new LineLimiter(maxRecordBytes);
    const write = async (pieces: Uint8Array[]) => {
      for (const piece of pieces) {
        if (!parser.write(piece)) await new Promise((r) => parser.once("drain", r));
      }
    };
    let chunk: Uint8Array | undefined = head.bytes;
    const next = head.done ? undefined : iterator;
    while (chunk !== undefined) {
      hash.update(chunk);
      bytes += chunk.length;
      await write(limiter.push(chunk));
      if (next === undefined) break;
      const step = await next.next();
      if (step.done) break;
      chunk = step.value;
    }
    await write(limiter.flush());
    parser.end();
    await done;
  } catch (error) {
    parser.destroy();
    throw wrapParseError(error, path);
  }
  if (state.header === undefined) {
    throw new ValidationError(
      `CSV file has no header: ${path} (expected a header row and data rows)`,
      [{ file: path, line: 1, message: "no records", expected: "a header row" }],
    );
  }
  return { file: state, sha256: hash.digest("hex"), bytes, rowsRead: state.rowsRead };
}

async function readHead(
  iterator: AsyncIterator<Uint8Array>,
): Promise<{ bytes: Uint8Array; done: boolean }> {
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < 65_536) {
    const step = await iterator.next();
    if (step.done) return { bytes: concat(parts, size), done: true };
    parts.push(step.value);
    size += step.value.length;
  }
  return { bytes: concat(parts, size), done: false };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function wrapParseError(error: unknown, path: string): unknown {
  if (error instanceof ValidationError || error instanceof InputError) return error;
  const e = error as { code?: string; lines?: number; message?: string };
  if (typeof e.code === "string" && e.code.startsWith("CSV_")) {
    return new ValidationError(
      `CSV file malformed: ${path} line ${e.lines ?? "?"} (${e.message ?? e.code})`,
      [{ file: path, line: e.lines, message: e.message ?? e.code, expected: "RFC 4180 CSV" }],
      { cause: error },
    );
  }
  return error;
}

function noRows(paths: string[], quarantine: QuarantinedRow[]): ValidationError {
  const reasons = quarantine.slice(0, 5).map((q) => ({
    file: q.source,
    line: q.line,
    value: q.raw.slice(0, 120),
    message: q.reason,
  }));
  return new ValidationError(
    `CSV has no parsable rows: ${paths.join(", ")} (expected at least one row with a valid time and value; ${quarantine.length} rejected)`,
    reasons,
  );
}

function combinedHash(files: { sha256: string }[]): string {
  const hash = createHash("sha256");
  for (const f of files) hash.update(f.sha256);
  return hash.digest("hex");
}

function oversizeHead(marker: string): string {
  const rest = marker.slice(OVERSIZE_MARKER.length);
  return `${rest.slice(rest.indexOf(":") + 1)}…`;
}

function oversizeReason(marker: string, limit: number): string {
  const bytes = marker.slice(OVERSIZE_MARKER.length).split(":")[0];
  return `CSV line too long: ${bytes} bytes (expected at most ${limit}; set maxRecordBytes)`;
}
