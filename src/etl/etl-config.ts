/**
 * ETL run configuration: `normalizeEtlConfig` turns an unchecked spec (a parsed etl.yaml merged
 * with CLI flags) into an EtlConfig with every default set here, once. Errors name the key (and
 * its line in the config file when known) and what was expected.
 */
import { InputError } from "../errors.js";
import { outputNameProblem } from "../storage/check-output-name.js";
import { ETL_DEFAULTS } from "./etl-defaults.js";
import type { DuplicatePolicy } from "./transform/merge-duplicates.js";
import type { FillMethod } from "./transform/fill-gaps.js";
import {
  normalizeWeatherConfig,
  type WeatherConfig,
  type WeatherSpec,
} from "./weather/weather-config.js";

/** Unchecked ETL settings, as read from YAML or flags. */
export type EtlSpec = Record<string, unknown>;

/** Checked ETL settings with defaults applied. */
export interface EtlConfig {
  input: string; // required: path, glob, .gz or a source URL
  out: string; // required: folder, gs://… or git+…
  name: string | undefined; // output file stem; default: the input's file name without extension
  timeZone: string; // "UTC"
  hourEnding: boolean; // false
  intervalMinutes: number | undefined; // inferred; 60 for the hour-ending shift
  timestampFormat: string; // "auto"
  timeColumn: string | undefined; // by name
  valueColumn: string | undefined; // by name
  unit: string; // "MW"
  allowNegative: boolean | undefined; // undefined: false, except true for a temperature column
  duplicates: DuplicatePolicy; // "mean"
  onBadRow: "quarantine" | "fail"; // "quarantine"
  maxBadRows: number; // 1000
  fill: { method: FillMethod; maxSteps: number }; // { method: "none", maxSteps: 3 }
  outliers: "flag" | "drop" | "none"; // "flag"
  outlierThreshold: number; // 6
  resample: "hourly" | "daily" | "weekly" | undefined; // none
  enrich: EnrichConfig; // { calendar: false }
  formats: ("csv" | "parquet")[]; // ["csv", "parquet"]
  source: Record<string, unknown>; // {} (source-specific settings)
  sink: Record<string, unknown>; // {} (sink-specific settings)
}

/** Enrichment settings. */
export interface EnrichConfig {
  calendar: boolean;
  holidays?: { country: string; state?: string; region?: string };
  daylight?: { latitude: number; longitude: number };
  weather?: WeatherConfig;
}

/** Returns the 1-based line of a key path in the config file, when known. */
export type KeyLocator = (path: string[]) => number | undefined;

const KEYS = [
  "input",
  "out",
  "name",
  "tz",
  "timeZone",
  "hourEnding",
  "intervalMinutes",
  "timestampFormat",
  "timeColumn",
  "valueColumn",
  "unit",
  "allowNegative",
  "duplicates",
  "onBadRow",
  "maxBadRows",
  "fill",
  "outliers",
  "outlierThreshold",
  "resample",
  "enrich",
  "formats",
  "source",
  "sink",
];

class Reader {
  constructor(
    private readonly spec: EtlSpec,
    private readonly origin: string,
    private readonly locate: KeyLocator,
  ) {}

  fail(path: string[], problem: string, value: unknown, expected: string): never {
    const line = this.locate(path);
    const where = `${this.origin}${line === undefined ? "" : `:${line}`}`;
    throw new InputError(
      `${where}: key "${path.join(".")}" ${problem}: ${JSON.stringify(value)} (expected ${expected})`,
    );
  }

  get(path: string[]): unknown {
    let v: unknown = this.spec;
    for (const key of path)
      v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
    return v;
  }

  string(path: string[], fallback?: string): string | undefined {
    const v = this.get(path);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "string" || v.trim() === "")
      this.fail(path, "invalid", v, "a non-empty string");
    return v;
  }

  oneOf<T extends string>(path: string[], allowed: readonly T[], fallback: T): T {
    const v = this.string(path, fallback)!;
    if (!allowed.includes(v as T)) this.fail(path, "invalid", v, allowed.join(", "));
    return v as T;
  }

  boolean(path: string[], fallback: boolean): boolean {
    const v = this.get(path);
    if (v === undefined || v === null) return fallback;
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    return this.fail(path, "invalid", v, "true or false");
  }

  number(
    path: string[],
    fallback: number | undefined,
    min = -Infinity,
    integer = false,
  ): number | undefined {
    const v = this.get(path);
    if (v === undefined || v === null) return fallback;
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (
      typeof n !== "number" ||
      !Number.isFinite(n) ||
      n < min ||
      (integer && !Number.isInteger(n))
    ) {
      this.fail(
        path,
        "invalid",
        v,
        `${integer ? "an integer" : "a number"}${min > -Infinity ? ` ≥ ${min}` : ""}`,
      );
    }
    return n;
  }

  object(path: string[]): Record<string, unknown> | undefined {
    const v = this.get(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "object" || Array.isArray(v)) this.fail(path, "invalid", v, "a mapping");
    return v as Record<string, unknown>;
  }
}

