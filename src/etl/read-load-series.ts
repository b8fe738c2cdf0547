/**
 * One call from a CSV file (or glob) to a clean UTC load series: extract, convert local time,
 * sort, merge duplicates, detect gaps and flag outliers, with the quality report and quarantine.
 *
 * Convention: a series' `timeUtcMs` is the START of its interval in UTC. Hour-ending sources
 * (PJM: `07-11-2010 01:00` is the hour 00:00-01:00 EDT) pass `hourEnding: true`, which moves
 * each stamp back one interval before the local → UTC conversion (so that row starts 04:00Z).
 */
import type { LoadSeries } from "../frame.js";
import type { QuarantinedRow } from "./extract/extract-result.js";
import { extractCsv, type ExtractCsvOptions } from "./extract/csv-extract.js";
import { cleanLoadSeries, type CleanLoadSeriesOptions } from "./transform/clean-load-series.js";
import type { QualityReport } from "./validate/quality-report.js";

/** Options of `readLoadSeries`: everything `extractCsv` and `cleanLoadSeries` take. */
export interface ReadLoadSeriesOptions
  extends Omit<ExtractCsvOptions, "timeZone">, Omit<CleanLoadSeriesOptions, "timeZone"> {
  /** IANA zone of local stamps; default "UTC" (alias of `timeZone`) */
  tz?: string;
  /** IANA zone of local stamps; default "UTC" */
  timeZone?: string;
}

/** A clean series (sorted, unique UTC interval starts, `loadMw`), its quality report and rejects. */
export interface ReadLoadSeriesResult {
  series: LoadSeries;
  quality: QualityReport;
  quarantine: QuarantinedRow[];
}

/**
 * Returns the load series in `path` (a CSV path, glob or `.gz`). Options: `tz` (default UTC),
 * `hourEnding` (default false), `timestampFormat` (default auto), `timeColumn`/`valueColumn`
 * (default by name), `duplicates` mean|first|last|fail (default mean), `outliers`
 * flag|drop|none (default flag), plus the other `extractCsv` options.
 */
export async function readLoadSeries(
  path: string | readonly string[],
  options: ReadLoadSeriesOptions = {},
): Promise<ReadLoadSeriesResult> {
  const timeZone = options.tz ?? options.timeZone ?? "UTC";
  const extracted = await extractCsv(path, { ...options, timeZone });
  const { series, quality } = cleanLoadSeries(extracted, { ...options, timeZone });
  return { series, quality, quarantine: extracted.quarantine };
}
