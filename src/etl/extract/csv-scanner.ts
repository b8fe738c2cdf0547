/**
 * A byte-level CSV line scanner for the streaming fast path: it splits chunks into physical lines
 * without copying (CRLF and a leading BOM handled), hands unquoted lines over as byte offsets,
 * gathers quoted records (which may span lines) and parses them with csv-parse, and replaces
 * lines longer than the limit with an "oversized" event so memory stays bounded.
 *
 * A quote opens a quoted field only at the start of a field (RFC 4180); elsewhere it is a plain
 * character (csv-parse then rejects that one record). A quoted field still open at the end of the
 * file, or past `maxRecordBytes`, is malformed: its first line is reported bad and the lines it
 * took are read again as lines of their own, so one stray quote costs one row, not the rest of
 * the file. Every physical line is read a bounded number of times: work stays linear.
 */
import { parse as parseSync } from "csv-parse/sync";

/** What the scanner reports; `buf[start, end)` excludes the line break. */
export interface ScanHandler {
  /** an unquoted physical line (may be blank) */
  line(buf: Buffer, start: number, end: number, lineNo: number): void;
  /** a quoted record (parsed by csv-parse) with its original text */
  record(fields: string[], raw: string, lineNo: number): void;
  /** a record that could not be parsed or was too long */
  bad(raw: string, lineNo: number, reason: string): void;
}

const NL = 10;
const CR = 13;
const QUOTE = 34;
const HEAD_BYTES = 10_000;

/** Where a record's text stands after some bytes: how the next byte is read. */
const enum Quote {
  FieldStart,
  Unquoted,
  Quoted,
  /** a quote inside a quoted field: an escaped quote if another follows, else the closing one */
  QuoteInQuoted,
}

/** A quoted field that runs past the end of its first line: its lines so far. */
interface OpenRecord {
  lines: Buffer[];
  lineNos: number[];
  bytes: number;
  state: Quote;
}

/** Streaming scanner; call `push` per chunk and `end` once. */
export class CsvScanner {
  private carry: Buffer | undefined;
  private lineNo = 0;
  private first = true;
  private open: OpenRecord | undefined;
  /** lines of a malformed record to read again, the next one last */
  private replay: { line: Buffer; lineNo: number }[] = [];
  private replaying = false;
  private dropping = false;
  private droppedBytes = 0;
  private droppedHead = "";
  private readonly delimiterByte: number;

  constructor(
    private readonly handler: ScanHandler,
    private readonly delimiter: string,
    private readonly maxRecordBytes: number,
  ) {
    this.delimiterByte = Buffer.from(delimiter)[0] ?? 44;
  }

  /** Scans one chunk. */
  push(chunk: Uint8Array): void {
    let buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.first) {
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    let pos = 0;
    if (this.carry !== undefined || this.dropping) {
      const nl = buf.indexOf(NL);
      const end = nl < 0 ? buf.length : nl;
      if (this.dropping) {
        this.droppedBytes += end;
      } else {
        const joined = Buffer.concat([this.carry!, buf.subarray(0, end)]);
        this.carry = undefined;
        if (nl < 0) this.keepPartial(joined);
        else this.physical(joined, 0, joined.length, ++this.lineNo, joined.includes(QUOTE));
      }
      if (nl < 0) return;
      if (this.dropping) this.finishDropping();
      pos = nl + 1;
    }
    let nextQuote = buf.indexOf(QUOTE, pos);
    while (pos < buf.length) {
      const nl = buf.indexOf(NL, pos);
      if (nl < 0) {
        this.keepPartial(buf.subarray(pos));
        return;
      }
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = buf.indexOf(QUOTE, pos);
      this.physical(buf, pos, nl, ++this.lineNo, nextQuote >= 0 && nextQuote < nl);
      pos = nl + 1;
    }
  }

  /** Flushes the last unterminated line and reports quoted records left open. */
  end(): void {
    if (this.dropping) this.finishDropping();
    if (this.carry !== undefined) {
      const last = this.carry;
      this.carry = undefined;
      this.physical(last, 0, last.length, ++this.lineNo, last.includes(QUOTE));
    }
    while (this.open !== undefined)
      this.recover('CSV record malformed: quote not closed at end of file (expected a closing ")');
  }

  private physical(buf: Buffer, start: number, end: number, lineNo: number, quote: boolean): void {
    if (end - start > this.maxRecordBytes) this.oversized(buf.subarray(start, end), lineNo);
    else if (quote || this.open !== undefined) this.quotedLine(buf, start, end, lineNo);
    else this.handler.line(buf, start, stripCr(buf, start, end), lineNo);
  }

