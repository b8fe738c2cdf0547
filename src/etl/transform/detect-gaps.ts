/**
 * Finds the step of a sorted series (the most common difference between stamps) and the gaps
 * where stamps are missing. A skipped spring-forward hour is no gap: stamps are UTC.
 */
import { numberColumn, type Frame } from "../../frame.js";
import type { GapInfo } from "../validate/quality-report.js";

/** The series step and its gaps. */
export interface DetectGapsResult {
  intervalMs: number;
  gaps: GapInfo[];
  missingIntervals: number;
}

/** Returns the step of `frame` (sorted, unique timeUtcMs) and every gap longer than one step. */
export function detectGaps(frame: Frame, options: { intervalMs?: number } = {}): DetectGapsResult {
  const t = numberColumn(frame, "timeUtcMs");
  const intervalMs = options.intervalMs ?? inferIntervalMs(t);
  const gaps: GapInfo[] = [];
  let missingIntervals = 0;
  if (intervalMs <= 0) return { intervalMs, gaps, missingIntervals };
  for (let i = 1; i < t.length; i++) {
    const d = t[i]! - t[i - 1]!;
    if (d > intervalMs * 1.5) {
      const missing = Math.round(d / intervalMs) - 1;
      missingIntervals += missing;
      gaps.push({
        afterUtcMs: t[i - 1]!,
        beforeUtcMs: t[i]!,
        afterUtc: new Date(t[i - 1]!).toISOString(),
        beforeUtc: new Date(t[i]!).toISOString(),
        missing,
      });
    }
  }
  return { intervalMs, gaps, missingIntervals };
}

/** Returns the most common positive difference between consecutive stamps (0 if none). */
export function inferIntervalMs(t: Float64Array): number {
  const counts = new Map<number, number>();
  const step = Math.max(1, Math.floor(t.length / 20_000));
  for (let i = step; i < t.length; i += step) {
    const d = t[i]! - t[i - 1]!;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount || (c === bestCount && d < best)) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}
