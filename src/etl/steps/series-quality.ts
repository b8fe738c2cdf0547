/**
 * The quality report of a run, written once from what the steps found (`SeriesStats`), so a
 * streamed and a whole-series run report the same findings in the same order.
 */
import type { ExtractResult } from "../extract/extract-result.js";
import { isEnergyUnit } from "../transform/normalize-units.js";
import { dstGapFindings } from "../transform/dst-gap-findings.js";
import { finding, type QualityFinding, type QualityReport } from "../validate/quality-report.js";
import { reconcile } from "../validate/reconcile.js";
import type { SeriesConfig, SeriesStats } from "./series-step.js";

const iso = (ms: number) => new Date(ms).toISOString();

/** Returns the reconciled quality report of `extracted` after the series steps found `stats`. */
export function seriesQuality(
  extracted: ExtractResult,
  stats: SeriesStats,
  config: SeriesConfig,
): QualityReport {
  const counts = {
    rowsRead: extracted.rowsRead,
    rowsWritten: stats.rowsKept,
    rowsQuarantined: extracted.quarantine.length,
    duplicatesMerged: stats.duplicatesMerged,
    outliersDropped: stats.outliersDropped,
  };
  const reconciled = reconcile(counts, extracted.source.location);
  const first = stats.firstUtcMs;
  const last = stats.lastUtcMs;
  return {
    ...counts,
    reconciled,
    intervalMinutes: stats.intervalMs / 60_000,
    firstUtc: Number.isNaN(first) ? null : iso(first),
    lastUtc: Number.isNaN(last) ? null : iso(last),
    gaps: stats.gaps,
    findings: [
      ...((extracted as { findings?: QualityFinding[] }).findings ?? []),
      ...cleaningFindings(stats, config),
      ...dstGapFindings(stats.gaps, first, last, config.timeZone),
      ...conversionFindings(stats, config),
    ],
  };
}

function cleaningFindings(s: SeriesStats, config: SeriesConfig): QualityFinding[] {
  const out: QualityFinding[] = [];
  if (s.descents > 0)
    out.push(
      finding(
        "unsorted",
        s.descents,
        `rows out of order (${s.descents} backward steps): sorted by UTC time`,
      ),
    );
  if (s.duplicateGroups > 0)
    out.push(
      finding(
        "duplicates",
        s.duplicatesMerged,
        `${s.duplicateGroups} stamp(s) appeared more than once: ${s.duplicatesMerged} row(s) merged by ${config.duplicates}`,
        s.duplicateExamples,
      ),
    );
  if (s.outliers > 0) {
    const action = config.outliers === "drop" ? "dropped" : "flagged (column outlier), not changed";
    out.push(
      finding(
        "outliers",
        s.outliers,
        `${s.outliers} outlier(s) by Hampel filter on seasonal residuals: ${action}`,
        s.outlierExamples,
      ),
    );
  }
  if (s.gaps.length > 0)
    out.push(
      finding(
        "gaps",
        s.missingIntervals,
        `${s.gaps.length} gap(s), ${s.missingIntervals} missing interval(s) of ${s.intervalMs / 60_000} min: not filled`,
        s.gaps.slice(0, 5).map((g) => `${iso(g.afterUtcMs)} +${g.missing}`),
      ),
    );
  return out;
}

function conversionFindings(s: SeriesStats, config: SeriesConfig): QualityFinding[] {
  const out: QualityFinding[] = [];
  const minutes = s.intervalMs / 60_000;
  if (config.unit !== "MW") {
    const days =
      isEnergyUnit(config.unit) && s.intervalMs % 86_400_000 === 0 && config.timeZone !== "UTC"
        ? ` (each interval as long as its local days in ${config.timeZone}: 23 h / 25 h on DST changes)`
        : "";
    out.push(
      finding(
        "units",
        s.rowsKept,
        `values converted from ${config.unit} per ${minutes} min to MW${days}`,
      ),
    );
  }
  if (config.fill.method !== "none")
    out.push(
      finding(
        "filled",
        s.rowsFilled,
        `${s.rowsFilled} missing interval(s) filled by ${config.fill.method} (gaps up to ${config.fill.maxSteps} steps; column filled)`,
      ),
    );
  if (config.resample !== undefined && s.partialBuckets > 0)
    out.push(
      finding(
        "partial-buckets",
        s.partialBuckets,
        `${s.partialBuckets} ${config.resample} bucket(s) with coverage < 1 (see column coverage)`,
      ),
    );
  return out;
}
