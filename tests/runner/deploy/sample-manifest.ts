/** A minimal, valid run manifest for index tests (what `powerflow run` writes per notebook). */
import type { RunManifest } from "../../../src/runner/manifest/run-manifest.js";

/** Returns the manifest of notebook `name` titled `title`. */
export function sampleManifest(
  name: string,
  title = name,
  status: "ok" | "failed" = "ok",
): RunManifest {
  return {
    schema: "powerflow.run-manifest/1",
    notebook: { path: `notebooks/${name}.ipynb`, sha256: "0".repeat(64), bytes: 10 },
    title,
    outputs: { html: `${name}.html`, ipynb: `${name}.ipynb`, manifest: `${name}.manifest.json` },
    status,
    failures: [],
    parameters: {},
    injectedParameters: [],
    inputs: [],
    seeds: {},
    kernel: {},
    provenance: { git: null, lockfileSha256: null, versions: {} },
    metrics: [],
    timing: {
      startedAt: "2026-01-01T00:00:00.000Z",
      finishedAt: "2026-01-01T00:00:01.000Z",
      durationMs: 1000,
      cells: [],
    },
  };
}
