/**
 * The weather findings: one per quirk seen in a station's data (codes `weather-…`, messages led
 * by the station's name) and one for the zone, in the shape of the load's quality findings.
 */
import { finding, type QualityFinding } from "../validate/quality-report.js";
import type { WeatherReport, WeatherStationReport } from "./weather-report.js";

// The CSV reader's own DST findings are replaced by the weather-dst-* ones built from the counts.
const REPLACED = new Set(["local-time", "dst-nonexistent", "dst-ambiguous", "dst-repeat-resolved"]);

/** Returns the findings of one station; `readerFindings` are the reader's own (dialect, format). */
export function stationFindings(
  r: WeatherStationReport,
  readerFindings: readonly QualityFinding[],
): QualityFinding[] {
  const at = `weather ${r.name}`;
  const out: QualityFinding[] = [];
  const add: Add = (code, count, message, examples) => {
    if (count > 0) out.push(finding(`weather-${code}`, count, `${at}: ${message}`, examples));
  };
  const formats = [...new Set(r.formats.map((f) => `${f.format} (by ${f.by})`))].join(", ");
  add("source", r.rowsRead, `${r.files.length} file(s) read as ${formats}, column ${r.column}`);
  for (const f of readerFindings)
    if (!REPLACED.has(f.code)) add(f.code, f.count, f.message, f.examples);
  if (r.unit !== "C") add("unit", r.rowsRead - r.missingValues, `converted ${r.conversion}`);
  if (r.timeZone !== "UTC")
    add("local-time", r.rowsRead, `local time in ${r.timeZone} converted to UTC`);
  dstFindings(r, add);
  add("missing-values", r.missingValues, "values the source marks missing (empty, −9999, null)");
  const reasons = Object.entries(r.quarantinedByReason).map(([k, n]) => `${k} ×${n}`);
  add("quarantined", r.rowsQuarantined, `rows set aside: ${reasons.join(", ")}`);
  add("implausible", r.implausible, `values outside the plausible range quarantined`);
  add("duplicates", r.duplicatesMerged, "readings sharing a stamp averaged");
  add("resampled", r.readingsAveraged, alignmentText(r));
  add(
    "filled",
    r.hoursFilled,
    "hours in short gaps filled by linear interpolation (flag temperatureFilled)",
  );
  add(
    "gaps",
    r.hoursMissing,
    `${r.longGaps.length} gap(s) longer than the fill limit left NaN`,
    r.longGaps.slice(0, 5).map((g) => `${g.afterUtc} … ${g.beforeUtc} (${g.missing} h)`),
  );
  return out;
}

type Add = (code: string, count: number, message: string, examples?: string[]) => void;

function dstFindings(r: WeatherStationReport, add: Add): void {
  add(
    "dst-nonexistent",
    r.nonexistentLocalDropped,
    `stamps inside the skipped spring-forward hour do not exist in ${r.timeZone}: dropped (quarantined)`,
  );
  add(
    "dst-ambiguous",
    r.ambiguousLocalFirst,
    "fall-back stamps seen once: read as their first occurrence (daylight time), flagged dstAmbiguous",
  );
  add(
    "dst-repeat-resolved",
    r.fallBackRepeatsResolved,
    "repeated fall-back stamps resolved by order of appearance (first daylight, then standard time)",
  );
}

function alignmentText(r: WeatherStationReport): string {
  return r.alignment === "hour-means"
    ? `readings every ${r.intervalMinutes} min averaged into hours`
    : "readings moved to the nearest hour of the load's grid and averaged where they met";
}

/** Returns the zone-level findings of `report` (stations combined, coverage). */
export function zoneFindings(report: Omit<WeatherReport, "findings">): QualityFinding[] {
  const out: QualityFinding[] = [];
  if (report.stations.length > 1) {
    const list = report.stations
      .map((s) => `${s.name} (weight ${s.weight}, coverage ${(s.coverage * 100).toFixed(1)} %)`)
      .join(", ");
    out.push(
      finding(
        "weather-stations",
        report.stations.length,
        `zone temperature = ${report.combine} of ${list}; ${report.hoursPartial} hour(s) with only some stations`,
      ),
    );
  }
  return out;
}
