/**
 * The ETL pipeline: extract (source chosen by input) → validate (bad-row policy) → sort-utc →
 * dedupe → outliers → units → fill → resample → enrich (prepareSeries, streamed or whole) →
 * render CSV/Parquet/quarantine → load (sink chosen by target) → manifest. It composes named
 * steps and times them; the logic lives in the steps.
 */
import { basename } from "node:path";
import type { Effects } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import type { EtlConfig } from "./etl-config.js";
import type { ExtractResult, QuarantinedRow } from "./extract/extract-result.js";
import { renderCsv } from "./load/csv-output.js";
import {
  describeOutputs,
  redactConfig,
  renderManifest,
  type EtlManifest,
} from "./load/manifest.js";
import { renderQuarantine } from "./load/quarantine-output.js";
import { prepareSeries, type PreparedSeries, type SeriesInput } from "./prepare-series.js";
import { findSink, type OutputFile } from "./sinks.js";
import { findSource, type EtlSource, type SourceOptions } from "./sources.js";
import { redactSecrets } from "../util/redact-secrets.js";

/** Hooks of a run: progress while extracting. */
export interface RunEtlHooks {
  onProgress?: (rowsRead: number, bytesRead: number) => void;
}

/** Runs the pipeline for `config` and returns its manifest (also written beside the outputs). */
export async function runEtl(
  config: EtlConfig,
  effects: Effects,
  hooks: RunEtlHooks = {},
): Promise<EtlManifest> {
  const started = effects.now();
  const steps: EtlManifest["steps"] = [];
  const step = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = effects.now().getTime();
    const result = await fn();
    const elapsedMs = effects.now().getTime() - t0;
    steps.push({ name, elapsedMs });
    effects.logger.debug(`etl ${name} ok ${elapsedMs} ms`);
    return result;
  };
  const source = findSource(config.input);
  const sink = findSink(config.out);
  const prepared = await prepareSeries(
    sourceInput(config, source, effects, hooks),
    config,
    effects,
  );
  for (const s of prepared.steps) effects.logger.debug(`etl ${s.name} ok ${s.elapsedMs} ms`);
  steps.push(...prepared.steps);
  const { extracted, quality, rowsFilled, series: output } = prepared;
  const files = await step("render", () =>
    renderOutputs(output, extracted, config, prepared.weather?.quarantine),
  );
  const parameters = redactConfig(config);
  const provenance = {
    input: parameters.input,
    sha256: extracted.source.sha256 ?? "",
    startedAt: started.toISOString(),
  };
  const written = await step("load", () =>
    sink.write(config.out, files, { provenance, settings: config.sink }, effects),
  );
  const finished = effects.now();
  const manifest: EtlManifest = {
    tool: "powerflow etl",
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    elapsedMs: finished.getTime() - started.getTime(),
    inputs: [...inputsOf(extracted), ...weatherInputs(prepared.weather)],
    parameters,
    counts: {
      rowsRead: quality.rowsRead,
      rowsQuarantined: quality.rowsQuarantined,
      duplicatesMerged: quality.duplicatesMerged,
      outliersDropped: quality.outliersDropped,
      rowsKept: quality.rowsWritten,
      rowsFilled,
      rowsWritten: output.length,
      reconciled: quality.reconciled,
    },
    outputs: describeOutputs(files, written),
    quality,
    steps,
  };
  const manifestFile = {
    name: `${stemOf(config)}.manifest.json`,
    bytes: renderManifest(manifest),
    rows: 0,
    mediaType: "application/json",
  };
  await sink.write(config.out, [manifestFile], { provenance, settings: config.sink }, effects);
  return manifest;
}

function sourceInput(
  config: EtlConfig,
  source: EtlSource,
  effects: Effects,
  hooks: RunEtlHooks,
): SeriesInput {
  const options = sourceOptions(config, hooks);
  return {
    streamsRows: source.name === "csv",
    extract: (onRow) =>
      source.extract(config.input, onRow ? { ...options, onRow } : options, effects),
  };
}

function sourceOptions(config: EtlConfig, hooks: RunEtlHooks): SourceOptions {
  const options: SourceOptions = {
    timeZone: config.timeZone,
    hourEnding: config.hourEnding,
    timestampFormat: config.timestampFormat,
    settings: config.source,
  };
  if (config.allowNegative !== undefined) options.allowNegative = config.allowNegative;
  if (config.intervalMinutes !== undefined) options.intervalMinutes = config.intervalMinutes;
  if (config.timeColumn !== undefined) options.timeColumn = config.timeColumn;
  if (config.valueColumn !== undefined) options.valueColumn = config.valueColumn;
  if (hooks.onProgress) options.onProgress = hooks.onProgress;
  return options;
}

async function renderOutputs(
  series: LoadSeries,
  extracted: ExtractResult,
  config: EtlConfig,
  weatherQuarantine: QuarantinedRow[] | undefined,
): Promise<OutputFile[]> {
  const stem = stemOf(config);
  const files: OutputFile[] = [];
  if (config.formats.includes("csv"))
    files.push({
      name: `${stem}.csv`,
      bytes: renderCsv(series),
      rows: series.length,
      mediaType: "text/csv",
    });
  if (config.formats.includes("parquet")) {
    const metadata = {
      "powerflow.input": redactSecrets(config.input),
      "powerflow.input_sha256": extracted.source.sha256 ?? "",
      "powerflow.time": "time_utc is the interval start in UTC",
    };
    // loaded on demand: CSV-only runs skip the Parquet writer's import
    const { renderParquet } = await import("./load/parquet-output.js");
    files.push({
      name: `${stem}.parquet`,
      bytes: renderParquet(series, metadata),
      rows: series.length,
      mediaType: "application/vnd.apache.parquet",
    });
  }
  files.push({
    name: `${stem}.quarantine.csv`,
    bytes: renderQuarantine(extracted.quarantine),
    rows: extracted.quarantine.length,
    mediaType: "text/csv",
  });
  if (weatherQuarantine)
    files.push({
      name: `${stem}.weather-quarantine.csv`,
      bytes: renderQuarantine(weatherQuarantine),
      rows: weatherQuarantine.length,
      mediaType: "text/csv",
    });
  return files;
}

function inputsOf(extracted: ExtractResult): EtlManifest["inputs"] {
  const files = (
    extracted as { files?: { path: string; sha256: string; bytes: number; rowsRead: number }[] }
  ).files;
  if (files && files.length > 0)
    return files.map((f) => ({
      kind: extracted.source.kind,
      location: f.path,
      sha256: f.sha256,
      bytes: f.bytes,
      rowsRead: f.rowsRead,
    }));
  return [{ ...extracted.source, rowsRead: extracted.rowsRead }];
}

// Every weather file read, so the manifest pins the weather as it pins the load.
function weatherInputs(weather: PreparedSeries["weather"]): EtlManifest["inputs"] {
  return (weather?.report.stations ?? []).flatMap((s) =>
    s.files.map((f) => ({
      kind: `weather (${s.name})`,
      location: f.location,
      sha256: f.sha256,
      bytes: f.bytes,
      rowsRead: f.rowsRead,
    })),
  );
}

/** The output file stem: `name`, else the input's base name without extensions. */
export function stemOf(config: Pick<EtlConfig, "name" | "input">): string {
  if (config.name) return config.name;
  const base = basename(config.input.replace(/[?#].*$/, "")).replace(/(\.csv)?(\.gz)?$/i, "");
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "");
  return safe === "" ? "etl-output" : safe;
}
