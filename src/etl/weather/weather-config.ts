/**
 * Weather settings: `normalizeWeatherConfig` turns an unchecked spec (a path or URL, a list of
 * them, the `enrich.weather` mapping of etl.yaml, or what the `--weather*` flags give) into a
 * WeatherConfig with every default set here, once. A spec names one station (`input`) or several
 * (`stations: [{input, weight, …}]`); a station's settings default to the top-level ones.
 */
import { InputError } from "../../errors.js";

/** The weather file formats PowerFlow reads. */
export type WeatherFormat = "isd-lite" | "meteostat" | "open-meteo" | "csv";

/** Every weather format, in the order `--weather-format` lists them. */
export const WEATHER_FORMATS: readonly WeatherFormat[] = [
  "isd-lite",
  "meteostat",
  "open-meteo",
  "csv",
];

/** A temperature unit: degrees Celsius, degrees Fahrenheit or kelvin. */
export type TemperatureUnit = "C" | "F" | "K";

/** Unchecked weather settings: a path or URL, a list of them, or a mapping. */
export type WeatherSpec = string | readonly string[] | Readonly<Record<string, unknown>>;

/** One station: where its files are and how to read them. */
export interface WeatherStationConfig {
  input: string[]; // required: paths, globs, URLs, .gz; several = files of one station (station-years)
  name: string; // the first input's file name without extensions (or the URL's host)
  format: WeatherFormat | "auto"; // "auto": URL, then file name, then content
  column: string | undefined; // CSV: the only numeric column, else the one named like a temperature (temp*, t2m, tmp, tas, tair)
  timeColumn: string | undefined; // CSV: by name (datetime, time_utc, …)
  unit: TemperatureUnit; // "C" (CSV only: the other formats carry their own unit)
  timeZone: string; // "UTC" (CSV only: the zone of stamps without a UTC offset)
  weight: number; // 1
}

/** Checked weather settings with defaults applied. */
export interface WeatherConfig {
  stations: WeatherStationConfig[]; // at least one
  heatingBaseC: number; // 18
  coolingBaseC: number; // 22
  maxFillHours: number; // 6 (longer gaps are reported and stay NaN)
  minC: number; // -60 (colder readings are quarantined)
  maxC: number; // 60 (hotter readings are quarantined)
  maxDaysPerRequest: number; // 366 (Open-Meteo: days per request)
  maxBodyBytes: number; // 268,435,456 (256 MiB per file or HTTP response)
}

/** Reports a bad key (its path inside the weather settings) and never returns. */
export type WeatherKeyFail = (
  path: string[],
  problem: string,
  value: unknown,
  expected: string,
) => never;

const STATION_KEYS = ["input", "name", "format", "column", "timeColumn", "unit", "tz", "timeZone"];
const TOP_KEYS = [
  ...STATION_KEYS,
  "weight",
  "stations",
  "heatingBaseC",
  "coolingBaseC",
  "maxFillHours",
  "minC",
  "maxC",
  "maxDaysPerRequest",
  "maxBodyBytes",
];
const UNITS: readonly TemperatureUnit[] = ["C", "F", "K"];

/** Returns the checked config of `spec`; bad keys go to `fail` (default: an InputError). */
export function normalizeWeatherConfig(
  spec: WeatherSpec,
  fail: WeatherKeyFail = inputErrorFail("weather settings"),
): WeatherConfig {
  const top: Readonly<Record<string, unknown>> =
    typeof spec === "string" || Array.isArray(spec)
      ? { input: spec }
      : (spec as Record<string, unknown>);
  const read = new KeyReader(top, [], fail);
  read.known(TOP_KEYS);
  const stations = top.stations;
  if (stations !== undefined && top.input !== undefined) {
    fail(["stations"], "conflicts with input", top.input, "either input or stations, not both");
  }
  const list = stations === undefined ? [top] : stations;
  if (!Array.isArray(list) || list.length === 0) {
    fail(["stations"], "invalid", stations, "a non-empty list of {input, weight, …}");
  }
  const min = read.number("minC", -60);
  const max = read.number("maxC", 60);
  if (max <= min) fail(["maxC"], "invalid", max, `a number above minC (${min})`);
  return {
    stations: (list as unknown[]).map((s, i) =>
      readStation(s, stations === undefined ? [] : ["stations", String(i)], top, fail),
    ),
    heatingBaseC: read.number("heatingBaseC", 18),
    coolingBaseC: read.number("coolingBaseC", 22),
    maxFillHours: read.integer("maxFillHours", 6, 0),
    minC: min,
    maxC: max,
    maxDaysPerRequest: read.integer("maxDaysPerRequest", 366, 1),
    maxBodyBytes: read.integer("maxBodyBytes", 256 * 1024 * 1024, 1),
  };
}

