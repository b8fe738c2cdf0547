/** Turns the rows an API or database extractor collected into the shared ExtractResult. */
import type { GrowableRows } from "./csv-columns.js";
import type { ExtractResult, QuarantinedRow, SourceInfo } from "./extract-result.js";

/**
 * Returns an ExtractResult over the first `rows.length` rows (`timeUtcMs`, `loadMw`, `line`,
 * `dstAmbiguous`); `rowsRead` is accepted plus quarantined rows.
 */
export function finishExtract(
  rows: GrowableRows,
  quarantine: QuarantinedRow[],
  source: SourceInfo,
): ExtractResult {
  const n = rows.length;
  return {
    frame: {
      length: n,
      columns: {
        timeUtcMs: rows.time.slice(0, n),
        loadMw: rows.value.slice(0, n),
        line: rows.line.slice(0, n),
        dstAmbiguous: rows.flag.slice(0, n),
      },
    },
    quarantine,
    rowsRead: n + quarantine.length,
    source,
  };
}
