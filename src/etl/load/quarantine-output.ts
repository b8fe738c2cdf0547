/**
 * Renders quarantined rows as CSV: source, line, reason, raw (the original row text). A source
 * that is a URL keeps its host and path; credentials in it (an API key) are redacted.
 */
import { stringify } from "csv-stringify/sync";
import { redactSecrets } from "../../util/redact-secrets.js";
import type { QuarantinedRow } from "../extract/extract-result.js";

/** Returns the quarantine file's bytes (a header even when no row was rejected). */
export function renderQuarantine(rows: readonly QuarantinedRow[]): Uint8Array {
  const text = stringify(
    rows.map((r) => [redactSecrets(r.source), r.line, r.reason, r.raw]),
    { header: true, columns: ["source", "line", "reason", "raw"] },
  );
  return new TextEncoder().encode(text);
}
