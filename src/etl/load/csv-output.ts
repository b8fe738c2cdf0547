/**
 * Renders a frame as CSV bytes: `time_utc` as ISO 8601 UTC (the interval start), then every
 * other column under its frame name; NaN is written as an empty cell.
 */
import { numberColumn, type Frame } from "../../frame.js";
import { concatBytes } from "../../util/concat-bytes.js";

const CHUNK = 65_536;

/** Returns the CSV text of `frame` (UTF-8 bytes), header first. */
export function renderCsv(frame: Frame): Uint8Array {
  const t = numberColumn(frame, "timeUtcMs");
  const names = outputColumnNames(frame);
  const columns = names.map((n) => frame.columns[n]!);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(`time_utc,${names.map(quote).join(",")}\n`)];
  let lines: string[] = [];
  for (let i = 0; i < frame.length; i++) {
    let line = new Date(t[i]!).toISOString();
    for (const column of columns) {
      const v = column[i]!;
      line += ",";
      if (typeof v === "string") line += quote(v);
      else if (!Number.isNaN(v)) line += String(v);
    }
    lines.push(line);
    if (lines.length === CHUNK) {
      parts.push(encoder.encode(`${lines.join("\n")}\n`));
      lines = [];
    }
  }
  if (lines.length > 0) parts.push(encoder.encode(`${lines.join("\n")}\n`));
  return concatBytes(parts);
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
