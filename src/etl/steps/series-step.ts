/**
 * The shape of a series step of the ETL (sort by UTC, dedupe, outliers, units, fill, resample):
 * a name, when it applies, how it runs on the whole series and, when it can, how it runs on a
 * stream of time-ordered chunks with the same result. The statistics a step finds go into the
 * shared `SeriesStats`, from which one function writes the quality report for both executions.
 */
import type { LoadSeries } from "../../frame.js";
import type { EtlConfig } from "../etl-config.js";
import type { GapInfo } from "../validate/quality-report.js";

/** The settings of the series steps (a subset of EtlConfig). */
export type SeriesConfig = Pick<
  EtlConfig,
  "timeZone" | "duplicates" | "outliers" | "outlierThreshold" | "unit" | "fill" | "resample"
>;

/** What the series steps found, filled in as they run (whole or chunked). */
export interface SeriesStats {
  /** places where a stamp was earlier than the one before it, in source order */
  descents: number;
  duplicateGroups: number;
  duplicatesMerged: number;
  duplicateExamples: string[];
  /** the series step: most common difference among the first 4,096 unique stamps (0 if none) */
  intervalMs: number;
  outliers: number;
  outlierExamples: string[];
  outliersDropped: number;
  /** rows after dedupe and outlier drops, their first and last stamps */
  rowsKept: number;
  firstUtcMs: number;
  lastUtcMs: number;
  gaps: GapInfo[];
  missingIntervals: number;
  rowsFilled: number;
  /** buckets with coverage < 1, when resampling */
  partialBuckets: number;
}

/** Returns empty statistics. */
export function emptySeriesStats(): SeriesStats {
  return {
    descents: 0,
    duplicateGroups: 0,
    duplicatesMerged: 0,
    duplicateExamples: [],
    intervalMs: 0,
    outliers: 0,
    outlierExamples: [],
    outliersDropped: 0,
    rowsKept: 0,
    firstUtcMs: Number.NaN,
    lastUtcMs: Number.NaN,
    gaps: [],
    missingIntervals: 0,
    rowsFilled: 0,
    partialBuckets: 0,
  };
}

/** A step's chunked form: chunks go in in time order; `end` takes the last chunk and flushes. */
export interface ChunkOperator {
  push(chunk: LoadSeries): LoadSeries;
  end(chunk: LoadSeries): LoadSeries;
}

/** One named series step. */
export interface SeriesStep {
  name: string;
  /** false when the config turns the step off */
  applies(config: SeriesConfig): boolean;
  /**
   * runs on the whole series; `owned`: the caller gives `series` up (no one else holds it), so
   * the step may reuse its buffers instead of copying them (default false)
   */
  run(series: LoadSeries, config: SeriesConfig, stats: SeriesStats, owned?: boolean): LoadSeries;
  /** the chunked form, or undefined when this config needs the whole series at once */
  chunked(config: SeriesConfig, stats: SeriesStats): ChunkOperator | undefined;
}

/** Thrown by a chunked step that met input it cannot handle in order (a row far out of order). */
export class StreamOrderBreak extends Error {}

/** Returns an empty series with the columns of `like`. */
export function emptyLike(like: LoadSeries): LoadSeries {
  const columns: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(like.columns))
    columns[name] = Array.isArray(values) ? [] : values.subarray(0, 0);
  return { length: 0, columns } as unknown as LoadSeries;
}
