/**
 * Looks at the first bytes of a CSV file before parsing: byte-order mark, binary content, line
 * endings, the delimiter and whether numbers use a decimal comma.
 */
import { ValidationError } from "../../errors.js";

/** What `sniffCsv` found in the head of a file. */
export interface CsvSniff {
  bom: boolean;
  crlf: boolean;
  delimiter: string;
  decimalComma: boolean;
}

const CANDIDATES = [",", ";", "\t", "|"];

/** Returns the sniffed dialect of `head` (the first KBs of `file`), or throws ValidationError. */
export function sniffCsv(
  head: Uint8Array,
  file: string,
  options: { delimiter?: string; decimalComma?: boolean } = {},
): CsvSniff {
  if (head.length === 0) {
    throw new ValidationError(`CSV file empty: ${file} (expected a header and data rows)`, [
      { file, line: 1, message: "file has no bytes", expected: "a header row" },
    ]);
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  checkNotBinary(head, file);
  const text = new TextDecoder("utf-8").decode(bom ? head.subarray(3) : head);
  const lines = text
    .split("\n")
    .slice(0, 50)
    .filter((line) => line.trim() !== "");
  const lastComplete = text.lastIndexOf("\n") >= 0 ? lines.slice(0, -1) : lines;
  const sample = lastComplete.length > 0 ? lastComplete : lines;
  const delimiter = options.delimiter ?? pickDelimiter(sample);
  return {
    bom,
    crlf: /\r\n/.test(text.slice(0, 4096)),
    delimiter,
    decimalComma: options.decimalComma ?? detectDecimalComma(sample.slice(1), delimiter),
  };
}

function checkNotBinary(head: Uint8Array, file: string): void {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) {
      throw binaryError(file, i);
    }
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > 8 && control / n > 0.01) throw binaryError(file, -1);
  const decoded = new TextDecoder("utf-8").decode(head.subarray(0, n));
  const bad = decoded.split("\uFFFD").length - 1;
  if (bad > 4 && bad / n > 0.01) throw binaryError(file, -1);
}

function binaryError(file: string, offset: number): ValidationError {
  const where = offset >= 0 ? `NUL byte at offset ${offset}` : "control or invalid UTF-8 bytes";
  return new ValidationError(`CSV file is binary: ${file} (expected UTF-8 text; found ${where})`, [
    { file, line: 1, message: "file is not text", value: where, expected: "UTF-8 CSV text" },
  ]);
}

function pickDelimiter(lines: string[]): string {
  let best = ",";
  let bestScore = 0;
  for (const candidate of CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, candidate));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    const score = consistent * 10 + Math.min(first, 5);
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, char: string): number {
  let count = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) count++;
  }
  return count;
}

function detectDecimalComma(rows: string[], delimiter: string): boolean {
  if (delimiter === ",") return false;
  let comma = 0;
  let dot = 0;
  for (const row of rows) {
    for (const field of row.split(delimiter)) {
      const f = field.trim().replace(/^"|"$/g, "");
      if (/^-?\d+,\d+$/.test(f)) comma++;
      else if (/^-?\d+\.\d+$/.test(f)) dot++;
    }
  }
  return comma > 0 && comma >= dot;
}
