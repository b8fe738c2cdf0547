/**
 * One call from weather files, URLs or a station list to a clean hourly temperature series in °C:
 * each station is extracted (ISD-Lite, Meteostat, Open-Meteo or any CSV), cleaned
 * (`cleanWeather`), and the stations are combined (`combineWeatherStations`), with a quality
 * report covering every step.
 */
import { nodeEffects, silentLogger, type Effects } from "../../effects.js";
import { ValidationError } from "../../errors.js";
import type { QuarantinedRow } from "../extract/extract-result.js";
import type { HttpRetryOptions } from "../extract/http-request.js";
import { cleanWeather, type CleanWeatherResult } from "../transform/clean-weather.js";
import {
  combineWeatherStations,
  type CombinedWeatherFrame,
} from "../transform/combine-weather-stations.js";
import { extractWeatherStation, type ExtractedStation } from "./extract-weather.js";
import {
  normalizeWeatherConfig,
  type TemperatureUnit,
  type WeatherConfig,
  type WeatherFormat,
  type WeatherSpec,
} from "./weather-config.js";
import { zoneFindings } from "./weather-findings.js";
import { assertPlausibleUnit } from "./unit-plausibility.js";
import { stationReport, weatherPolicies, type WeatherReport } from "./weather-report.js";

/** Options of `readWeatherSeries`. */
export interface ReadWeatherSeriesOptions {
  /** temperature column of a CSV; default the only numeric column, else the one named like a temperature (temp*, t2m, tmp, tas, tair) */
  column?: string;
  /** time column of a CSV; default by name */
  timeColumn?: string;
  /** unit of a CSV's values: "C" (default), "F" or "K" */
  unit?: TemperatureUnit;
  /** zone of a CSV's stamps without a UTC offset; default "UTC" */
  tz?: string;
  /** the format, instead of detecting it: isd-lite, meteostat, open-meteo or csv */
  format?: WeatherFormat;
  /** the period wanted (UTC ms, inclusive): fills `{year}` in inputs and Open-Meteo dates */
  range?: { startUtcMs: number; endUtcMs: number };
  /** where the load's hours start, in ms after a whole UTC hour; default 0 */
  gridPhaseMs?: number;
  /** HTTP retry and timeout settings for URLs */
  http?: HttpRetryOptions;
  /** file and network access; default the real ones with a silent logger */
  effects?: Effects;
}

/** The zone's hourly temperature, its report, the rows set aside and the settings used. */
export interface WeatherSeries {
  /** regular hourly grid: timeUtcMs, temperatureC (°C, NaN in long gaps), flags, stationsReporting */
  frame: CombinedWeatherFrame;
  report: WeatherReport;
  quarantine: QuarantinedRow[];
  config: WeatherConfig;
}

const OPTION_KEYS = ["column", "timeColumn", "unit", "tz", "format"] as const;

/**
 * Returns the hourly temperature (°C) described by `spec`: a path, glob or URL (`.gz` too), a list
 * of files of one station, or a mapping `{input | stations: [{input, weight, …}], …}` as in
 * etl.yaml's `enrich.weather`. Options `column`, `timeColumn`, `unit` (default C), `tz` (default
 * UTC) and `format` (default detected) override the spec's top level. Throws InputError on a bad
 * setting, ValidationError on unreadable data (file, line, column, expected), SourceError on HTTP.
 */