function readStation(
  raw: unknown,
  path: string[],
  top: Readonly<Record<string, unknown>>,
  fail: WeatherKeyFail,
): WeatherStationConfig {
  if (typeof raw === "string") raw = { input: raw };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return fail(path, "invalid", raw, "a mapping with input (and weight, format, …)");
  }
  const own = raw as Record<string, unknown>;
  const read = new KeyReader({ ...pickDefaults(top), ...own }, path, fail);
  if (path.length > 0) new KeyReader(own, path, fail).known([...STATION_KEYS, "weight"]);
  const input = read.inputs();
  const weight = read.number("weight", 1);
  if (weight <= 0) fail([...path, "weight"], "invalid", weight, "a number > 0");
  return {
    input,
    name: read.string("name") ?? stationName(input[0]!),
    format: read.oneOf("format", ["auto", ...WEATHER_FORMATS], "auto"),
    column: read.string("column"),
    timeColumn: read.string("timeColumn"),
    unit: read.oneOf("unit", UNITS, "C"),
    timeZone: read.string("tz") ?? read.string("timeZone") ?? "UTC",
    weight,
  };
}

// Top-level station settings a station inherits (not its input, name or weight).
function pickDefaults(top: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["format", "column", "timeColumn", "unit", "tz", "timeZone"])
    if (top[key] !== undefined && top[key] !== null) out[key] = top[key];
  return out;
}

/** Returns a short station label for `input`: its file name without extensions, or its host. */
export function stationName(input: string): string {
  const url = /^https?:\/\//i.test(input) ? safeUrl(input) : undefined;
  if (url && /open-meteo|\/v1\/archive/i.test(input)) {
    const lat = url.searchParams.get("latitude");
    const lon = url.searchParams.get("longitude");
    if (lat !== null && lon !== null) return `open-meteo ${lat},${lon}`;
  }
  const path = url ? url.pathname : input;
  const base =
    path
      .replace(/[?#].*$/, "")
      .split(/[\\/]/)
      .pop() ?? "";
  const stem = base.replace(/(\.(csv|json|txt))?(\.gz)?$/i, "");
  return stem !== "" ? stem : (url?.host ?? input);
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** A fail function that throws InputError naming `origin` and the key. */
export function inputErrorFail(origin: string): WeatherKeyFail {
  return (path, problem, value, expected) => {
    const key = path.length === 0 ? "weather" : path.join(".");
    throw new InputError(
      `${origin}: key "${key}" ${problem}: ${JSON.stringify(value)} (expected ${expected})`,
    );
  };
}

class KeyReader {
  constructor(
    private readonly spec: Readonly<Record<string, unknown>>,
    private readonly path: string[],
    private readonly fail: WeatherKeyFail,
  ) {}

  known(keys: readonly string[]): void {
    for (const key of Object.keys(this.spec))
      if (!keys.includes(key)) this.fail([...this.path, key], "unknown", key, keys.join(", "));
  }

  inputs(): string[] {
    const v = this.spec.input;
    const list = typeof v === "string" ? [v] : v;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.some((s) => typeof s !== "string" || s.trim() === "")
    ) {
      return this.fail(
        [...this.path, "input"],
        v === undefined ? "missing" : "invalid",
        v ?? null,
        "a path, glob or URL of weather data (or a list of them)",
      );
    }
    return (list as string[]).map((s) => s.trim());
  }

  string(key: string): string | undefined {
    const v = this.spec[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" || v.trim() === "")
      this.fail([...this.path, key], "invalid", v, "a non-empty string");
    return v.trim();
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const v = this.string(key) ?? fallback;
    const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    return match ?? this.fail([...this.path, key], "invalid", v, allowed.join(", "));
  }

  number(key: string, fallback: number): number {
    const v = this.spec[key];
    if (v === undefined || v === null) return fallback;
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isFinite(n))
      return this.fail([...this.path, key], "invalid", v, "a number");
    return n;
  }

  integer(key: string, fallback: number, min: number): number {
    const n = this.number(key, fallback);
    if (!Number.isInteger(n) || n < min)
      this.fail([...this.path, key], "invalid", n, `an integer ≥ ${min}`);
    return n;
  }
}
