/**
 * The ETL pipeline: extract (source chosen by input) → validate (bad-row policy) → sort-utc →
 * dedupe → outliers → units → fill → resample → enrich (prepareSeries, streamed or whole) →
 * render CSV/Parquet/quarantine → load (the Store of `--out`) → manifest. It composes named
 * steps and times them; the logic lives in the steps. CSV and Parquet are rendered in chunks
 * while the store writes them, so "load" includes their rendering and no whole file is ever in
 * memory.
 */
import { basename } from "node:path";
import type { Effects } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import type { EtlConfig } from "./etl-config.js";
import type { ExtractResult, QuarantinedRow } from "./extract/extract-result.js";
import { openStore } from "../storage/open-store.js";
import { renderCsvChunks } from "./load/csv-output.js";
import {
  describeOutputs,
  redactConfig,
  renderManifest,
  type EtlManifest,
  type EtlOutput,
} from "./load/manifest.js";
import { renderQuarantine } from "./load/quarantine-output.js";
import { prepareSeries, type PreparedSeries, type SeriesInput } from "./prepare-series.js";
import { findSource, type EtlSource, type SourceOptions } from "./sources.js";
import { redactDeep, redactSecrets } from "../util/redact-secrets.js";

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
  const store = openStore(config.out, effects, config.sink);
  const prepared = await prepareSeries(
    sourceInput(config, source, effects, hooks),
    config,
    effects,
  );
  for (const s of prepared.steps) effects.logger.debug(`etl ${s.name} ok ${s.elapsedMs} ms`);
  steps.push(...prepared.steps);
  const { extracted, quality, rowsFilled, series: output } = prepared;
  const outputs = await step("render", () =>
    renderOutputs(output, extracted, config, prepared.weather?.quarantine),
  );
  const parameters = redactConfig(config);
  const provenance = {
    input: parameters.input,
    sha256: extracted.source.sha256 ?? "",
    startedAt: started.toISOString(),
  };
  const context = { provenance, tool: "powerflow etl" };
  const written = await step("load", () => store.write(outputs, context));
  const finished = effects.now();
  // redacted whole: weather inputs and their quality report name URLs that may carry API keys
  const manifest: EtlManifest = redactDeep({
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
    outputs: describeOutputs(outputs, written),
    quality,
    steps,
  });
  const manifestFile = {
    name: `${stemOf(config)}.manifest.json`,
    content: renderManifest(manifest),
    rows: 0,
    contentType: "application/json",
  };
  await store.write([manifestFile], context);
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
): Promise<EtlOutput[]> {
  const stem = stemOf(config);
  const files: EtlOutput[] = [];
  if (config.formats.includes("csv"))
    files.push({
      name: `${stem}.csv`,
      content: renderCsvChunks(series),
      rows: series.length,
      contentType: "text/csv",
    });
  if (config.formats.includes("parquet")) {
    const metadata = {
      "powerflow.input": redactSecrets(config.input),
      "powerflow.input_sha256": extracted.source.sha256 ?? "",
      "powerflow.time": "time_utc is the interval start in UTC",
    };
    // loaded on demand: CSV-only runs skip the Parquet writer's import
    const { renderParquetChunks } = await import("./load/parquet-output.js");
    files.push({
      name: `${stem}.parquet`,
      content: renderParquetChunks(series, metadata),
      rows: series.length,
      contentType: "application/vnd.apache.parquet",
    });
  }
  files.push({
    name: `${stem}.quarantine.csv`,
    content: renderQuarantine(extracted.quarantine),
    rows: extracted.quarantine.length,
    contentType: "text/csv",
  });
  if (weatherQuarantine)
    files.push({
      name: `${stem}.weather-quarantine.csv`,
      content: renderQuarantine(weatherQuarantine),
      rows: weatherQuarantine.length,
      contentType: "text/csv",
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
