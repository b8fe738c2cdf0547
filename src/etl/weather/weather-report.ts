/**
 * The weather quality report: per station, what was read (files, format and how it was chosen,
 * unit conversion, zone, column) and what cleaning did, reconciled row by row; for the zone, how
 * the stations were combined and which hours have a temperature. It goes into the ETL quality
 * report (`quality.weather`), the manifest and the backtest JSON.
 */
import type { CleanWeatherStats } from "../transform/clean-weather.js";
import type { StationCoverage } from "../transform/combine-weather-stations.js";
import { describeConversion } from "../transform/to-celsius.js";
import type { GapInfo, QualityFinding } from "../validate/quality-report.js";
import type { ExtractedStation } from "./extract-weather.js";
import type { WeatherFile } from "./raw-weather.js";
import type { TemperatureUnit, WeatherConfig, WeatherStationConfig } from "./weather-config.js";
import { stationFindings } from "./weather-findings.js";

/** One station's part of the weather report. */
export interface WeatherStationReport {
  name: string;
  weight: number;
  inputs: string[];
  files: WeatherFile[];
  /** each file's format and what chose it (given, url, file name or content) */
  formats: ExtractedStation["formats"];
  unit: TemperatureUnit;
  /** e.g. "°F → °C: (x − 32) × 5/9" */
  conversion: string;
  /** zone of local stamps ("UTC" for formats stamped in UTC) */
  timeZone: string;
  column: string;
  rowsRead: number;
  missingValues: number;
  /** rows the reader set aside (bad lines, dropped local stamps), by reason */
  rowsQuarantined: number;
  quarantinedByReason: Record<string, number>;
  nonexistentLocalDropped: number;
  ambiguousLocalFirst: number;
  fallBackRepeatsResolved: number;
  implausible: number;
  duplicatesMerged: number;
  intervalMinutes: number;
  alignment: CleanWeatherStats["alignment"];
  readingsAveraged: number;
  hoursObserved: number;
  hoursFilled: number;
  hoursMissing: number;
  longGaps: GapInfo[];
  firstUtc: string | null;
  lastUtc: string | null;
  hoursWithValue: number;
  /** hoursWithValue ÷ hours of the zone's period */
  coverage: number;
  /** rows read = hours observed + averaged + merged + implausible + quarantined + missing */
  reconciled: boolean;
  findings: QualityFinding[];
}

/** The weather report of a zone. */
export interface WeatherReport {
  label: "observed weather";
  /** "single station", "mean" (equal weights) or "weighted mean" */
  combine: "single station" | "mean" | "weighted mean";
  stations: WeatherStationReport[];
  firstUtc: string | null;
  lastUtc: string | null;
  hours: number;
  hoursWithTemperature: number;
  /** hours where some but not all stations had a value */
  hoursPartial: number;
  policies: {
    plausibleRangeC: [number, number];
    maxFillHours: number;
    duplicates: string;
    subHourly: string;
    nonexistentLocal: string;
    ambiguousLocal: string;
  };
  findings: QualityFinding[];
}

/** Returns the report of one station from its extraction, cleaning and coverage. */
export function stationReport(
  station: WeatherStationConfig,
  extracted: ExtractedStation,
  stats: CleanWeatherStats,
  coverage: StationCoverage,
  span: { firstUtc: string | null; lastUtc: string | null },
): WeatherStationReport {
  const raw = extracted.raw;
  const byReason: Record<string, number> = {};
  for (const q of raw.quarantine) {
    const key = q.reason.split(":")[0]!;
    byReason[key] = (byReason[key] ?? 0) + 1;
  }
  const accounted =
    stats.hoursObserved +
    stats.readingsAveraged +
    stats.duplicatesMerged +
    stats.implausible +
    raw.quarantine.length +
    raw.missingValues;
  const report: WeatherStationReport = {
    name: station.name,
    weight: station.weight,
    inputs: station.input,
    files: raw.files,
    formats: extracted.formats,
    unit: raw.unit,
    conversion: describeConversion(raw.unit),
    timeZone: raw.timeZone,
    column: raw.column,
    rowsRead: raw.rowsRead,
    missingValues: raw.missingValues,
    rowsQuarantined: raw.quarantine.length,
    quarantinedByReason: byReason,
    nonexistentLocalDropped: raw.nonexistentLocal,
    ambiguousLocalFirst: raw.ambiguousLocal,
    fallBackRepeatsResolved: raw.fallBackRepeatsResolved,
    ...stats,
    ...span,
    hoursWithValue: coverage.hoursWithValue,
    coverage: coverage.coverage,
    reconciled: accounted === raw.rowsRead,
    findings: [],
  };
  report.findings = stationFindings(report, raw.findings);
  return report;
}

/** Returns the policies a config applies, in words, for the report. */
export function weatherPolicies(config: WeatherConfig): WeatherReport["policies"] {
  return {
    plausibleRangeC: [config.minC, config.maxC],
    maxFillHours: config.maxFillHours,
    duplicates: "readings sharing a stamp are averaged",
    subHourly:
      "sub-hourly readings: mean per hour-beginning hour; hourly readings off the load's grid: nearest grid hour",
    nonexistentLocal: "dropped (quarantined and counted)",
    ambiguousLocal:
      "a repeated fall-back hour by order of appearance; a lone one as its first occurrence (daylight time), flagged dstAmbiguous",
  };
}
