/**
 * A byte-level CSV line scanner for the streaming fast path: it splits chunks into physical lines
 * without copying (CRLF and a leading BOM handled), hands unquoted lines over as byte offsets,
 * gathers quoted records (which may span lines) and parses them with csv-parse, and replaces
 * lines longer than the limit with an "oversized" event so memory stays bounded.
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
const LF = Buffer.from("\n");
const EMPTY = Buffer.alloc(0);

/** Streaming scanner; call `push` per chunk and `end` once. */
export class CsvScanner {
  private carry: Buffer | undefined;
  private lineNo = 0;
  private first = true;
  private quoted: Buffer[] = [];
  private quotedBytes = 0;
  private quotedStart = 0;
  private dropping = false;
  private droppedBytes = 0;
  private droppedHead = "";

  constructor(
    private readonly handler: ScanHandler,
    private readonly delimiter: string,
    private readonly maxRecordBytes: number,
  ) {}

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
        else this.physical(joined, 0, joined.length, true);
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
      const hasQuote = nextQuote >= 0 && nextQuote < nl;
      if (nl - pos > this.maxRecordBytes) this.oversized(buf.subarray(pos, nl), nl - pos + 1, true);
      else if (hasQuote || this.quoted.length > 0) this.quotedLine(buf, pos, nl, true);
      else this.handler.line(buf, pos, stripCr(buf, pos, nl), ++this.lineNo);
      pos = nl + 1;
    }
  }

  /** Flushes the last unterminated line and reports an unclosed quoted record. */
  end(): void {
    if (this.dropping) this.finishDropping();
    if (this.carry !== undefined) {
      const last = this.carry;
      this.carry = undefined;
      this.physical(last, 0, last.length, false);
    }
    if (this.quoted.length > 0) {
      const raw = Buffer.concat(this.quoted).toString("utf8");
      this.quoted = [];
      this.handler.bad(
        bounded(raw),
        this.quotedStart,
        'CSV record malformed: quote not closed at end of file (expected a closing ")',
      );
    }
  }

  private physical(buf: Buffer, start: number, end: number, terminated: boolean): void {
    if (end - start > this.maxRecordBytes)
      this.oversized(buf.subarray(start, end), end - start + 1, true);
    else if (buf.subarray(start, end).includes(QUOTE) || this.quoted.length > 0)
      this.quotedLine(buf, start, end, terminated);
    else this.handler.line(buf, start, stripCr(buf, start, end), ++this.lineNo);
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
    this.oversized(Buffer.from(this.droppedHead), this.droppedBytes + 1, false);
  }

  private oversized(head: Buffer, bytes: number, sliceHead: boolean): void {
    const text = sliceHead ? head.subarray(0, HEAD_BYTES).toString("utf8") : head.toString("utf8");
    const lineNo = ++this.lineNo;
    if (this.quoted.length > 0) this.quoted = [];
    this.handler.bad(
      `${text}…`,
      lineNo,
      `CSV line too long: ${bytes - 1} bytes (expected at most ${this.maxRecordBytes}; set maxRecordBytes)`,
    );
  }

  private quotedLine(buf: Buffer, start: number, end: number, terminated: boolean): void {
    const lineNo = ++this.lineNo;
    if (this.quoted.length === 0) this.quotedStart = lineNo;
    const piece = Buffer.concat([buf.subarray(start, end), terminated ? LF : EMPTY]);
    this.quoted.push(piece);
    this.quotedBytes += piece.length;
    const all = this.quoted.length === 1 ? piece : Buffer.concat(this.quoted);
    if (countQuotes(all) % 2 === 1) {
      if (this.quotedBytes > this.maxRecordBytes) {
        this.quoted = [];
        this.quotedBytes = 0;
        this.handler.bad(
          bounded(all.toString("utf8")),
          this.quotedStart,
          `CSV record malformed: quoted field longer than ${this.maxRecordBytes} bytes (expected a closing ")`,
        );
      }
      return;
    }
    this.quoted = [];
    this.quotedBytes = 0;
    const raw = all.toString("utf8").replace(/\r?\n$/, "");
    try {
      const records: string[][] = parseSync(raw, {
        delimiter: this.delimiter,
        relax_column_count: true,
      });
      this.handler.record(records[0] ?? [], raw, this.quotedStart);
    } catch (error) {
      this.handler.bad(
        bounded(raw),
        this.quotedStart,
        `CSV record malformed: ${(error as Error).message} (expected RFC 4180 quoting)`,
      );
    }
  }
}

function stripCr(buf: Buffer, start: number, end: number): number {
  return end > start && buf[end - 1] === CR ? end - 1 : end;
}

function countQuotes(buf: Buffer): number {
  let n = 0;
  let i = buf.indexOf(QUOTE);
  while (i >= 0) {
    n++;
    i = buf.indexOf(QUOTE, i + 1);
  }
  return n;
}

function bounded(text: string): string {
  return text.length > HEAD_BYTES ? `${text.slice(0, HEAD_BYTES)}…` : text;
}
