/**
 * The enrich step of the pipeline: calendar features, public holidays, daylight/season and the
 * weather join (temperature and degree-hours), each only when the config asks for it.
 */
import type { Effects } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import type { EtlConfig } from "./etl-config.js";
import { findSource } from "./sources.js";
import { addCalendarFeatures } from "./transform/add-calendar-features.js";
import { addDaylight } from "./transform/add-daylight.js";
import { joinWeather } from "./transform/join-weather.js";
import { finding, type QualityFinding } from "./validate/quality-report.js";

/** Returns `series` with the enrichment columns `config.enrich` asks for; notes go to `findings`. */
export async function enrichSeries(
  series: LoadSeries,
  config: EtlConfig,
  effects: Effects,
  intervalMs: number,
  findings: QualityFinding[] = [],
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
    const w = enrich.weather;
    const options = {
      timeZone: "UTC",
      hourEnding: false,
      allowNegative: true,
      ...(w.column ? { valueColumn: w.column } : {}),
      ...(w.timeColumn ? { timeColumn: w.timeColumn } : {}),
    };
    const weather = await findSource(w.input).extract(w.input, options, effects);
    const frame = {
      length: weather.frame.length,
      columns: {
        timeUtcMs: weather.frame.columns.timeUtcMs!,
        temperatureC: weather.frame.columns.loadMw!,
      },
    };
    const joined = joinWeather(out, frame, {
      heatingBaseC: w.heatingBaseC,
      coolingBaseC: w.coolingBaseC,
      intervalMs,
    });
    out = joined.frame;
    const note = joined.unmatched > 0 ? `; ${joined.unmatched} stamp(s) without weather (NaN)` : "";
    findings.push(
      finding(
        "weather",
        out.length - joined.unmatched,
        `temperature joined from ${w.input} by UTC stamp with degree-hours (bases ${w.heatingBaseC}/${w.coolingBaseC} °C)${note}`,
      ),
    );
  }
  return out;
}
