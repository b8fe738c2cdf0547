/** The provenance record written beside each report (`<name>.manifest.json`) and in its footer. */
import type { CellFailure, CellTiming } from "../execute/execute-notebook.js";
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

/** Everything known about one notebook run. Only `timing` changes between identical runs. */
export interface RunManifest {
  schema: "powerflow.run-manifest/1";
  notebook: HashedFile;
  title: string;
  outputs: { html: string; ipynb: string; manifest: string };
  status: "ok" | "failed";
  failures: CellFailure[];
  parameters: Record<string, unknown>;
  injectedParameters: string[];
  /** string parameters naming regular files, hashed (or noted when over the size cap) */
  inputs: InputFile[];
  seeds: Record<string, unknown>;
  kernel: Record<string, unknown>;
  provenance: RunProvenance;
  metrics: PublishedMetric[];
  timing: { startedAt: string; finishedAt: string; durationMs: number; cells: CellTiming[] };
}

/** Returns the manifest without its timing block (what must be identical across reruns). */
export function withoutTiming(manifest: RunManifest): Omit<RunManifest, "timing"> {
  const { timing: _timing, ...rest } = manifest;
  return rest;
}
