/**
 * Renders a frame as CSV bytes: `time_utc` as ISO 8601 UTC (the interval start), then every
 * other column under its frame name; NaN is written as an empty cell. `renderCsvChunks` yields
 * the file in pieces of about 1 MiB, so a writer can stream it without holding the whole text.
 */
import { numberColumn, type Frame } from "../../frame.js";
import { concatBytes } from "../../util/concat-bytes.js";

// small batches: their strings die young (scavenged) instead of growing the old generation
const LINES = 2_048;
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
  const out = new ChunkBuffer(CHUNK_BYTES + (CHUNK_BYTES >> 2));
  out.write(`time_utc,${names.map(quote).join(",")}\n`);
  let lines: string[] = [];
  const iso = isoFormatter();
  for (let i = 0; i < frame.length; i++) {
    let line = iso(t[i]!);
    for (const column of columns) {
      const v = column[i]!;
      line += ",";
      if (typeof v === "string") line += quote(v);
      else if (!Number.isNaN(v)) line += String(v);
    }
    lines.push(line);
    if (lines.length === LINES) {
      out.write(`${lines.join("\n")}\n`);
      lines = [];
      if (out.length >= CHUNK_BYTES) yield out.take();
    }
  }
  if (lines.length > 0) out.write(`${lines.join("\n")}\n`);
  yield out.take();
}

// UTF-8 bytes written into a buffer handed out whole (`take`), then started afresh.
class ChunkBuffer {
  private buffer: Uint8Array;
  private size = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  write(text: string): void {
    for (;;) {
      const { read, written } = this.encoder.encodeInto(text, this.buffer.subarray(this.size));
      this.size += written;
      if (read === text.length) return;
      text = text.slice(read);
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.size + text.length * 3));
      grown.set(this.buffer.subarray(0, this.size));
      this.buffer = grown;
    }
  }

  get length(): number {
    return this.size;
  }

  /** Returns the bytes written so far and starts a new buffer. */
  take(): Uint8Array {
    const bytes = this.buffer.subarray(0, this.size);
    this.buffer = new Uint8Array(this.capacity);
    this.size = 0;
    return bytes;
  }
}

const DAY_MS = 86_400_000;
const LAST_4_DIGIT_YEAR_MS = 253_402_300_800_000; // 10000-01-01
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const TWO = Array.from({ length: 60 }, (_, i) => pad(i, 2));
const THREE = Array.from({ length: 1000 }, (_, i) => pad(i, 3));

// Date#toISOString, faster for runs of stamps on the same day: the date part is made once per day.
function isoFormatter(): (ms: number) => string {
  let day = Number.NaN;
  let prefix = "";
  return (ms) => {
    if (!Number.isInteger(ms) || ms < 0 || ms >= LAST_4_DIGIT_YEAR_MS)
      return new Date(ms).toISOString();
    const d = Math.floor(ms / DAY_MS);
    if (d !== day) {
      day = d;
      prefix = new Date(d * DAY_MS).toISOString().slice(0, 11);
    }
    const r = ms - d * DAY_MS;
    const h = Math.floor(r / 3_600_000);
    const m = Math.floor(r / 60_000) % 60;
    const s = Math.floor(r / 1000) % 60;
    return `${prefix}${TWO[h]!}:${TWO[m]!}:${TWO[s]!}.${THREE[r % 1000]!}Z`;
  };
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Column names in output order: the value columns first, then flags and features. */
export function outputColumnNames(frame: Frame): string[] {
  const first = ["loadMw", "energyMwh"].filter((n) => n in frame.columns);
  const rest = Object.keys(frame.columns).filter((n) => n !== "timeUtcMs" && !first.includes(n));
  return [...first, ...rest];
}
