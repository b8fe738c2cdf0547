/**
 * The weather's data-quality report for a notebook, in the shape of the load's (qualitySummary,
 * gapTable): what was read and how it was converted, the row counts reconciled, the cleaning
 * policies (fill limit, plausible range, daylight-saving stamps), the findings and the gaps left
 * unfilled, and how many load hours got a temperature.
 */
import type { QualityFinding } from "../etl/validate/quality-report.js";
import type { WeatherStationReport } from "../etl/weather/weather-report.js";
import { formatNumber } from "./format-number.js";
import { gapRows, type GapRow, type GapTableOptions, type QualityRow } from "./quality-summary.js";
import type { ObservedWeather } from "./read-observed-weather.js";
import { stationsMarkdown } from "./weather-comparison-text.js";

/**
 * Returns Markdown naming the weather read (stations, format, column, conversion, zone) and how
 * many load hours got a temperature; without weather, the note as a quote.
 */
export function weatherReadMarkdown(observed: ObservedWeather): string {
  const weather = observed.weather;
  if (weather === undefined) return `> ${observed.note ?? "No weather."}`;
  const o = weather.overlap;
  const without = o.rows - o.rowsWithTemperature;
  const where = [
    [o.rowsBefore, "before the weather starts"],
    [o.rowsAfter, "after it ends"],
    [o.rowsInside, "in its gaps"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, text]) => `${formatNumber(n as number)} ${text as string}`);
  return [
    `**Weather:** ${stationsMarkdown(weather)}.`,
    `A temperature was joined to **${formatNumber(o.rowsWithTemperature)}** of **${formatNumber(o.rows)}** load hours by UTC hour (${formatNumber(without)} without${where.length > 0 ? `: ${where.join(", ")}` : ""}).`,
  ].join(" ");
}

/** Returns the counts and policies of the weather read as measure/value rows; [] without weather. */
export function weatherQualitySummary(observed: ObservedWeather): QualityRow[] {
  const report = observed.weather?.quality;
  if (report === undefined) return [];
  const several = report.stations.length > 1;
  const p = report.policies;
  return [
    ...report.stations.flatMap((s) =>
      stationRows(s).map((r) => (several ? { ...r, measure: `${s.name}: ${r.measure}` } : r)),
    ),
    {
      measure: "policy: gaps",
      value: `up to ${p.maxFillHours} h filled by linear interpolation (flag temperatureFilled); longer gaps left NaN`,
    },
    {
      measure: "policy: plausible range",
      value: `${formatNumber(p.plausibleRangeC[0])} … ${formatNumber(p.plausibleRangeC[1])} °C; values outside quarantined`,
    },
    { measure: "policy: spring-forward stamps", value: p.nonexistentLocal },
    { measure: "policy: fall-back stamps", value: p.ambiguousLocal },
    { measure: "policy: duplicates", value: p.duplicates },
    { measure: "policy: alignment to the load's hours", value: p.subHourly },
  ];
}

// Reconciliation order: rows read = hours observed + averaged + merged + implausible +
// quarantined + missing.
function stationRows(s: WeatherStationReport): QualityRow[] {
  const reasons = Object.entries(s.quarantinedByReason).map(([k, n]) => `${k} ×${n}`);
  return [
    { measure: "rows read", value: s.rowsRead },
    { measure: "hours observed", value: s.hoursObserved },
    { measure: "readings averaged into hours", value: s.readingsAveraged },
    { measure: "duplicate readings merged", value: s.duplicatesMerged },
    { measure: "implausible values quarantined", value: s.implausible },
    {
      measure: "rows quarantined",
      value: reasons.length > 0 ? `${s.rowsQuarantined} (${reasons.join(", ")})` : 0,
    },
    { measure: "values marked missing", value: s.missingValues },
    { measure: "counts reconcile", value: s.reconciled ? "yes" : "NO" },
    { measure: "hours filled (interpolated)", value: s.hoursFilled },
    { measure: "gaps left NaN", value: s.longGaps.length },
    { measure: "hours in gaps left NaN", value: s.hoursMissing },
    { measure: "spring-forward stamps dropped", value: s.nonexistentLocalDropped },
    { measure: "lone fall-back stamps (read as daylight time)", value: s.ambiguousLocalFirst },
    { measure: "repeated fall-back stamps resolved", value: s.fallBackRepeatsResolved },
    { measure: "first hour (UTC)", value: s.firstUtc ?? "" },
    { measure: "last hour (UTC)", value: s.lastUtc ?? "" },
  ];
}

/** Returns the weather's findings (each station's, then the zone's); [] without weather. */
export function weatherFindings(observed: ObservedWeather): QualityFinding[] {
  return observed.weather?.quality.findings ?? [];
}

/** Returns the `top` longest weather gaps left NaN (then earliest first) with local times. */
export function weatherGapTable(
  observed: ObservedWeather,
  options: GapTableOptions = {},
): GapRow[] {
  const stations = observed.weather?.quality.stations ?? [];
  return gapRows(
    stations.flatMap((s) => s.longGaps),
    options,
  );
}
