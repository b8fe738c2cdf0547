/**
 * The ETL pipeline: extract (source chosen by input) → validate (bad-row policy) → clean (sort,
 * duplicates, outliers) → normalise units → fill gaps → resample → enrich → render CSV/Parquet/
 * quarantine → load (sink chosen by target) → manifest. It composes named steps and times them;
 * the logic lives in the steps.
 */
import { basename } from "node:path";
import type { Effects } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import type { EtlConfig } from "./etl-config.js";
import type { ExtractResult } from "./extract/extract-result.js";
import { enrichSeries } from "./enrich-series.js";
import { renderCsv } from "./load/csv-output.js";
import {
  describeOutputs,
  redactConfig,
  renderManifest,
  type EtlManifest,
} from "./load/manifest.js";
import { renderQuarantine } from "./load/quarantine-output.js";
import { findSink, type OutputFile } from "./sinks.js";
import { findSource, type EtlSource, type SourceOptions } from "./sources.js";
import { canStream, streamResample } from "./stream-resample.js";
import type { QualityReport } from "./validate/quality-report.js";
import { cleanLoadSeries } from "./transform/clean-load-series.js";
import { fillGaps } from "./transform/fill-gaps.js";
import { isEnergyUnit, normalizeUnits } from "./transform/normalize-units.js";
import { resample } from "./transform/resample.js";
import { redactSecrets } from "../util/redact-secrets.js";
import { checkBadRows } from "./validate/check-bad-rows.js";
import { finding } from "./validate/quality-report.js";

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
  const prepared = canStream(config, source.name)
    ? await step("extract+resample (streaming)", () => streamed(config, hooks))
    : await prepare(config, source, effects, hooks, step);
  const { extracted, quality, rowsFilled, intervalMs } = prepared;
  let output = prepared.output;
  output = await step("enrich", () =>
    enrichSeries(output, config, effects, intervalMs, quality.findings),
  );
  const files = await step("render", () => renderOutputs(output, extracted, config));
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
    inputs: inputsOf(extracted),
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

type Step = <T>(name: string, fn: () => T | Promise<T>) => Promise<T>;

interface Prepared {
  extracted: ExtractResult;
  output: LoadSeries;
  quality: QualityReport;
  rowsFilled: number;
  intervalMs: number;
}

async function streamed(config: EtlConfig, hooks: RunEtlHooks): Promise<Prepared> {
  const { settings: _settings, ...options } = sourceOptions(config, hooks);
  const r = await streamResample(config, options);
  return {
    extracted: r.extracted,
    output: r.series,
    quality: r.quality,
    rowsFilled: 0,
    intervalMs: r.quality.intervalMinutes * 60_000,
  };
}

async function prepare(
  config: EtlConfig,
  source: EtlSource,
  effects: Effects,
  hooks: RunEtlHooks,
  step: Step,
): Promise<Prepared> {
  const extracted = await step("extract", () =>
    source.extract(config.input, sourceOptions(config, hooks), effects),
  );
  await step("validate", () => checkBadRows(extracted, config));
  const cleaned = await step("clean", () =>
    cleanLoadSeries(extracted, {
      duplicates: config.duplicates,
      outliers: config.outliers,
      outlierThreshold: config.outlierThreshold,
      timeZone: config.timeZone,
    }),
  );
  const quality = cleaned.quality;
  const intervalMs = quality.intervalMinutes * 60_000;
  let series: LoadSeries = await step("normalize-units", () =>
    normalizeUnits(cleaned.series, { unit: config.unit, intervalMs, timeZone: config.timeZone }),
  );
  if (config.unit !== "MW")
    quality.findings.push(
      finding(
        "units",
        series.length,
        `values converted from ${config.unit} per ${quality.intervalMinutes} min to MW${
          isEnergyUnit(config.unit) && intervalMs % 86_400_000 === 0 && config.timeZone !== "UTC"
            ? ` (each interval as long as its local days in ${config.timeZone}: 23 h / 25 h on DST changes)`
            : ""
        }`,
      ),
    );
  let rowsFilled = 0;
  if (config.fill.method !== "none") {
    const filled = await step("fill-gaps", () =>
      fillGaps(series, { method: config.fill.method, maxSteps: config.fill.maxSteps, intervalMs }),
    );
    series = filled.frame;
    rowsFilled = filled.filled;
    quality.findings.push(
      finding(
        "filled",
        rowsFilled,
        `${rowsFilled} missing interval(s) filled by ${config.fill.method} (gaps up to ${config.fill.maxSteps} steps; column filled)`,
      ),
    );
  }
  let output: LoadSeries = series;
  if (config.resample) {
    const frequency = config.resample;
    output = await step("resample", () =>
      resample(series, { frequency, timeZone: config.timeZone, intervalMs }),
    );
  }
  return { extracted, output, quality, rowsFilled, intervalMs };
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

/** The output file stem: `name`, else the input's base name without extensions. */
export function stemOf(config: Pick<EtlConfig, "name" | "input">): string {
  if (config.name) return config.name;
  const base = basename(config.input.replace(/[?#].*$/, "")).replace(/(\.csv)?(\.gz)?$/i, "");
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "");
  return safe === "" ? "etl-output" : safe;
}
