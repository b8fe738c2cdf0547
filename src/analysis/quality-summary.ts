/**
 * Table rows for a data-quality report (from readLoadSeries): the reconciled row counts, and the
 * largest gaps with their local start and end, ready for showTable.
 */
import type { GapInfo, QualityReport } from "../etl/validate/quality-report.js";
import { formatLocalTime } from "./local-calendar.js";

/** One measure of the quality summary. */
export interface QualityRow {
  measure: string;
  value: string | number;
}

/** Returns the counts of a quality report as measure/value rows (reconciliation first). */
export function qualitySummary(report: QualityReport): QualityRow[] {
  const missing = report.gaps.reduce((s, g) => s + g.missing, 0);
  return [
    { measure: "rows read", value: report.rowsRead },
    { measure: "rows kept (clean series)", value: report.rowsWritten },
    { measure: "rows quarantined", value: report.rowsQuarantined },
    { measure: "duplicate rows merged", value: report.duplicatesMerged },
    { measure: "outliers dropped", value: report.outliersDropped },
    { measure: "counts reconcile", value: report.reconciled ? "yes" : "NO" },
    { measure: "interval (minutes)", value: report.intervalMinutes },
    { measure: "first interval (UTC)", value: report.firstUtc ?? "" },
    { measure: "last interval (UTC)", value: report.lastUtc ?? "" },
    { measure: "gaps", value: report.gaps.length },
    { measure: "missing intervals in gaps", value: missing },
  ];
}

/** Options of gapTable. */
export interface GapTableOptions {
  /** IANA zone for the local times; default "UTC" */
  timeZone?: string;
  /** largest gaps listed; default 10 */
  top?: number;
}

/** One gap: the last interval before and first after it (local), and the intervals missing. */
export interface GapRow {
  lastBefore: string;
  firstAfter: string;
  missing: number;
}

/** Returns the `top` largest gaps (then earliest first) with local times. */
export function gapTable(report: QualityReport, options: GapTableOptions = {}): GapRow[] {
  return gapRows(report.gaps, options);
}

/** Returns the `top` largest of `gaps` (then earliest first) with local times. */
export function gapRows(gaps: readonly GapInfo[], options: GapTableOptions = {}): GapRow[] {
  const timeZone = options.timeZone ?? "UTC";
  return [...gaps]
    .sort((a, b) => b.missing - a.missing || a.afterUtcMs - b.afterUtcMs)
    .slice(0, options.top ?? 10)
    .map((g) => ({
      lastBefore: formatLocalTime(g.afterUtcMs, timeZone),
      firstAfter: formatLocalTime(g.beforeUtcMs, timeZone),
      missing: g.missing,
    }));
}
