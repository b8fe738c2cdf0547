/** The provenance record written beside each report (`<name>.manifest.json`) and in its footer. */
import type { CellFailure, CellTiming } from "../execute/execute-notebook.js";
import type { TruncatedOutput } from "../execute/output-truncation.js";
import type { CacheRecord, RecordedReads } from "../freshness/read-records.js";
import type { KernelHeap } from "../kernel/kernel-heap.js";
import type { InputFile } from "./hash-input-file.js";

/** A file and its SHA-256. */
export interface HashedFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** Facts about the whole run, the same for every notebook in it. */
export interface RunProvenance {
  git: { commit: string; dirty: boolean } | null;
  lockfileSha256: string | null;
  versions: Record<string, string>;
}

/** A metric a notebook published with `publish(name, value)`. */
export interface PublishedMetric {
  name: string;
  value: unknown;
  unit?: string;
}

/** The schema every manifest carries; readers skip JSON files with any other. */
export const RUN_MANIFEST_SCHEMA = "powerflow.run-manifest/1";

/** The kernel a notebook ran on. */
export interface KernelRecord {
  name: string;
  displayName: string;
  /** The kernel.json the kernel came from; null for this checkout's built-in launcher. */
  kernelspec: string | null;
  /** Its command line, with `{connection_file}` left as written. */
  argv: string[];
  /** False when the kernel did not start (then the versions below are null). */
  started: boolean;
  implementation: string | null;
  protocolVersion: string | null;
  language: string;
  /** The PowerFlow checkout it ran: as the kernel reported it, else as its kernelspec names it. */
  root: string | null;
  /** The tslab version the kernel reported (null: not reported, e.g. a non-PowerFlow kernel). */
  tslab: string | null;
  /** The Node version of the kernel process, as the kernel reported it. */
  node: string | null;
  /** Where the kernel took src/ modules from (tslab kernels of `powerflow run`). */
  sources?: string;
  /** The kernel's heap limit (null: V8's default, or not a Node kernel). */
  heap?: KernelHeap | null;
}

/** How many outputs a notebook holds, by kind. */
export interface OutputCounts {
  /** Outputs by nbformat output_type (stream, display_data, execute_result, error). */
  byType: Record<string, number>;
  /** display_data and execute_result outputs carrying each MIME type. */
  byMime: Record<string, number>;
  /** Outputs showing a chart: Plotly JSON, SVG, PNG or JPEG. */
  charts: number;
  /** Other outputs showing an HTML table. */
  tables: number;
}

/** Everything known about one notebook run. Only `timing` changes between identical runs. */
export interface RunManifest {
  schema: typeof RUN_MANIFEST_SCHEMA;
  notebook: HashedFile;
  title: string;
  outputs: { html: string; ipynb: string; manifest: string };
  status: "ok" | "failed";
  failures: CellFailure[];
  /** Cells whose output passed the per-cell cap; their further output was dropped. */
  truncatedOutputs: TruncatedOutput[];
  parameters: Record<string, unknown>;
  injectedParameters: string[];
  /** string parameters naming regular files, hashed (or noted when over the size cap) */
  inputs: InputFile[];
  seeds: Record<string, unknown>;
  kernel: KernelRecord;
  /** Counts of the executed notebook's outputs. */
  outputCounts: OutputCounts;
  provenance: RunProvenance;
  metrics: PublishedMetric[];
  timing: { startedAt: string; finishedAt: string; durationMs: number; cells: CellTiming[] };
  /** What the execution read (traced by PowerFlow's kernel); null: not traced. Absent in older manifests. */
  reads?: RecordedReads | null;
  /** The run's cache key and what it was computed from (see src/runner/freshness/). */
  cache?: CacheRecord;
}

/** Returns the manifest without its timing block (what must be identical across reruns). */
export function withoutTiming(manifest: RunManifest): Omit<RunManifest, "timing"> {
  const { timing: _timing, ...rest } = manifest;
  return rest;
}

/** Returns `text` parsed as a run manifest, or undefined when it is not JSON of this schema. */
export function parseRunManifest(text: string): RunManifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<RunManifest> | null;
    return value?.schema === RUN_MANIFEST_SCHEMA ? (value as RunManifest) : undefined;
  } catch {
    return undefined;
  }
}
