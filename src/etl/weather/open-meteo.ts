/**
 * Open-Meteo's historical weather API (`/v1/archive`, JSON with `hourly.time` and
 * `hourly.temperature_2m`, unit in `hourly_units.temperature_2m`). The query is split into
 * requests of bounded size (`openMeteoRequests`), each sent through `Effects.fetch` by the capped,
 * retrying HTTP helper. Stamps are unix seconds (requested so) or, in a recorded response without
 * `timeformat=unixtime`, ISO local times in the response's `timezone`.
 */
import { createHash } from "node:crypto";
import type { Effects } from "../../effects.js";
import { ValidationError } from "../../errors.js";
import { httpRequest, type HttpRetryOptions } from "../extract/http-request.js";
import { LocalStamps, type LocalStamp } from "./local-stamps.js";
import { openMeteoRequests, type OpenMeteoRequestsOptions } from "./open-meteo-requests.js";
import { concatRawWeather, WeatherRows, type RawWeather, type WeatherFile } from "./raw-weather.js";
import type { TemperatureUnit } from "./weather-config.js";

/** Options of `extractOpenMeteo`: request planning plus HTTP settings. */
export interface ExtractOpenMeteoOptions extends OpenMeteoRequestsOptions, HttpRetryOptions {}

/** Fetches every request of the query in `url` and returns the readings of all of them. */
export async function extractOpenMeteo(
  url: string,
  effects: Effects,
  options: ExtractOpenMeteoOptions = {},
): Promise<RawWeather> {
  const parts: RawWeather[] = [];
  for (const request of openMeteoRequests(url, options)) {
    const { value: body, safeUrl } = await httpRequest(request, effects, (r) => r.text(), {
      ...options,
      source: "open-meteo",
      describeError: (_status, text) => apiReason(text),
    });
    const bytes = Buffer.byteLength(body);
    const sha256 = createHash("sha256").update(body).digest("hex");
    parts.push(parseOpenMeteoJson(body, { location: safeUrl, sha256, bytes, rowsRead: 0 }));
  }
  return concatRawWeather(parts);
}

interface Body {
  timezone?: unknown;
  hourly_units?: { temperature_2m?: unknown };
  hourly?: { time?: unknown; temperature_2m?: unknown };
}

/** Returns the readings of one Open-Meteo JSON response; throws ValidationError on a bad shape. */
export function parseOpenMeteoJson(text: string, file: WeatherFile): RawWeather {
  const body = parseBody(text, file.location);
  const time: unknown = body.hourly?.time;
  const temp: unknown = body.hourly?.temperature_2m;
  if (!isArray(time) || !isArray(temp) || time.length !== temp.length) {
    throw shapeError(file.location, time, temp);
  }
  const zone = typeof body.timezone === "string" ? body.timezone : "GMT";
  const local = new LocalStamps(/^(GMT|UTC|Etc\/UTC)$/i.test(zone) ? "UTC" : zone);
  const rows = new WeatherRows();
  for (let i = 0; i < time.length; i++) {
    const raw = () => JSON.stringify({ time: time[i], temperature_2m: temp[i] });
    const at = stampOf(time[i], local, rows.length);
    const v: unknown = temp[i];
    if (typeof at === "string") rows.reject(file.location, i + 1, raw(), at);
    else if (v === null) rows.missing();
    else if (typeof v !== "number" || !Number.isFinite(v))
      rows.reject(
        file.location,
        i + 1,
        raw(),
        `value not a number: ${raw()} (expected a number or null)`,
      );
    else {
      rows.accept(at.utcMs, v, i + 1, at.ambiguous);
      if (at.unflag !== undefined) rows.unflag(at.unflag);
    }
  }
  return {
    frame: rows.frame(),
    quarantine: rows.quarantine,
    rowsRead: rows.rowsRead,
    missingValues: rows.missingValues,
    ...local.counts(),
    format: "open-meteo",
    unit: unitOf(body.hourly_units?.temperature_2m, file.location),
    column: "hourly.temperature_2m",
    timeZone: local.timeZone,
    files: [{ ...file, rowsRead: rows.rowsRead }],
    findings: [],
  };
}

function stampOf(value: unknown, local: LocalStamps, row: number): LocalStamp | string {
  if (typeof value === "number" && Number.isFinite(value))
    return { utcMs: value * 1000, ambiguous: false };
  const m = typeof value === "string" ? /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(value) : null;
  if (!m) {
    return `timestamp unparsable: ${JSON.stringify(value)} in hourly.time (expected unix seconds or YYYY-MM-DDTHH:MM)`;
  }
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  return local.resolve(wall, value as string, row);
}

function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function parseBody(text: string, location: string): Body {
  try {
    const body = JSON.parse(text) as unknown;
    if (body !== null && typeof body === "object" && !Array.isArray(body)) return body;
  } catch {
    // reported below with the file and what was expected
  }
  throw new ValidationError(`Open-Meteo response not a JSON object: ${location} (expected JSON)`, [
    {
      file: location,
      line: 1,
      value: text.slice(0, 80),
      message: "not a JSON object",
      expected: "{hourly: {time, temperature_2m}}",
    },
  ]);
}

function shapeError(location: string, time: unknown, temp: unknown): ValidationError {
  const found = `hourly.time ${Array.isArray(time) ? `${time.length} values` : "missing"}, hourly.temperature_2m ${Array.isArray(temp) ? `${temp.length} values` : "missing"}`;
  return new ValidationError(
    `Open-Meteo response lacks hourly temperatures: ${location} (expected hourly.time and hourly.temperature_2m of equal length; found ${found})`,
    [
      {
        file: location,
        column: "hourly.temperature_2m",
        value: found,
        message: "hourly arrays missing or of different lengths",
        expected: "two arrays of equal length",
      },
    ],
  );
}

function unitOf(unit: unknown, location: string): TemperatureUnit {
  if (unit === undefined || unit === "°C" || unit === "C") return "C";
  if (unit === "°F" || unit === "F") return "F";
  throw new ValidationError(
    `Open-Meteo temperature unit unknown: ${JSON.stringify(unit)} in ${location} (expected °C or °F)`,
    [
      {
        file: location,
        column: "hourly_units.temperature_2m",
        value: JSON.stringify(unit),
        message: "unknown unit",
        expected: "°C or °F",
      },
    ],
  );
}

function apiReason(text: string): string | undefined {
  try {
    const reason = (JSON.parse(text) as { reason?: unknown }).reason;
    return typeof reason === "string" ? reason : undefined;
  } catch {
    return undefined;
  }
}