export async function readWeatherSeries(
  spec: WeatherSpec | WeatherConfig,
  options: ReadWeatherSeriesOptions = {},
): Promise<WeatherSeries> {
  const config = normalizeWeatherConfig(withOptions(spec, options), undefined);
  const effects = options.effects ?? nodeEffects({ logger: silentLogger() });
  const stations: { extracted: ExtractedStation; cleaned: CleanWeatherResult }[] = [];
  for (const station of config.stations) {
    const extracted = await extractWeatherStation(station, effects, {
      maxDaysPerRequest: config.maxDaysPerRequest,
      maxBodyBytes: config.maxBodyBytes,
      ...(options.range ? { range: options.range } : {}),
      ...(options.http ? { http: options.http } : {}),
    });
    const cleaned = cleanWeather(extracted.raw, {
      minC: config.minC,
      maxC: config.maxC,
      maxFillHours: config.maxFillHours,
      gridPhaseMs: options.gridPhaseMs ?? 0,
    });
    assertPlausibleUnit(extracted.raw, cleaned.stats.implausible, config.minC, config.maxC);
    stations.push({ extracted, cleaned });
  }
  const combined = combineWeatherStations(
    config.stations.map((s, i) => ({
      name: s.name,
      weight: s.weight,
      frame: stations[i]!.cleaned.frame,
    })),
  );
  const report = zoneReport(config, stations, combined);
  if (report.hoursWithTemperature === 0) throw noTemperature(report);
  const quarantine = stations.flatMap((s) => [
    ...s.extracted.raw.quarantine,
    ...s.cleaned.quarantine,
  ]);
  return { frame: combined.frame, report, quarantine, config };
}

function withOptions(
  spec: WeatherSpec | WeatherConfig,
  options: ReadWeatherSeriesOptions,
): WeatherSpec {
  const base: Record<string, unknown> =
    typeof spec === "string" || Array.isArray(spec) ? { input: spec } : { ...(spec as object) };
  for (const key of OPTION_KEYS) if (options[key] !== undefined) base[key] = options[key];
  if (Array.isArray(base.stations) && OPTION_KEYS.some((k) => options[k] !== undefined)) {
    base.stations = (base.stations as Record<string, unknown>[]).map((s) => {
      const own = { ...s };
      for (const key of OPTION_KEYS) if (options[key] !== undefined) own[key] = options[key];
      if (options.tz !== undefined) delete own.timeZone;
      return own;
    });
  }
  return base;
}

function zoneReport(
  config: WeatherConfig,
  stations: { extracted: ExtractedStation; cleaned: CleanWeatherResult }[],
  combined: ReturnType<typeof combineWeatherStations>,
): WeatherReport {
  const t = combined.frame.columns.timeUtcMs;
  const iso = (i: number) => (t.length === 0 ? null : new Date(t[i]!).toISOString());
  const span = { firstUtc: iso(0), lastUtc: iso(t.length - 1) };
  let withValue = 0;
  for (const v of combined.frame.columns.temperatureC) if (!Number.isNaN(v)) withValue++;
  const weights = new Set(config.stations.map((s) => s.weight));
  const body: Omit<WeatherReport, "findings"> = {
    label: "observed weather",
    combine:
      config.stations.length === 1
        ? "single station"
        : weights.size === 1
          ? "mean"
          : "weighted mean",
    stations: config.stations.map((s, i) => {
      const { extracted, cleaned } = stations[i]!;
      const f = cleaned.frame.columns.timeUtcMs;
      const own = {
        firstUtc: f.length === 0 ? null : new Date(f[0]!).toISOString(),
        lastUtc: f.length === 0 ? null : new Date(f[f.length - 1]!).toISOString(),
      };
      return stationReport(s, extracted, cleaned.stats, combined.coverage[i]!, own);
    }),
    ...span,
    hours: combined.frame.length,
    hoursWithTemperature: withValue,
    hoursPartial: combined.hoursPartial,
    policies: weatherPolicies(config),
  };
  return {
    ...body,
    findings: [...body.stations.flatMap((s) => s.findings), ...zoneFindings(body)],
  };
}

function noTemperature(report: WeatherReport): ValidationError {
  return new ValidationError(
    `weather has no usable temperature: ${report.stations.map((s) => s.name).join(", ")} (expected at least one reading within ${report.policies.plausibleRangeC.join(" … ")} °C)`,
    report.stations.map((s) => ({
      file: s.files[0]?.location ?? s.inputs[0]!,
      column: s.column,
      message: `${s.rowsRead} rows: ${s.missingValues} missing, ${s.rowsQuarantined} quarantined, ${s.implausible} implausible`,
      expected: "temperature readings",
    })),
  );
}
