/**
 * One call from a CSV file (or glob) to a clean UTC load series, through the same steps as
 * `powerflow etl`: extract → validate (bad-row policy) → sort-utc → dedupe → outliers → units →
 * fill → resample, with the same quality report and quarantine (and the same streamed
 * execution when resampling).
 *
 * Convention: a series' `timeUtcMs` is the START of its interval in UTC. Hour-ending sources
 * (PJM: `07-11-2010 01:00` is the hour 00:00-01:00 EDT) pass `hourEnding: true`, which moves
 * each stamp back one interval before the local → UTC conversion (so that row starts 04:00Z).
 */
import { nodeEffects, silentLogger } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import { normalizeEtlConfig, type EtlSpec } from "./etl-config.js";
import { ETL_DEFAULTS } from "./etl-defaults.js";
import type { QuarantinedRow } from "./extract/extract-result.js";
import { extractCsv, type ExtractCsvOptions } from "./extract/csv-extract.js";
import { prepareSeries } from "./prepare-series.js";
import type { DuplicatePolicy } from "./transform/merge-duplicates.js";
import type { FillMethod } from "./transform/fill-gaps.js";
import type { QualityReport } from "./validate/quality-report.js";

/** Options of `readLoadSeries`: the CSV reading options plus the ETL's policies. */
export interface ReadLoadSeriesOptions extends Omit<ExtractCsvOptions, "timeZone" | "onRow"> {
  /** IANA zone of local stamps; default "UTC" (alias of `timeZone`) */
  tz?: string;
  /** IANA zone of local stamps; default "UTC" */
  timeZone?: string;
  /** rows sharing a stamp: mean (default), first, last or fail */
  duplicates?: DuplicatePolicy;
  /** outliers: "flag" (default, adds column `outlier`), "drop" or "none" */
  outliers?: "flag" | "drop" | "none";
  /** Hampel threshold in scaled MADs; default 6 */
  outlierThreshold?: number;
  /** unit of the value column: W, kW, MW (default), GW, Wh, kWh, MWh or GWh */
  unit?: string;
  /** gap filling: "none" (default), "linear" or "seasonal", or { method, maxSteps (default 3) } */
  fill?: FillMethod | { method: FillMethod; maxSteps?: number };
  /** "hourly", "daily" or "weekly" buckets; default none */
  resample?: "hourly" | "daily" | "weekly";
  /** "quarantine" (default) keeps bad rows aside; "fail" refuses any */
  onBadRow?: "quarantine" | "fail";
  /** most quarantined rows accepted; default 1000 (as `powerflow etl --max-bad-rows`) */
  maxBadRows?: number;
}

/** The series (sorted, unique UTC interval starts, `loadMw`), its quality report and rejects. */
export interface ReadLoadSeriesResult {
  series: LoadSeries;
  quality: QualityReport;
  quarantine: QuarantinedRow[];
}

const POLICY_KEYS = [
  "hourEnding",
  "intervalMinutes",
  "timestampFormat",
  "timeColumn",
  "valueColumn",
  "allowNegative",
  "duplicates",
  "outliers",
  "outlierThreshold",
  "unit",
  "fill",
  "resample",
  "onBadRow",
  "maxBadRows",
] as const;

/**
 * Returns the load series in `path` (a CSV path, glob, list or `.gz`) after the ETL's steps.
 * Options: `tz` (default UTC), `hourEnding` (default false), `timestampFormat` (default auto),
 * `timeColumn`/`valueColumn` (default by name), `duplicates` (default mean), `outliers`
 * (default flag), `unit` (default MW), `fill` (default none), `resample` (default none),
 * `onBadRow` (default quarantine), `maxBadRows` (default 1000), plus `extractCsv`'s options.
 * Throws ValidationError when the bad rows break the policy, InputError on a bad option.
 */
export async function readLoadSeries(
  path: string | readonly string[],
  options: ReadLoadSeriesOptions = {},
): Promise<ReadLoadSeriesResult> {
  const timeZone = options.tz ?? options.timeZone ?? ETL_DEFAULTS.timeZone;
  const label = typeof path === "string" ? path : path.join(", ");
  const spec: EtlSpec = { input: label, out: "(not written)", timeZone, formats: "csv" };
  for (const key of POLICY_KEYS) if (options[key] !== undefined) spec[key] = options[key];
  const config = normalizeEtlConfig(spec, "readLoadSeries options");
  const csv: ExtractCsvOptions = { ...options, timeZone };
  const prepared = await prepareSeries(
    { streamsRows: true, extract: (onRow) => extractCsv(path, onRow ? { ...csv, onRow } : csv) },
    config,
    nodeEffects({ logger: silentLogger() }),
  );
  return {
    series: prepared.series,
    quality: prepared.quality,
    quarantine: prepared.extracted.quarantine,
  };
}
