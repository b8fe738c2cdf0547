/**
 * Renders a frame as CSV bytes: `time_utc` as ISO 8601 UTC (the interval start), then every
 * other column under its frame name; NaN is written as an empty cell. `renderCsvChunks` yields
 * the file in pieces of about 1 MiB, so a writer can stream it without holding the whole text.
 * Rows are written as bytes straight into the piece: a 10M-row file makes one short string per
 * non-integer value, not one per row and cell, which keeps the collector and the heap quiet.
 */
import { numberColumn, type Column, type Frame } from "../../frame.js";
import { concatBytes } from "../../util/concat-bytes.js";

const CHUNK_BYTES = 1 << 20;

/** Returns the CSV text of `frame` (UTF-8 bytes), header first. */
export function renderCsv(frame: Frame): Uint8Array {
  return concatBytes([...renderCsvChunks(frame)]);
}

/** Yields the CSV text of `frame` (UTF-8) in chunks of about 1 MiB, header first. */
export function* renderCsvChunks(frame: Frame): Generator<Uint8Array> {
  const t = numberColumn(frame, "timeUtcMs");
  const names = outputColumnNames(frame);
  const columns = names.map((n) => frame.columns[n]!);
  const out = new CsvBytes(CHUNK_BYTES + 4096);
  out.text(`time_utc,${names.map(quote).join(",")}\n`);
  const stamp = isoWriter(out);
  for (let i = 0; i < frame.length; i++) {
    stamp(t[i]!);
    for (const column of columns) {
      out.byte(COMMA);
      cell(out, column, i);
    }
    out.byte(NEWLINE);
    if (out.length >= CHUNK_BYTES) yield out.take();
  }
  yield out.take();
}

/** Column names in output order: the value columns first, then flags and features. */
export function outputColumnNames(frame: Frame): string[] {
  const first = ["loadMw", "energyMwh"].filter((n) => n in frame.columns);
  const rest = Object.keys(frame.columns).filter((n) => n !== "timeUtcMs" && !first.includes(n));
  return [...first, ...rest];
}

const COMMA = 44;
const NEWLINE = 10;

function cell(out: CsvBytes, column: Column, i: number): void {
  const v = column[i]!;
  if (typeof v === "string") out.text(quote(v));
  else if (Number.isSafeInteger(v)) out.integer(v);
  else if (!Number.isNaN(v)) out.text(String(v));
}

// Bytes of one chunk: ASCII is stored char by char, anything else through a TextEncoder.
class CsvBytes {
  private buffer: Uint8Array;
  private size = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  byte(code: number): void {
    if (this.size === this.buffer.length) this.grow(1);
    this.buffer[this.size++] = code;
  }

  /** Writes `n`, a safe integer, in decimal (as String(n) would). */
  integer(n: number): void {
    if (n < 0) this.byte(45);
    let rest = Math.abs(n);
    const start = this.size;
    do {
      this.byte(48 + (rest % 10));
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    this.buffer.subarray(start, this.size).reverse();
  }

  text(text: string): void {
    if (this.size + text.length > this.buffer.length) this.grow(text.length * 3);
    const b = this.buffer;
    let at = this.size;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c > 127) return this.encode(text);
      b[at++] = c;
    }
    this.size = at;
  }

  /** Returns the bytes written so far and starts a new buffer. */
  take(): Uint8Array {
    const bytes = this.buffer.subarray(0, this.size);
    this.buffer = new Uint8Array(this.capacity);
    this.size = 0;
    return bytes;
  }

  private encode(text: string): void {
    if (this.size + text.length * 3 > this.buffer.length) this.grow(text.length * 3);
    this.size += this.encoder.encodeInto(text, this.buffer.subarray(this.size)).written;
  }

  private grow(extra: number): void {
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.size + extra));
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
  }
}

const DAY_MS = 86_400_000;
const LAST_4_DIGIT_YEAR_MS = 253_402_300_800_000; // 10000-01-01

// Writes Date#toISOString's text; the date part is made once per day, the time part as digits.
function isoWriter(out: CsvBytes): (ms: number) => void {
  let day = Number.NaN;
  let prefix = "";
  const two = (n: number) => {
    out.byte(48 + Math.floor(n / 10));
    out.byte(48 + (n % 10));
  };
  return (ms) => {
    if (!Number.isInteger(ms) || ms < 0 || ms >= LAST_4_DIGIT_YEAR_MS)
      return out.text(new Date(ms).toISOString());
    const d = Math.floor(ms / DAY_MS);
    if (d !== day) {
      day = d;
      prefix = new Date(d * DAY_MS).toISOString().slice(0, 11);
    }
    const r = ms - d * DAY_MS;
    out.text(prefix);
    two(Math.floor(r / 3_600_000));
    out.byte(58);
    two(Math.floor(r / 60_000) % 60);
    out.byte(58);
    two(Math.floor(r / 1000) % 60);
    out.byte(46);
    const milli = r % 1000;
    out.byte(48 + Math.floor(milli / 100));
    two(milli % 100);
    out.byte(90);
  };
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
