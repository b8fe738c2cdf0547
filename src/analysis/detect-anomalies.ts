/**
 * Anomalous days from a decomposition's residuals: robust z-scores (median and MAD) above a
 * threshold, largest first, each with its expected value and, when known, the holiday it fell on.
 */
import { InputError } from "../errors.js";
import type { DailyDecomposition } from "./decompose-daily.js";
import { median } from "./stats.js";

/** Options of detectAnomalies. */
export interface DetectAnomaliesOptions {
  /** |robust z| at or above which a day is anomalous; default 3.5 */
  threshold?: number;
  /** names of special days by "YYYY-MM-DD" (e.g. publicHolidays(...)), attached to matches */
  holidays?: ReadonlyMap<string, string>;
}

/** One anomalous day; values in the decomposed column's unit (MW for means). */
export interface Anomaly {
  date: string;
  observed: number;
  /** trend + seasonal */
  expected: number;
  residual: number;
  /** 0.6745 · (residual − median) ÷ MAD */
  robustZ: number;
  direction: "high" | "low";
  /** residual ÷ expected × 100 */
  deviationPct: number;
  holiday?: string;
}

/** Returns the days whose residual robust z-score reaches the threshold, largest |z| first. */
export function detectAnomalies(
  decomposition: DailyDecomposition,
  options: DetectAnomaliesOptions = {},
): Anomaly[] {
  const threshold = options.threshold ?? 3.5;
  if (!(threshold > 0))
    throw new InputError(`invalid threshold: ${threshold} (expected a positive number)`);
  const { residual, observed, date } = decomposition;
  const centre = median(residual);
  const deviations = Array.from(residual, (r) => Math.abs(r - centre));
  const mad = median(deviations);
  if (!(mad > 0)) return [];
  const out: Anomaly[] = [];
  for (let i = 0; i < residual.length; i++) {
    const r = residual[i]!;
    if (!Number.isFinite(r)) continue;
    const z = (0.6745 * (r - centre)) / mad;
    if (Math.abs(z) < threshold) continue;
    const expected = observed[i]! - r;
    const holiday = options.holidays?.get(date[i]!);
    out.push({
      date: date[i]!,
      observed: observed[i]!,
      expected,
      residual: r,
      robustZ: z,
      direction: z > 0 ? "high" : "low",
      deviationPct: (r / expected) * 100,
      ...(holiday === undefined ? {} : { holiday }),
    });
  }
  return out.sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ));
}
