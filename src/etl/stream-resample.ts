/**
 * The constant-memory path of the pipeline: when a CSV run only resamples (no gap filling, no
 * outlier detection, duplicates first or fail, a power unit), rows go straight from the scanner
 * into per-bucket sums, so memory follows the number of output buckets, not of input rows.
 * The quality report and reconciliation are the same shape as on the full path.
 */
import type { LoadSeries } from "../frame.js";
import type { EtlConfig } from "./etl-config.js";
import {
  extractCsv,
  type CsvExtractResult,
  type ExtractCsvOptions,
} from "./extract/csv-extract.js";
import { BucketAccumulator } from "./transform/bucket-accumulator.js";
import { detectGaps } from "./transform/detect-gaps.js";
import { dstGapFindings } from "./transform/dst-gap-findings.js";
import { isEnergyUnit, normalizeUnits } from "./transform/normalize-units.js";
import { checkBadRows } from "./validate/check-bad-rows.js";
import { finding, type QualityReport } from "./validate/quality-report.js";
import { reconcile } from "./validate/reconcile.js";

/** True when `config` can run on the streaming path with source `sourceName`. */
export function canStream(config: EtlConfig, sourceName: string): boolean {
  return (
    sourceName === "csv" &&
    config.resample !== undefined &&
    config.fill.method === "none" &&
    config.outliers === "none" &&
    (config.duplicates === "first" || config.duplicates === "fail") &&
    !isEnergyUnit(config.unit)
  );
}

/** The resampled series, its quality report and the extraction (quarantine, inputs). */
export interface StreamResampleResult {
  series: LoadSeries;
  quality: QualityReport;
  extracted: CsvExtractResult;
}

/** Extracts `config.input` straight into buckets of `config.resample`. */
export async function streamResample(
  config: EtlConfig,
  options: ExtractCsvOptions,
): Promise<StreamResampleResult> {
  const accumulator = new BucketAccumulator({
    frequency: config.resample!,
    timeZone: config.timeZone,
    duplicates: config.duplicates === "fail" ? "fail" : "first",
  });
  const extracted = await extractCsv(config.input, {
    ...options,
    onRow: (t, v) => void accumulator.add(t, v),
  });
  checkBadRows(extracted, config);
  const { frame, intervalMs } = accumulator.finish();
  const series = normalizeUnits(normalizeUnits(frame, { unit: config.unit }), {
    unit: config.unit,
    column: "energyMwh",
  }) as unknown as LoadSeries;
  const findings = [...extracted.findings];
  if (accumulator.descents > 0) {
    findings.push(
      finding(
        "unsorted",
        accumulator.descents,
        `rows out of order (${accumulator.descents} backward steps): buckets are in time order`,
      ),
    );
  }
  if (accumulator.duplicates > 0) {
    findings.push(
      finding(
        "duplicates",
        accumulator.duplicates,
        `${accumulator.duplicates} row(s) repeated a stamp: the first value kept`,
      ),
    );
  }
  const partial = countPartial(frame.columns.coverage);
  if (partial > 0)
    findings.push(
      finding(
        "partial-buckets",
        partial,
        `${partial} ${config.resample} bucket(s) with coverage < 1 (see column coverage)`,
      ),
    );
  const bucketMs = config.resample === "hourly" ? 3_600_000 : undefined;
  const gaps = bucketMs ? detectGaps(frame, { intervalMs: bucketMs }) : detectGaps(frame);
  if (gaps.gaps.length > 0)
    findings.push(
      finding(
        "gaps",
        gaps.missingIntervals,
        `${gaps.gaps.length} gap(s) of whole ${config.resample} buckets, ${gaps.missingIntervals} missing`,
      ),
    );
  const t = frame.columns.timeUtcMs;
  const first = frame.length > 0 ? t[0]! : Number.NaN;
  const last = frame.length > 0 ? t[frame.length - 1]! : Number.NaN;
  findings.push(...dstGapFindings([], first, last, config.timeZone));
  findings.push(
    finding(
      "streamed",
      accumulator.rows,
      `streamed into ${frame.length} ${config.resample} bucket(s) without holding the rows (memory follows the buckets)`,
    ),
  );
  const counts = {
    rowsRead: extracted.rowsRead,
    rowsWritten: accumulator.rows,
    rowsQuarantined: extracted.quarantine.length,
    duplicatesMerged: accumulator.duplicates,
    outliersDropped: 0,
  };
  const quality: QualityReport = {
    ...counts,
    reconciled: reconcile(counts, extracted.source.location),
    intervalMinutes: intervalMs / 60_000,
    firstUtc: Number.isNaN(first) ? null : new Date(first).toISOString(),
    lastUtc: Number.isNaN(last) ? null : new Date(last).toISOString(),
    gaps: gaps.gaps,
    findings,
  };
  return { series, quality, extracted };
}

function countPartial(coverage: Float64Array): number {
  let n = 0;
  for (const c of coverage) if (c < 1) n++;
  return n;
}
