/**
 * The ETL sink registry: where `--out` puts the rendered files. The pipeline renders every
 * output (CSV, Parquet, quarantine, manifest) to bytes first and hashes them; a sink only
 * places named byte blobs at a target and says where each went. To add one (gs://, git+…):
 * write `src/etl/load/<name>.ts` exporting an `EtlSink`, then add one import and one entry to
 * SINKS below — earlier entries win; the local folder sink is last.
 */
import type { Effects } from "../effects.js";
import { InputError } from "../errors.js";
import { gcsSink } from "./load/gcs-sink.js";
import { gitSink } from "./load/git-sink.js";
import { localDirSink } from "./load/local-dir-sink.js";

/** One rendered output file. */
export interface OutputFile {
  /** file name inside the target, e.g. "PJME_hourly.parquet" */
  name: string;
  bytes: Uint8Array;
  /** data rows in the file (0 for the manifest) */
  rows: number;
  /** e.g. "text/csv", "application/vnd.apache.parquet", "application/json" */
  mediaType: string;
}

/** Where one file ended up (a path, gs:// URL, or git commit path). */
export interface WrittenFile {
  name: string;
  location: string;
}

/** Context a sink may use: provenance for object metadata or commit messages. */
export interface SinkContext {
  /** run id and input description, for metadata / commit messages */
  provenance: Record<string, string>;
  /** sink-specific settings from the config file's `sink:` block */
  settings?: Record<string, unknown>;
}

/** A destination the pipeline can pick by target string. */
export interface EtlSink {
  name: string;
  matches(target: string): boolean;
  /** writes all `files` so that none is visible half-written; returns their locations */
  write(
    target: string,
    files: OutputFile[],
    context: SinkContext,
    effects: Effects,
  ): Promise<WrittenFile[]>;
}

/** Every sink, most specific first; the local folder sink comes last. */
export const SINKS: EtlSink[] = [gcsSink, gitSink, localDirSink];

/** Returns the first sink that matches `target`, or throws InputError naming the known ones. */
export function findSink(target: string, sinks: readonly EtlSink[] = SINKS): EtlSink {
  const sink = sinks.find((s) => s.matches(target));
  if (!sink) {
    throw new InputError(
      `no ETL sink for output: "${target}" (expected one of: ${sinks.map((s) => s.name).join(", ")})`,
    );
  }
  return sink;
}
