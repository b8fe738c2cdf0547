/**
 * Streaming CSV extraction (csv-parse): files, globs and `.gz`, with BOM, CRLF, quoted fields,
 * blank lines, delimiter and decimal-comma detection. Each data row becomes a UTC instant and a
 * value, or a quarantined row with its line, text and reason; structural problems throw
 * ValidationError naming file, line and column.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { concatBytes } from "../../util/concat-bytes.js";
import { ValidationError } from "../../errors.js";
import type { ExtractResult, QuarantinedRow } from "./extract-result.js";
import { GrowableRows, type ColumnMapping } from "./csv-columns.js";
import { openCsvInput, resolveCsvInputs, type OpenBytes } from "./csv-input.js";
import { sniffCsv, type CsvSniff } from "./csv-sniff.js";
import { TimeColumn } from "./csv-time-column.js";
import { parseTimestampFormat } from "./timestamp-format.js";
import { csvFindings } from "./csv-findings.js";
import { CsvScanner } from "./csv-scanner.js";
import { RowReader } from "./csv-row-reader.js";
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
  /** keep negative values (net load); default false (quarantined), true for a temperature column */
  allowNegative?: boolean;
  /** longest accepted record in bytes; default 1 MiB (longer records are quarantined) */
  maxRecordBytes?: number;
  /** called every 65,536 rows and at the end with rows read and bytes read */
  onProgress?: (rowsRead: number, bytesRead: number) => void;
  /**
   * streams accepted rows here instead of collecting them (constant memory); the result's frame
   * is then empty and `rowsAccepted` counts them; default: collect into the frame
   */
  onRow?: (utcMs: number, value: number, line: number) => void;
  /** opens a path as a byte stream; default: the file system (with gunzip for .gz) */
  open?: OpenBytes;
}

/** An ExtractResult with the CSV's own quality findings. */
export interface CsvExtractResult extends ExtractResult {
  findings: QualityFinding[];
  /** rows accepted (equals frame.length unless `onRow` streamed them) */
  rowsAccepted: number;
  files: { path: string; sha256: string; bytes: number; rowsRead: number }[];
}

/** Per-file state the record handler needs. */
export interface FileState {
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
  const onRow = options.onRow;
  let accepted = 0;
  const quarantine: QuarantinedRow[] = [];
  let current: FileState | undefined;
  const sink = {
    accept: (t: number, v: number, line: number, amb: boolean) => {
      if (onRow === undefined) return rows.push(t, v, line, amb ? 1 : 0);
      onRow(t, v, line);
      return accepted++;
    },
    unflag: (index: number) => void (rows.flag[index] = 0),
    reject: (line: number, raw: string, reason: string) =>
      void quarantine.push({ source: current!.path, line, raw, reason }),
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
      (rowsInFile) => void (onRow === undefined && rows.reserve(rows.length + rowsInFile)),
    );
    rowsRead += state.rowsRead;
    bytesTotal += state.bytes;
    files.push({ path, sha256: state.sha256, bytes: state.bytes, rowsRead: state.rowsRead });
    states.push(state.file);
  }
  time?.finish();
  options.onProgress?.(rowsRead, bytesTotal);
  if (rows.length === 0 && accepted === 0) throw noRows(paths, quarantine);
  const frame = {
    length: rows.length,
    columns: {
      // views, not copies: the spare capacity is the price of not holding two copies at once
      timeUtcMs: rows.time.subarray(0, rows.length),
      loadMw: rows.value.subarray(0, rows.length),
      line: rows.line.subarray(0, rows.length),
      dstAmbiguous: rows.flag.subarray(0, rows.length),
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
    rowsAccepted: onRow === undefined ? rows.length : accepted,
    files,
  };
}

async function readOneFile(
  path: string,
  options: ExtractCsvOptions,
  timeFor: (state: FileState) => TimeColumn,
  reject: (line: number, raw: string, reason: string) => void,
  progress: (rows: number, bytes: number) => void,
  expectRows: (rows: number) => void,
): Promise<{ file: FileState; sha256: string; bytes: number; rowsRead: number }> {
  const hash = createHash("sha256");
  const iterator = openCsvInput(path, options.open)[Symbol.asyncIterator]();
  const head = await readHead(iterator);
  const estimate = await estimateRows(path, head.bytes, options);
  if (estimate > 0) expectRows(estimate);
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
  const rows = new RowReader(state, options, timeFor, reject);
  const scanner = new CsvScanner(rows, sniff.delimiter, options.maxRecordBytes ?? 1 << 20);
  let bytes = 0;
  let chunk: Uint8Array | undefined = head.bytes;
  while (chunk !== undefined) {
    hash.update(chunk);
    bytes += chunk.length;
    scanner.push(chunk);
    progress(state.rowsRead, bytes);
    if (head.done) break;
    const step = await iterator.next();
    chunk = step.done ? undefined : step.value;
  }
  scanner.end();
  if (state.header === undefined) {
    throw new ValidationError(
      `CSV file has no header: ${path} (expected a header row and data rows)`,
      [{ file: path, line: 1, message: "no records", expected: "a header row" }],
    );
  }
  return { file: state, sha256: hash.digest("hex"), bytes, rowsRead: state.rowsRead };
}

// Rows in a plain local file, from its size and the head's bytes per line (0 when unknown).
async function estimateRows(
  path: string,
  head: Uint8Array,
  options: ExtractCsvOptions,
): Promise<number> {
  if (options.open !== undefined || /\.gz$/i.test(path) || path.startsWith("gs://")) return 0;
  let lines = 0;
  for (const byte of head) if (byte === 10) lines++;
  if (lines < 2) return 0;
  const size = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  // a short head line must not reserve for more rows than the file can hold (8+ bytes a row)
  return Math.ceil(Math.min((size / (head.length / lines)) * 1.02, size / 8));
}

async function readHead(
  iterator: AsyncIterator<Uint8Array>,
): Promise<{ bytes: Uint8Array; done: boolean }> {
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < 65_536) {
    const step = await iterator.next();
    if (step.done) return { bytes: concatBytes(parts), done: true };
    parts.push(step.value);
    size += step.value.length;
  }
  return { bytes: concatBytes(parts), done: false };
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
