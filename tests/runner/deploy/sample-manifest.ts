/** A minimal, valid run manifest for index tests (what `powerflow run` writes per notebook). */
import {
  RUN_MANIFEST_SCHEMA,
  type RunManifest,
} from "../../../src/runner/manifest/run-manifest.js";

/** Returns the manifest of notebook `name` titled `title`. */
export function sampleManifest(
  name: string,
  title = name,
  status: "ok" | "failed" = "ok",
): RunManifest {
  return {
    schema: RUN_MANIFEST_SCHEMA,
    notebook: { path: `notebooks/${name}.ipynb`, sha256: "0".repeat(64), bytes: 10 },
    title,
    outputs: { html: `${name}.html`, ipynb: `${name}.ipynb`, manifest: `${name}.manifest.json` },
    status,
    failures: [],
    truncatedOutputs: [],
    parameters: {},
    injectedParameters: [],
    inputs: [],
    seeds: {},
    kernel: {
      name: "tslab",
      displayName: "TypeScript (PowerFlow)",
      kernelspec: null,
      argv: ["node", "/repo/bin/tslab-kernel.cjs", "--config-path", "{connection_file}"],
      started: true,
      implementation: "tslab",
      protocolVersion: "5.3",
      language: "typescript",
      root: "/repo",
      tslab: "1.0.22",
      node: "v24.0.0",
    },
    outputCounts: { byType: {}, byMime: {}, charts: 0, tables: 0 },
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
