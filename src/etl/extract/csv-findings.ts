/**
 * The quality findings a CSV extraction reports: the timestamp format, dialect quirks (BOM,
 * CRLF, delimiter, decimal comma), empty and unnamed columns, DST handling and quarantine.
 */
import type { QuarantinedRow } from "./extract-result.js";
import type { TimeColumn } from "./csv-time-column.js";
import { finding, type QualityFinding } from "../validate/quality-report.js";

interface FileView {
  path: string;
  sniff: { bom: boolean; crlf: boolean; delimiter: string; decimalComma: boolean };
  header: string[] | undefined;
  mapping: { time: number; value: number; unnamed: number[] } | undefined;
  emptyCells: Int32Array;
  rowsRead: number;
}

/** Returns the findings of a finished extraction over `files`. */
export function csvFindings(
  files: FileView[],
  time: TimeColumn | undefined,
  quarantine: QuarantinedRow[],
  options: {
    timestampFormat?: string;
    timeZone?: string;
    hourEnding?: boolean;
    intervalMinutes?: number;
  },
): QualityFinding[] {
  const out: QualityFinding[] = [];
  const rows = files.reduce((s, f) => s + f.rowsRead, 0);
  if (time?.format) {
    const how =
      options.timestampFormat && options.timestampFormat !== "auto"
        ? "given"
        : "inferred over the whole column";
    out.push(finding("timestamp-format", rows, `timestamp format ${time.format}, ${how}`));
    if (time.format.includes("YY") && !time.format.includes("YYYY")) {
      out.push(finding("two-digit-year", rows, "two-digit years read as 1969-2068"));
    }
  }
  for (const f of files) out.push(...dialectFindings(f));
  if (options.hourEnding) {
    const minutes = options.intervalMinutes ?? 60;
    out.push(
      finding(
        "hour-ending",
        rows,
        `stamps are hour-ending: each was moved back ${minutes} min to its interval start`,
      ),
    );
  }
  if (time) out.push(...dstFindings(time, options.timeZone ?? "UTC", rows));
  if (quarantine.length > 0) out.push(quarantineFinding(quarantine));
  return out;
}

function dialectFindings(f: FileView): QualityFinding[] {
  const out: QualityFinding[] = [];
  const name = f.path;
  if (f.sniff.bom) out.push(finding("bom", 1, `${name}: UTF-8 byte-order mark removed`));
  if (f.sniff.crlf) out.push(finding("crlf", f.rowsRead, `${name}: CRLF line ends`));
  if (f.sniff.delimiter !== ",")
    out.push(
      finding(
        "delimiter",
        f.rowsRead,
        `${name}: delimiter ${JSON.stringify(f.sniff.delimiter)} detected`,
      ),
    );
  if (f.sniff.decimalComma)
    out.push(finding("decimal-comma", f.rowsRead, `${name}: decimal comma detected`));
  if (!f.header || !f.mapping) return out;
  if (f.mapping.unnamed.length > 0) {
    out.push(
      finding(
        "trailing-separators",
        f.mapping.unnamed.length,
        `${name}: ${f.mapping.unnamed.length} unnamed column(s) (trailing separators) ignored`,
      ),
    );
  }
  const empty: string[] = [];
  f.header.forEach((h, i) => {
    const count = f.emptyCells[i] ?? 0;
    if (h.trim() !== "" && count > 0)
      empty.push(`${JSON.stringify(h.trim())} empty in ${count} of ${f.rowsRead} rows`);
  });
  if (empty.length > 0)
    out.push(finding("empty-cells", empty.length, `${name}: ${empty.join("; ")}`));
  return out;
}

function dstFindings(time: TimeColumn, zone: string, rows: number): QualityFinding[] {
  const s = time.stats;
  const out: QualityFinding[] = [];
  if (zone !== "UTC" && rows > s.utcOffsetStamps) {
    out.push(
      finding(
        "local-time",
        rows - s.utcOffsetStamps,
        `local prevailing time in ${zone} converted to UTC`,
      ),
    );
  }
  if (s.fallBackRepeatsResolved > 0) {
    out.push(
      finding(
        "dst-repeat-resolved",
        s.fallBackRepeatsResolved,
        `repeated fall-back hour resolved by order of appearance (first = daylight time, second = standard time) on ${s.fallBackDays.size} day(s)`,
      ),
    );
  }
  if (s.ambiguousFlagged > 0) {
    out.push(
      finding(
        "dst-ambiguous",
        s.ambiguousFlagged,
        "fall-back stamp seen once: could be either hour; read as daylight time and flagged (column dstAmbiguous)",
      ),
    );
  }
  if (s.nonexistentRejected > 0) {
    out.push(
      finding(
        "dst-nonexistent",
        s.nonexistentRejected,
        "local time inside the skipped spring-forward hour: quarantined",
      ),
    );
  }
  return out;
}

function quarantineFinding(quarantine: QuarantinedRow[]): QualityFinding {
  const byReason = new Map<string, number>();
  for (const q of quarantine) {
    const key = q.reason.split(":")[0]!;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  const summary = [...byReason].map(([k, n]) => `${k} ×${n}`).join(", ");
  return finding(
    "quarantined",
    quarantine.length,
    `rows quarantined: ${summary}`,
    quarantine.slice(0, 3).map((q) => `${q.source}:${q.line} ${q.reason}`),
  );
}
