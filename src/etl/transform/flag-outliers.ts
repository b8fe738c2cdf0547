/**
 * Robust outlier flags: residuals from a seasonal profile (median by hour of week, or day of week
 * for daily data, over the rows within ±26 weeks), then a Hampel filter on the residuals (a point
 * is an outlier when it is more than `threshold` scaled MADs from the median of its window).
 * Values are flagged, never changed. The statistic reads a bounded span around each point, so a
 * streamed run (`_OutlierScan` fed in chunks) flags exactly the same rows.
 */
import { numberColumn, type Column, type Frame } from "../../frame.js";
import { _OutlierScan, _scanWhole } from "./outlier-scan.js";

/** Options of `flagOutliers`. */
export interface FlagOutliersOptions {
  /** value column; default "loadMw" */
  column?: string;
  /** series step in ms; default 3,600,000 (hourly) */
  intervalMs?: number;
  /** half-width of the Hampel window in steps; default one day of steps, clamped to 3…48 */
  halfWindow?: number;
  /** flag beyond this many scaled MADs; default 6 */
  threshold?: number;
}

/** The frame with an `outlier` flag column, and the flagged rows' indices. */
export interface FlagOutliersResult<F extends Frame> {
  frame: F;
  indices: number[];
}

/** Returns `frame` (sorted, unique stamps) plus a Uint8Array `outlier` column (1 = flagged). */
export function flagOutliers<F extends Frame>(
  frame: F,
  options: FlagOutliersOptions = {},
): FlagOutliersResult<F> {
  const { flags, indices } = _scanWhole(
    new _OutlierScan(options),
    numberColumn(frame, "timeUtcMs"),
    numberColumn(frame, options.column ?? "loadMw"),
  );
  const columns: Record<string, Column> = { ...frame.columns, outlier: flags };
  return { frame: { length: frame.length, columns } as unknown as F, indices };
}
