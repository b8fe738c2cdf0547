/**
 * A CSV fetched from a URL is read from a temp file; these put the URL back in place of that file
 * in the result (quarantined rows, files, source) and in errors, so nothing names the temp file.
 */
import type { CsvExtractResult } from "./csv-extract.js";

/** Returns `result` with `file` replaced by `location` and the source kind set to `kind`. */
export function relocateCsvResult(
  result: CsvExtractResult,
  file: string,
  location: string,
  kind: string,
): CsvExtractResult {
  for (const row of result.quarantine) if (row.source === file) row.source = location;
  return {
    ...result,
    source: { ...result.source, kind, location },
    files: result.files.map((f) => ({ ...f, path: f.path === file ? location : f.path })),
  };
}

/** Returns `error` with `file` replaced by `location` in its message and problems. */
export function relocateCsvError(error: unknown, file: string, location: string): unknown {
  if (error instanceof Error) {
    error.message = error.message.split(file).join(location);
    if ("problems" in error && Array.isArray(error.problems)) {
      for (const p of error.problems as { file?: string }[]) if (p.file === file) p.file = location;
    }
  }
  return error;
}
