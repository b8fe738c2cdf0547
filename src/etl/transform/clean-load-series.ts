/**
 * The cleaning steps every load source goes through after extraction, on an extraction already
 * in memory: sort by UTC stamp, merge duplicates by policy, fix the step, flag (or drop)
 * outliers and find the gaps, with the quality summary that reconciles rows read with rows
 * kept, quarantined and merged. The same steps and report as `powerflow etl` (SERIES_STEPS).
 */
import type { LoadSeries } from "../../frame.js";
import { ETL_DEFAULTS } from "../etl-defaults.js";
import type { ExtractResult } from "../extract/extract-result.js";
import { runSeriesSteps } from "../series-steps.js";
import { seriesQuality } from "../steps/series-quality.js";
import type { SeriesConfig } from "../steps/series-step.js";
import type { QualityReport } from "../validate/quality-report.js";
import type { DuplicatePolicy } from "./merge-duplicates.js";

/** Options of `cleanLoadSeries`. */
export interface CleanLoadSeriesOptions {
  /** rows sharing a stamp: default "mean" */
  duplicates?: DuplicatePolicy;
  /** outliers: "flag" (default, adds column `outlier`), "drop" or "none" */
  outliers?: "flag" | "drop" | "none";
  /** Hampel threshold in scaled MADs; default 6 */
  outlierThreshold?: number;
  /** zone the source was written in (for DST notes on gaps); default "UTC" */
  timeZone?: string;
}

/** A cleaned series, its quality summary and the rows kept out of it. */
export interface CleanLoadSeriesResult {
  series: LoadSeries;
  quality: QualityReport;
}

/** Returns the sorted, de-duplicated series of `extracted` with its reconciled quality report. */
export function cleanLoadSeries(
  extracted: ExtractResult,
  options: CleanLoadSeriesOptions = {},
): CleanLoadSeriesResult {
  const config: SeriesConfig = {
    timeZone: options.timeZone ?? ETL_DEFAULTS.timeZone,
    duplicates: options.duplicates ?? ETL_DEFAULTS.duplicates,
    outliers: options.outliers ?? ETL_DEFAULTS.outliers,
    outlierThreshold: options.outlierThreshold ?? ETL_DEFAULTS.outlierThreshold,
    unit: ETL_DEFAULTS.unit,
    fill: { ...ETL_DEFAULTS.fill },
    resample: undefined,
  };
  const { series, stats } = runSeriesSteps(extracted.frame as LoadSeries, config);
  return { series, quality: seriesQuality(extracted, stats, config) };
}
