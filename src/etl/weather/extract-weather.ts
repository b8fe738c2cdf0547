/**
 * Extracts one station's readings: expands its inputs (globs, `{year}` over the period asked
 * for), picks each file's reader by the format rule (`weather-format.ts`), reads it and joins the
 * files (station-years) into one RawWeather in the source's unit.
 */
import type { Effects } from "../../effects.js";
import { InputError } from "../../errors.js";
import { resolveCsvInputs } from "../extract/csv-input.js";
import type { HttpRetryOptions } from "../extract/http-request.js";
import { finding } from "../validate/quality-report.js";
import { parseIsdLite } from "./isd-lite.js";
import { parseMeteostatCsv } from "./meteostat-csv.js";
import { extractOpenMeteo, parseOpenMeteoJson } from "./open-meteo.js";
import { concatRawWeather, type RawWeather, type WeatherFile } from "./raw-weather.js";
import { isHttpUrl, readWeatherBytes, type WeatherBytes } from "./weather-bytes.js";
import type { WeatherFormat, WeatherStationConfig } from "./weather-config.js";
import { extractWeatherCsv } from "./weather-csv.js";
import { formatByContent, formatByName, type DetectedFormat } from "./weather-format.js";

/** Options of `extractWeatherStation`. */
export interface ExtractWeatherOptions {
  /** the period wanted (UTC ms): fills `{year}` and an Open-Meteo URL without dates */
  range?: { startUtcMs: number; endUtcMs: number };
  /** Open-Meteo days per request; default 366 */
  maxDaysPerRequest?: number;
  /** largest file or response in bytes; default 256 MiB */
  maxBodyBytes?: number;
  /** HTTP retry and timeout settings */
  http?: HttpRetryOptions;
}

/** A station's readings and how each file's format was chosen. */
export interface ExtractedStation {
  raw: RawWeather;
  formats: { location: string; format: WeatherFormat; by: DetectedFormat["by"] }[];
}

/** Returns the readings of every file of `station`. */
export async function extractWeatherStation(
  station: WeatherStationConfig,
  effects: Effects,
  options: ExtractWeatherOptions = {},
): Promise<ExtractedStation> {
  const parts: RawWeather[] = [];
  const formats: ExtractedStation["formats"] = [];
  for (const location of await expandInputs(station.input, options.range)) {
    const { raw, detected } = await extractOne(location, station, effects, options);
    parts.push(raw);
    formats.push({ location, ...detected });
  }
  const units = new Set(parts.map((p) => p.unit));
  if (units.size > 1) {
    throw new InputError(
      `weather files of station "${station.name}" differ in unit: ${[...units].join(", ")} (expected one unit per station; list them as separate stations)`,
    );
  }
  const raw = concatRawWeather(parts);
  if (raw.format !== "csv" && station.unit !== raw.unit) {
    raw.findings.push(
      finding(
        "unit-ignored",
        raw.rowsRead,
        `unit ${station.unit} ignored for ${raw.format}: its values are in °${raw.unit}`,
      ),
    );
  }
  return { raw, formats };
}

async function extractOne(
  location: string,
  station: WeatherStationConfig,
  effects: Effects,
  options: ExtractWeatherOptions,
): Promise<{ raw: RawWeather; detected: DetectedFormat }> {
  const byName = formatByName(location, station.format);
  if (byName?.format === "open-meteo" && isHttpUrl(location)) {
    const raw = await extractOpenMeteo(location, effects, { ...options, ...options.http });
    return { raw, detected: byName };
  }
  if (byName?.format === "csv" && !isHttpUrl(location)) {
    return { raw: await extractWeatherCsv({ path: location }, station), detected: byName };
  }
  const got = await readWeatherBytes(location, effects, options);
  const detected = byName ?? formatByContent(got.bytes);
  return { raw: await parse(detected.format, got, location, station), detected };
}

function parse(
  format: WeatherFormat,
  got: WeatherBytes,
  location: string,
  station: WeatherStationConfig,
): RawWeather | Promise<RawWeather> {
  const file: WeatherFile = {
    location: got.location,
    sha256: got.sha256,
    bytes: got.size,
    rowsRead: 0,
  };
  const text = () => new TextDecoder().decode(got.bytes);
  if (format === "isd-lite") return parseIsdLite(text(), file);
  if (format === "meteostat") return parseMeteostatCsv(text(), file);
  if (format === "open-meteo") return parseOpenMeteoJson(text(), file);
  const source = isHttpUrl(location) ? { url: got.location, bytes: got.bytes } : { path: location };
  return extractWeatherCsv(source, station);
}

/** Returns the files of `inputs`: `{year}` expanded, local globs resolved, URLs as given. */
export async function expandInputs(
  inputs: readonly string[],
  range: ExtractWeatherOptions["range"],
): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    for (const one of expandYears(input, range)) {
      if (isHttpUrl(one)) out.push(one);
      else
        out.push(
          ...(await resolveCsvInputs(one).catch((error: unknown) => {
            throw new InputError(
              `weather input not found: "${one}" (expected an existing file, a glob matching files, or an http(s) URL)`,
              { cause: error },
            );
          })),
        );
    }
  }
  return out;
}

function expandYears(input: string, range: ExtractWeatherOptions["range"]): string[] {
  if (!input.includes("{year}")) return [input];
  if (!range) {
    throw new InputError(
      `weather input has {year} but no period to fill it: "${input}" (expected a load series whose years it takes, or the files listed)`,
    );
  }
  const first = new Date(range.startUtcMs).getUTCFullYear();
  const last = new Date(range.endUtcMs).getUTCFullYear();
  const out: string[] = [];
  for (let y = first; y <= last; y++) out.push(input.split("{year}").join(String(y)));
  return out;
}
