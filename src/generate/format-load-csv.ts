/**
 * CSV text of generated data in the shape of the public PJM files: a `Datetime` column of
 * local prevailing wall-clock time (hour-beginning; the fall-back hour appears twice and the
 * spring-forward hour never) and a `<ZONE>_MW` column. Temperature is written in UTC.
 */
import type { GeneratedZone } from "./generate-load.js";
import { zonedParts } from "../util/zoned-time.js";

/** Returns `Datetime,<ZONE>_MW` CSV text with local timestamps in `timeZone` and MW to 0.1. */
export function formatLoadCsv(zone: GeneratedZone, timeZone: string): string {
  const lines = [`Datetime,${zone.zone}_MW`];
  for (let i = 0; i < zone.timeUtcMs.length; i++) {
    lines.push(`${localStamp(zone.timeUtcMs[i]!, timeZone)},${zone.loadMw[i]!.toFixed(1)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Returns `time_utc,temperature_c` CSV text with ISO 8601 UTC stamps and °C to 0.1. */
export function formatTemperatureCsv(timeUtcMs: Float64Array, temperatureC: Float64Array): string {
  const lines = ["time_utc,temperature_c"];
  for (let i = 0; i < timeUtcMs.length; i++) {
    const iso = new Date(timeUtcMs[i]!).toISOString().replace(".000Z", "Z");
    lines.push(`${iso},${temperatureC[i]!.toFixed(1)}`);
  }
  return `${lines.join("\n")}\n`;
}

function localStamp(utcMs: number, timeZone: string): string {
  const p = zonedParts(utcMs, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
