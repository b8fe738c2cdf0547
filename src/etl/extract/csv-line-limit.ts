/**
 * Guards the CSV parser against absurdly long lines: bytes pass through line by line, and a line
 * longer than the limit is replaced by one marker line (so line numbers stay right) carrying
 * its length and first bytes; the extractor quarantines it. Memory stays bounded by the limit.
 */

/** Prefix of the marker line that replaces an oversized line. */
export const OVERSIZE_MARKER = "\u0001powerflow-oversized-line:";

const HEAD_BYTES = 10_000;

/** Splits a byte stream at newlines and replaces lines longer than `maxLineBytes`. */
export class LineLimiter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private dropping = false;
  private droppedBytes = 0;
  private head = new Uint8Array(0);
  private readonly encoder = new TextEncoder();

  constructor(private readonly maxLineBytes: number) {}

  /** Returns the bytes that may go to the parser now (runs of complete lines, or markers). */
  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let emitFrom = 0;
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(10, pos);
      const end = nl < 0 ? chunk.length : nl + 1;
      const continues = pos === 0 && (this.pendingBytes > 0 || this.dropping);
      if (this.dropping) {
        this.droppedBytes += end - pos;
        if (nl >= 0) out.push(this.marker());
        emitFrom = end;
      } else if ((continues ? this.pendingBytes : 0) + end - pos > this.maxLineBytes) {
        if (pos > emitFrom) out.push(chunk.subarray(emitFrom, pos));
        this.pending.push(chunk.subarray(pos, end));
        this.pendingBytes += end - pos;
        this.startDropping();
        if (nl >= 0) out.push(this.marker());
        emitFrom = end;
      } else if (nl < 0) {
        if (pos > emitFrom) out.push(chunk.subarray(emitFrom, pos));
        this.pending.push(chunk.slice(pos, end));
        this.pendingBytes += end - pos;
        emitFrom = end;
      } else if (continues) {
        out.push(...this.pending);
        this.pending = [];
        this.pendingBytes = 0;
      }
      pos = end;
    }
    if (emitFrom < chunk.length) out.push(chunk.subarray(emitFrom));
    return out;
  }

  /** Returns whatever is left at the end of the stream (an unterminated last line). */
  flush(): Uint8Array[] {
    return this.endLine();
  }

  private startDropping(): void {
    const all = concat(this.pending, this.pendingBytes);
    this.head = all.slice(0, HEAD_BYTES);
    this.droppedBytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.dropping = true;
  }

  private marker(): Uint8Array {
    this.dropping = false;
    const text = new TextDecoder().decode(this.head).replace(/[\r\n"]/g, " ");
    return this.encoder.encode(`${OVERSIZE_MARKER}${this.droppedBytes}:${text}\n`);
  }

  private endLine(): Uint8Array[] {
    if (this.dropping) return [this.marker()];
    const lines = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    return lines;
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