/** Returns the checked config of `spec`; `origin` names the config file (or "flags") in errors. */
export function normalizeEtlConfig(
  spec: EtlSpec,
  origin = "etl config",
  locate: KeyLocator = () => undefined,
): EtlConfig {
  const r = new Reader(spec, origin, locate);
  for (const key of Object.keys(spec)) {
    if (!KEYS.includes(key)) r.fail([key], "unknown", key, `one of ${KEYS.join(", ")}`);
  }
  const input =
    r.string(["input"]) ?? r.fail(["input"], "missing", null, "a path, glob or URL (--input)");
  const out =
    r.string(["out"]) ?? r.fail(["out"], "missing", null, "a folder, gs://… or git+… (--out)");
  const formats = r.get(["formats"]) ?? ETL_DEFAULTS.formats;
  const list = typeof formats === "string" ? formats.split(",").map((f) => f.trim()) : formats;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some((f) => f !== "csv" && f !== "parquet")
  ) {
    r.fail(["formats"], "invalid", formats, "a list of csv and/or parquet");
  }
  const resample = r.get(["resample"]);
  return {
    input,
    out,
    name: readName(r),
    timeZone: r.string(["tz"]) ?? r.string(["timeZone"], ETL_DEFAULTS.timeZone)!,
    hourEnding: r.boolean(["hourEnding"], ETL_DEFAULTS.hourEnding),
    intervalMinutes: r.number(["intervalMinutes"], undefined, 1, true),
    timestampFormat: r.string(["timestampFormat"], ETL_DEFAULTS.timestampFormat)!,
    timeColumn: r.string(["timeColumn"]),
    valueColumn: r.string(["valueColumn"]),
    unit: r.oneOf(["unit"], ["W", "kW", "MW", "GW", "Wh", "kWh", "MWh", "GWh"], ETL_DEFAULTS.unit),
    allowNegative:
      r.get(["allowNegative"]) === undefined ? undefined : r.boolean(["allowNegative"], false),
    duplicates: r.oneOf(["duplicates"], ["mean", "first", "last", "fail"], ETL_DEFAULTS.duplicates),
    onBadRow: r.oneOf(["onBadRow"], ["quarantine", "fail"], ETL_DEFAULTS.onBadRow),
    maxBadRows: r.number(["maxBadRows"], ETL_DEFAULTS.maxBadRows, 0, true)!,
    fill: readFill(r),
    outliers: r.oneOf(["outliers"], ["flag", "drop", "none"], ETL_DEFAULTS.outliers),
    outlierThreshold: r.number(["outlierThreshold"], ETL_DEFAULTS.outlierThreshold, 0.5)!,
    resample:
      resample === undefined || resample === null
        ? undefined
        : r.oneOf<"hourly" | "daily" | "weekly">(
            ["resample"],
            ["hourly", "daily", "weekly"],
            "hourly",
          ),
    enrich: readEnrich(r),
    formats: [...new Set(list as ("csv" | "parquet")[])],
    source: r.object(["source"]) ?? {},
    sink: r.object(["sink"]) ?? {},
  };
}

// Checked here too (each store checks every blob name), so a bad --name fails before extracting.
function readName(r: Reader): string | undefined {
  const name = r.string(["name"]);
  const problem = name === undefined ? undefined : outputNameProblem(name);
  if (problem !== undefined) r.fail(["name"], problem, name, "a plain file name without / or ..");
  return name;
}

function readFill(r: Reader): EtlConfig["fill"] {
  const raw = r.get(["fill"]);
  if (typeof raw === "string") {
    return {
      method: r.oneOf(["fill"], ["none", "linear", "seasonal"], ETL_DEFAULTS.fill.method),
      maxSteps: ETL_DEFAULTS.fill.maxSteps,
    };
  }
  r.object(["fill"]);
  return {
    method: r.oneOf(["fill", "method"], ["none", "linear", "seasonal"], ETL_DEFAULTS.fill.method),
    maxSteps: r.number(["fill", "maxSteps"], ETL_DEFAULTS.fill.maxSteps, 1, true)!,
  };
}

function readEnrich(r: Reader): EnrichConfig {
  r.object(["enrich"]);
  const enrich: EnrichConfig = { calendar: r.boolean(["enrich", "calendar"], false) };
  const holidays = r.get(["enrich", "holidays"]);
  if (typeof holidays === "string") enrich.holidays = { country: holidays };
  else if (holidays !== undefined && holidays !== null) {
    r.object(["enrich", "holidays"]);
    enrich.holidays = {
      country:
        r.string(["enrich", "holidays", "country"]) ??
        r.fail(["enrich", "holidays", "country"], "missing", null, "a country code such as US"),
    };
    const state = r.string(["enrich", "holidays", "state"]);
    const region = r.string(["enrich", "holidays", "region"]);
    if (state) enrich.holidays.state = state;
    if (region) enrich.holidays.region = region;
  }
  if (r.object(["enrich", "daylight"])) {
    const latitude = r.number(["enrich", "daylight", "latitude"], undefined, -90);
    const longitude = r.number(["enrich", "daylight", "longitude"], undefined, -180);
    if (latitude === undefined || latitude > 90)
      r.fail(
        ["enrich", "daylight", "latitude"],
        "invalid",
        latitude ?? null,
        "degrees north in [-90, 90]",
      );
    if (longitude === undefined || longitude > 180)
      r.fail(
        ["enrich", "daylight", "longitude"],
        "invalid",
        longitude ?? null,
        "degrees east in [-180, 180]",
      );
    enrich.daylight = { latitude, longitude };
  }
  const weather = r.get(["enrich", "weather"]);
  if (weather !== undefined && weather !== null) {
    enrich.weather = normalizeWeatherConfig(
      weather as WeatherSpec,
      (path, problem, value, expected) =>
        r.fail(["enrich", "weather", ...path], problem, value, expected),
    );
  }
  return enrich;
}
