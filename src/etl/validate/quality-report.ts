/**
 * The data-quality summary of a run: counts that must reconcile, and one finding per quirk
 * found (what was seen, how often, and what was done about it).
 */
import type { WeatherOverlap } from "../transform/join-weather.js";
import type { WeatherReport } from "../weather/weather-report.js";

/** One data-quality finding, e.g. `{ code: "dst-repeat-resolved", count: 4, message }`. */
export interface QualityFinding {
  /** stable identifier: timestamp-format, crlf, bom, unsorted, duplicates, gaps, outliers, … */
  code: string;
  /** what was found and what was done, in one sentence */
  message: string;
  /** how many rows, values or intervals it concerns */
  count: number;
  /** a few examples (stamps, lines) */
  examples?: string[];
}

/** A gap in a regular series: `missing` intervals between `afterUtcMs` and `beforeUtcMs`. */
export interface GapInfo {
  afterUtcMs: number;
  beforeUtcMs: number;
  /** ISO 8601 forms of the two stamps around the gap */
  afterUtc: string;
  beforeUtc: string;
  missing: number;
}

/** The quality summary returned by `readLoadSeries` and written into the run manifest. */
export interface QualityReport {
  rowsRead: number;
  rowsWritten: number;
  rowsQuarantined: number;
  duplicatesMerged: number;
  /** true when rows read = written + quarantined + merged duplicates (+ dropped outliers) */
  reconciled: boolean;
  /** rows removed because `outliers: "drop"` was asked */
  outliersDropped: number;
  /** the series' step in minutes (the most common difference between stamps) */
  intervalMinutes: number;
  firstUtc: string | null;
  lastUtc: string | null;
  gaps: GapInfo[];
  findings: QualityFinding[];
  /** the weather joined (enrich.weather): per-station report, policies and overlap with the load */
  weather?: WeatherReport & { overlap: WeatherOverlap };
}

/** Returns a finding (helper that keeps messages in one shape). */
export function finding(
  code: string,
  count: number,
  message: string,
  examples?: string[],
): QualityFinding {
  return examples && examples.length > 0
    ? { code, count, message, examples }
    : { code, count, message };
}
