/**
 * The cleaning step every load source goes through after extraction: sort by UTC stamp, merge
 * duplicates by policy, find the step and the gaps, flag (or drop) outliers, and write the
 * quality summary that reconciles rows read with rows kept, quarantined and merged.
 */
import { createLoadSeries, takeRows, type LoadSeries } from "../../frame.js";
import type { ExtractResult } from "../extract/extract-result.js";
import { finding, type QualityFinding, type QualityReport } from "../validate/quality-report.js";
import { reconcile } from "../validate/reconcile.js";
import { detectGaps } from "./detect-gaps.js";
import { dstGapFindings } from "./dst-gap-findings.js";
import { flagOutliers } from "./flag-outliers.js";
import { mergeDuplicates, type DuplicatePolicy } from "./merge-duplicates.js";
import { sortByTime } from "./sort-by-time.js";

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
  const findings: QualityFinding[] = [
    ...((extracted as { findings?: QualityFinding[] }).findings ?? []),
  ];
  const sorted = sortByTime(extracted.frame);
  if (sorted.descents > 0) {
    findings.push(
      finding(
        "unsorted",
        sorted.descents,
        `rows out of order (${sorted.descents} backward steps): sorted by UTC time`,
      ),
    );
  }
  const policy = options.duplicates ?? "mean";
  const merged = mergeDuplicates(sorted.frame, { policy });
  if (merged.groups > 0) {
    findings.push(
      finding(
        "duplicates",
        merged.rowsMerged,
        `${merged.groups} stamp(s) appeared more than once: ${merged.rowsMerged} row(s) merged by ${policy}`,
        merged.examples,
      ),
    );
  }
  let frame = merged.frame;
  const gaps = detectGaps(frame);
  let outliersDropped = 0;
  if ((options.outliers ?? "flag") !== "none" && frame.length > 2) {
    const flagged = flagOutliers(frame, {
      intervalMs: gaps.intervalMs || 3_600_000,
      threshold: options.outlierThreshold ?? 6,
    });
    frame = flagged.frame;
    const t = frame.columns.timeUtcMs as Float64Array;
    const x = frame.columns.loadMw as Float64Array;
    const examples = flagged.indices
      .slice(0, 5)
      .map((i) => `${new Date(t[i]!).toISOString()} ${x[i]!}`);
    if (options.outliers === "drop" && flagged.indices.length > 0) {
      const drop = new Set(flagged.indices);
      const keep: number[] = [];
      for (let i = 0; i < frame.length; i++) if (!drop.has(i)) keep.push(i);
      frame = takeRows(frame, keep);
      outliersDropped = flagged.indices.length;
    }
    if (flagged.indices.length > 0) {
      const action =
        options.outliers === "drop" ? "dropped" : "flagged (column outlier), not changed";
      findings.push(
        finding(
          "outliers",
          flagged.indices.length,
          `${flagged.indices.length} outlier(s) by Hampel filter on seasonal residuals: ${action}`,
          examples,
        ),
      );
    }
  }
  const t = frame.columns.timeUtcMs as Float64Array;
  const first = frame.length > 0 ? t[0]! : Number.NaN;
  const last = frame.length > 0 ? t[frame.length - 1]! : Number.NaN;
  const finalGaps = outliersDropped > 0 ? detectGaps(frame, { intervalMs: gaps.intervalMs }) : gaps;
  if (finalGaps.gaps.length > 0) {
    findings.push(
      finding(
        "gaps",
        finalGaps.missingIntervals,
        `${finalGaps.gaps.length} gap(s), ${finalGaps.missingIntervals} missing interval(s) of ${gaps.intervalMs / 60_000} min: not filled`,
        finalGaps.gaps
          .slice(0, 5)
          .map((g) => `${new Date(g.afterUtcMs).toISOString()} +${g.missing}`),
      ),
    );
  }
  findings.push(...dstGapFindings(finalGaps.gaps, first, last, options.timeZone ?? "UTC"));
  const counts = {
    rowsRead: extracted.rowsRead,
    rowsWritten: frame.length,
    rowsQuarantined: extracted.quarantine.length,
    duplicatesMerged: merged.rowsMerged,
    outliersDropped,
  };
  const reconciled = reconcile(counts, extracted.source.location);
  const { timeUtcMs, loadMw, ...extra } = frame.columns;
  return {
    series: createLoadSeries(timeUtcMs as Float64Array, loadMw as Float64Array, extra),
    quality: {
      ...counts,
      reconciled,
      intervalMinutes: gaps.intervalMs / 60_000,
      firstUtc: Number.isNaN(first) ? null : new Date(first).toISOString(),
      lastUtc: Number.isNaN(last) ? null : new Date(last).toISOString(),
      gaps: finalGaps.gaps,
      findings,
    },
  };
}
