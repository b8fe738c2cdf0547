/**
 * Turns scanned CSV lines into rows: the first non-blank record is the header (mapped to the time
 * and value columns), every later one is a data row whose stamp and value go to the TimeColumn
 * or, with a reason, to the quarantine. Unquoted lines are read straight from bytes (no field
 * arrays, no per-row strings besides the stamp); quoted records arrive already split.
 */
import { ValidationError } from "../../errors.js";
import { mapColumns } from "./csv-columns.js";
import type { ScanHandler } from "./csv-scanner.js";
import type { TimeColumn } from "./csv-time-column.js";
import { parseCsvNumber, parseDecimalBytes, valueProblem } from "./csv-value.js";
import type { ExtractCsvOptions, FileState } from "./csv-extract.js";

/** Scan handler that reads rows of one file. */
export class RowReader implements ScanHandler {
  private time: TimeColumn | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  private readonly delimiterByte: number;
  private allowNegative: boolean;
  private readonly rawOfLine = () => this.buf.toString("utf8", this.start, this.end);

  constructor(
    private readonly state: FileState,
    private readonly options: ExtractCsvOptions,
    private readonly timeFor: (state: FileState) => TimeColumn,
    private readonly reject: (line: number, raw: string, reason: string) => void,
  ) {
    this.delimiterByte = state.sniff.delimiter.charCodeAt(0);
    this.allowNegative = options.allowNegative ?? false;
  }

  line(buf: Buffer, start: number, end: number, lineNo: number): void {
    if (isBlank(buf, start, end)) return;
    if (this.state.header === undefined) {
      this.header(buf.toString("utf8", start, end).split(this.state.sniff.delimiter));
      return;
    }
    this.state.rowsRead++;
    const m = this.state.mapping!;
    const empties = this.state.emptyCells;
    const d = this.delimiterByte;
    let field = 0;
    let fieldStart = start;
    let ts = -1;
    let te = -1;
    let vs = -1;
    let ve = -1;
    for (let i = start; i <= end; i++) {
      if (i === end || buf[i] === d) {
        if (i === fieldStart && field < empties.length) empties[field]!++;
        if (field === m.time) {
          ts = fieldStart;
          te = i;
        } else if (field === m.value) {
          vs = fieldStart;
          ve = i;
        }
        field++;
        fieldStart = i + 1;
      }
    }
    this.buf = buf;
    this.start = start;
    this.end = end;
    if (ts < 0 || vs < 0) {
      this.reject(
        lineNo,
        this.rawOfLine(),
        `row too short: ${field} fields (expected at least ${Math.max(m.time, m.value) + 1})`,
      );
      return;
    }
    let value = parseDecimalBytes(buf, vs, ve, this.state.sniff.decimalComma);
    if (Number.isNaN(value) || (value < 0 && !this.allowNegative)) {
      value = parseCsvNumber(
        buf.toString("utf8", vs, ve),
        this.state.sniff.decimalComma,
        this.allowNegative,
      );
      if (Number.isNaN(value)) {
        this.reject(lineNo, this.rawOfLine(), valueProblem);
        return;
      }
    }
    this.time!.push(buf, ts, te, value, lineNo, this.rawOfLine);
  }

  record(fields: string[], raw: string, lineNo: number): void {
    if (fields.every((f) => f.trim() === "") && fields.length <= 1) return;
    if (this.state.header === undefined) {
      this.header(fields);
      return;
    }
    this.state.rowsRead++;
    const m = this.state.mapping!;
    const empties = this.state.emptyCells;
    for (let c = 0; c < fields.length && c < empties.length; c++)
      if (fields[c] === "") empties[c]!++;
    const stamp = fields[m.time];
    const valueText = fields[m.value];
    if (stamp === undefined || valueText === undefined) {
      this.reject(
        lineNo,
        raw,
        `row too short: ${fields.length} fields (expected at least ${Math.max(m.time, m.value) + 1})`,
      );
      return;
    }
    const value = parseCsvNumber(valueText, this.state.sniff.decimalComma, this.allowNegative);
    if (Number.isNaN(value)) {
      this.reject(lineNo, raw, valueProblem);
      return;
    }
    const bytes = Buffer.from(stamp, "latin1");
    this.time!.push(bytes, 0, bytes.length, value, lineNo, () => raw);
  }

  bad(raw: string, lineNo: number, reason: string): void {
    // The header cannot be set aside like a row: without it no row can be read.
    if (this.state.header === undefined) {
      const file = this.state.path;
      throw new ValidationError(
        `CSV header unreadable: ${file} line ${lineNo}: ${reason} (expected a header row of column names)`,
        [
          {
            file,
            line: lineNo,
            value: raw.slice(0, 120),
            message: reason,
            expected: "a header row",
          },
        ],
      );
    }
    this.state.rowsRead++;
    this.reject(lineNo, raw, reason);
  }

  private header(fields: string[]): void {
    this.state.header = fields;
    this.state.mapping = mapColumns(fields, this.state.path, this.options);
    this.state.emptyCells = new Int32Array(fields.length);
    this.time = this.timeFor(this.state);
    // Negative values are a load error, but a temperature column is not load.
    if (this.options.allowNegative === undefined) {
      this.allowNegative = /temp|°c|degc/i.test(this.state.mapping.valueName);
    }
  }
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
