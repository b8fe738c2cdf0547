/**
 * What every extractor returns: the rows it could read as a typed frame, the rows it could not
 * (quarantined with their location, raw text and reason, never dropped), and a description of
 * the source. Validation and transforms take it from here.
 */
import type { Frame } from "../../frame.js";

/** A row that was not accepted, kept with enough context to find and fix it. */
export interface QuarantinedRow {
  /** file path, URL or table the row came from */
  source: string;
  /** 1-based line in the file (CSV), or 1-based record index (API, database) */
  line: number;
  /** the original text of the row (CSV line, JSON record, database row as JSON) */
  raw: string;
  /** why it was rejected: `<subject> <problem>: <value> (<expected>)` */
  reason: string;
}

/** Where the data came from, for the run manifest. */
export interface SourceInfo {
  /** "csv" | "eia" | "entsoe" | "opsd" | "postgres" | "sqlite" | "generated" | … */
  kind: string;
  /** path, URL (secrets removed) or table/query */
  location: string;
  /** SHA-256 of the bytes read, when the source is a file or an HTTP body */
  sha256?: string;
  bytes?: number;
}

/**
 * An extractor's result. `frame` holds at least `timeUtcMs` (Float64Array, UTC epoch ms, in
 * source order, not yet sorted or de-duplicated) and one numeric value column (`loadMw` unless
 * the caller asked for others); `line` (Int32Array) gives each row's source line or record index.
 */
export interface ExtractResult {
  frame: Frame;
  quarantine: QuarantinedRow[];
  /** data rows seen (header and blank lines excluded) = frame.length + quarantine.length */
  rowsRead: number;
  source: SourceInfo;
}
