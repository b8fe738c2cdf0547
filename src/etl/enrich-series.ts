/**
 * The enrich step of the pipeline: calendar features, public holidays, daylight/season and the
 * weather join (temperature and degree-hours), each only when the config asks for it.
 */
import type { Effects } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import type { EtlConfig } from "./etl-config.js";
import { addCalendarFeatures } from "./transform/add-calendar-features.js";
import { addDaylight } from "./transform/add-daylight.js";
import type { WeatherOverlap } from "./transform/join-weather.js";
import { attachWeather, type AttachWeatherResult } from "./weather/attach-weather.js";
import type { WeatherSeries } from "./weather/read-weather-series.js";
import { finding, type QualityFinding } from "./validate/quality-report.js";

// A resampled row spans its bucket (a local day lasts 23 or 25 h on DST days: read as 24 h).
const RESAMPLED_MS = { hourly: 3_600_000, daily: 86_400_000, weekly: 604_800_000 } as const;

/** What enrichment read besides the columns: the weather and its overlap with the load. */
export interface EnrichNotes {
  weather?: WeatherSeries & { overlap: WeatherOverlap };
}

/**
 * Returns `series` with the enrichment columns `config.enrich` asks for; findings go to
 * `findings`, the weather read (report, quarantine, overlap) to `notes.weather`.
 */
export async function enrichSeries(
  series: LoadSeries,
  config: EtlConfig,
  effects: Effects,
  intervalMs: number,
  findings: QualityFinding[] = [],
  notes: EnrichNotes = {},
): Promise<LoadSeries> {
  const { enrich, timeZone } = config;
  let out = series;
  if (enrich.calendar) out = addCalendarFeatures(out, { timeZone });
  if (enrich.holidays) {
    // loaded on demand: date-holidays' rule data costs a few hundred ms to import
    const { addHolidays } = await import("./transform/add-holidays.js");
    out = addHolidays(out, { ...enrich.holidays, timeZone });
  }
  if (enrich.daylight) out = addDaylight(out, { ...enrich.daylight, intervalMs });
  if (enrich.weather) {
    const attached = await attachWeather(out, enrich.weather, {
      effects,
      intervalMs: config.resample ? RESAMPLED_MS[config.resample] : intervalMs,
    });
    out = attached.series;
    notes.weather = { ...attached.weather, overlap: attached.overlap };
    findings.push(weatherFinding(attached), ...attached.weather.report.findings);
  }
  return out;
}

function weatherFinding(attached: AttachWeatherResult<LoadSeries>): QualityFinding {
  const o = attached.overlap;
  const w = attached.weather;
  const names = w.report.stations.map((s) => s.name).join(", ");
  const uncovered = o.rows - o.rowsWithTemperature;
  const note =
    uncovered > 0
      ? `; ${uncovered} stamp(s) without weather (NaN: ${o.rowsBefore} before, ${o.rowsInside} inside, ${o.rowsAfter} after the covered ${o.firstCoveredUtc ?? "-"} … ${o.lastCoveredUtc ?? "-"})`
      : "";
  return finding(
    "weather",
    o.rowsWithTemperature,
    `temperature (°C) joined from ${names} by UTC stamp with degree-hours (bases ${w.config.heatingBaseC}/${w.config.coolingBaseC} °C)${note}`,
  );
}