  private keepPartial(part: Buffer): void {
    if (part.length > this.maxRecordBytes) {
      this.dropping = true;
      this.droppedBytes = part.length;
      this.droppedHead = part.subarray(0, HEAD_BYTES).toString("utf8");
      return;
    }
    this.carry = Buffer.from(part);
  }

  private finishDropping(): void {
    this.dropping = false;
    this.reportOversized(this.droppedHead, this.droppedBytes, ++this.lineNo);
  }

  private oversized(line: Buffer, lineNo: number): void {
    this.reportOversized(line.subarray(0, HEAD_BYTES).toString("utf8"), line.length, lineNo);
  }

  private reportOversized(head: string, bytes: number, lineNo: number): void {
    // An open quoted field cannot take in a line longer than the limit: it ends here, malformed.
    while (this.open !== undefined) this.recover(this.tooLong());
    this.handler.bad(
      `${head}…`,
      lineNo,
      `CSV line too long: ${bytes} bytes (expected at most ${this.maxRecordBytes}; set maxRecordBytes)`,
    );
  }

  private quotedLine(buf: Buffer, start: number, end: number, lineNo: number): void {
    const open = this.open;
    const state = scanQuotes(buf, start, end, this.delimiterByte, open?.state ?? Quote.FieldStart);
    if (open === undefined) {
      if (state === Quote.Quoted) {
        const line = Buffer.from(buf.subarray(start, end));
        this.open = { lines: [line], lineNos: [lineNo], bytes: line.length, state };
      } else this.parse(buf.toString("utf8", start, stripCr(buf, start, end)), lineNo);
      return;
    }
    open.lines.push(Buffer.from(buf.subarray(start, end)));
    open.lineNos.push(lineNo);
    open.bytes += end - start + 1;
    // The line break inside a quoted field is part of its text; any other state ends the record.
    open.state = state;
    if (state === Quote.Quoted) {
      if (open.bytes > this.maxRecordBytes) this.recover(this.tooLong());
      return;
    }
    this.open = undefined;
    const last = open.lines.length - 1;
    const raw = open.lines
      .map((l, i) => (i === last ? l.toString("utf8", 0, stripCr(l, 0, l.length)) : l.toString()))
      .join("\n");
    this.parse(raw, open.lineNos[0]!);
  }

  private parse(raw: string, lineNo: number): void {
    let records: string[][];
    try {
      records = parseSync(raw, { delimiter: this.delimiter, relax_column_count: true });
    } catch (error) {
      this.handler.bad(
        bounded(raw),
        lineNo,
        `CSV record malformed: ${(error as Error).message} (expected RFC 4180 quoting)`,
      );
      return;
    }
    // outside the try: what the handler throws (a header without a value column, say) is its own
    this.handler.record(records[0] ?? [], raw, lineNo);
  }

  // The open record is malformed: its first line is reported, the lines after it are read again
  // (in a loop, not by recursion: a line read again may open another record).
  private recover(reason: string): void {
    const { lines, lineNos } = this.open!;
    this.open = undefined;
    const first = lines[0]!;
    const text = first.toString("utf8", 0, stripCr(first, 0, first.length));
    this.handler.bad(bounded(text), lineNos[0]!, reason);
    for (let i = lines.length - 1; i >= 1; i--)
      this.replay.push({ line: lines[i]!, lineNo: lineNos[i]! });
    if (this.replaying) return;
    this.replaying = true;
    for (let next = this.replay.pop(); next !== undefined; next = this.replay.pop())
      this.physical(next.line, 0, next.line.length, next.lineNo, next.line.includes(QUOTE));
    this.replaying = false;
  }

  private tooLong(): string {
    return `CSV record malformed: quoted field longer than ${this.maxRecordBytes} bytes (expected a closing ")`;
  }
}

// Reads buf[start, end) from `state`; returns the state at its end (Quoted: the field goes on).
function scanQuotes(
  buf: Buffer,
  start: number,
  end: number,
  delimiter: number,
  state: Quote,
): Quote {
  let s = state;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (s === Quote.Quoted) {
      if (c === QUOTE) s = Quote.QuoteInQuoted;
    } else if (s === Quote.QuoteInQuoted) {
      s = c === QUOTE ? Quote.Quoted : c === delimiter ? Quote.FieldStart : Quote.Unquoted;
    } else if (c === delimiter) s = Quote.FieldStart;
    else s = s === Quote.FieldStart && c === QUOTE ? Quote.Quoted : Quote.Unquoted;
  }
  return s;
}

function stripCr(buf: Buffer, start: number, end: number): number {
  return end > start && buf[end - 1] === CR ? end - 1 : end;
}

function bounded(text: string): string {
  return text.length > HEAD_BYTES ? `${text.slice(0, HEAD_BYTES)}…` : text;
}
