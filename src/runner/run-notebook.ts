/** Executes one prepared notebook on a fresh kernel and writes .ipynb, HTML and manifest. */
import { relative, resolve } from "node:path";
import type { Effects } from "../effects.js";
import {
  executeNotebook,
  type CellEvent,
  type CellFailure,
  type ExecutedNotebook,
} from "./execute/execute-notebook.js";
import { startKernelClient, type KernelClient } from "./kernel/kernel-client.js";
import type { KernelHeap } from "./kernel/kernel-heap.js";
import type { KernelSpec } from "./kernel/kernelspec.js";
import { createInputHasher, type InputHasher } from "./freshness/input-hasher.js";
import {
  basisContext,
  recordFreshness,
  redactFreshness,
  requestKernelReads,
} from "./freshness/record-freshness.js";
import { countOutputs } from "./manifest/count-outputs.js";
import { kernelHeapRecord } from "./manifest/kernel-heap-record.js";
import { kernelRecord } from "./manifest/kernel-record.js";
import {
  RUN_MANIFEST_SCHEMA,
  type PublishedMetric,
  type RunManifest,
  type RunProvenance,
} from "./manifest/run-manifest.js";
import { hashInputFile, type InputFile } from "./manifest/hash-input-file.js";
import { PUBLISH_MIME } from "./mime-types.js";
import type { Notebook } from "./notebook/notebook-types.js";
import { sourceText } from "./notebook/notebook-types.js";
import { serializeNotebook } from "./notebook/serialize-notebook.js";
import { showInjectedCell } from "./params/inject-parameters.js";
import { redactEchoesDeep } from "./params/redact-parameters.js";
import type { PreparedNotebook } from "./prepare-notebook.js";
import { renderReport } from "./report/render-report.js";
import { RUN_DEFAULTS } from "./run-defaults.js";
import type { Store } from "../storage/store.js";
import { redactSecrets } from "../util/redact-secrets.js";
import { sha256Hex } from "../util/sha256-hex.js";

/** Options of `runNotebook`. */
export interface RunNotebookOptions {
  kernelSpec: KernelSpec;
  /** Project root: the kernel's working directory and the base of relative paths. */
  root: string;
  /** Where the reports go (see `openReportStore`). */
  sink: Store;
  /** Run-wide provenance; a promise lets it be gathered while the kernel starts. */
  provenance: RunProvenance | Promise<RunProvenance>;
  effects: Effects;
  /** Largest input file hashed for the manifest, in bytes (default RUN_DEFAULTS.inputHashMaxBytes). */
  inputHashMaxBytes?: number;
  /** Per-cell limit in ms (default RUN_DEFAULTS.cellTimeoutMs, 600 000). */
  cellTimeoutMs?: number;
  /** Kernel handshake limit in ms (default RUN_DEFAULTS.startupTimeoutMs, 60 000). */
  startupTimeoutMs?: number;
  /** Output kept per cell, in bytes (default RUN_DEFAULTS.maxCellOutputBytes, 100 MiB). */
  maxCellOutputBytes?: number;
  allowErrors?: boolean;
  noInput?: boolean;
  /** Environment of the kernel process (default: this process's). */
  kernelEnv?: NodeJS.ProcessEnv;
  /**
   * The heap limit planned for the kernel (`planKernelHeap`), recorded in the manifest as the
   * kernel confirms it (default null).
   */
  kernelHeap?: KernelHeap | null;
  /** Where the kernel takes src/ modules from, recorded in the manifest. */
  sources?: "prebuilt" | "live";
  /** Aborting interrupts the running cell and skips the rest; the partial outputs are written. */
  signal?: AbortSignal;
  /** Let HTTP responses key the run (`--cache-http`, default false). */
  cacheHttp?: boolean;
  /** Hashes what the run read, for the manifest's cache key (default: a new one). */
  hasher?: InputHasher;
  /** A kernel started ahead for this notebook (see `runNotebooks`); else one is started here. */
  kernel?: Promise<KernelClient>;
  onEvent?: (event: CellEvent | { type: "kernel-started"; pid: number | undefined }) => void;
}

/** The outcome of one notebook. */
export interface NotebookRunResult {
  name: string;
  path: string;
  manifest: RunManifest;
}

/** Runs `prepared` and writes its outputs; cell failures are recorded, not thrown. */
export async function runNotebook(
  prepared: PreparedNotebook,
  options: RunNotebookOptions,
): Promise<NotebookRunResult> {
  const now = (): Date => options.effects.now();
  const startedAt = now();
  let kernel: KernelClient | undefined;
  let executed: ExecutedNotebook;
  let shutdown: Promise<void> | undefined;
  const stopKernel = (): Promise<void> => (shutdown ??= kernel?.shutdown() ?? Promise.resolve());
  let reads: Record<string, unknown> | undefined;
  try {
    if (needsKernel(prepared)) {
      const started = await (options.kernel ?? startNotebookKernel(options));
      kernel = started;
      options.onEvent?.({ type: "kernel-started", pid: started.pid });
      executed = await executeNotebook(prepared.notebook, started, {
        cellTimeoutMs: options.cellTimeoutMs ?? RUN_DEFAULTS.cellTimeoutMs,
        maxCellOutputBytes: options.maxCellOutputBytes,
        allowErrors: options.allowErrors,
        now,
        onEvent: options.onEvent,
        signal: options.signal,
        // Every cell is done: output the kernel sends until it is gone still reaches its cell.
        afterLastCell: async (failures) => {
          // What the cells read, asked before the kernel shuts down (failed runs are never reused).
          if (failures.length === 0) reads = await requestKernelReads(started);
          await stopKernel();
        },
      });
    } else {
      executed = { notebook: prepared.notebook, timings: [], failures: [], truncatedOutputs: [] };
    }
  } catch (error) {
    const evalue = error instanceof Error ? error.message : String(error);
    const failure: CellFailure = {
      kind: "dead",
      cellIndex: -1,
      cellId: "",
      executionCount: null,
      ename: "KernelStartError",
      evalue,
    };
    executed = {
      notebook: prepared.notebook,
      timings: [],
      failures: [failure],
      truncatedOutputs: [],
    };
  } finally {
    void stopKernel();
  }
  // What is saved shows redacted parameter values, and no output or message echoes a real one.
  executed = {
    ...executed,
    notebook: showInjectedCell(redactOutputs(executed.notebook, prepared), prepared.shown),
    failures: redactEchoesDeep(executed.failures, prepared.redacted),
  };
  const finishedAt = now();
  const manifest = await buildManifest(prepared, executed, kernel, reads, options, {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    cells: executed.timings,
  });
  const notebook = withRunMetadata(executed.notebook, manifest, kernel);
  const html = renderReport(notebook, manifest, { noInput: options.noInput });
  // The manifest last: the run index lists a report once its manifest is there.
  await options.sink.write([
    { name: manifest.outputs.ipynb, content: serializeNotebook(notebook) },
    { name: manifest.outputs.html, content: html },
    { name: manifest.outputs.manifest, content: `${JSON.stringify(manifest, null, 2)}\n` },
  ]);
  await stopKernel();
  return { name: prepared.name, path: prepared.path, manifest };
}

/** True when `prepared` has code to run, so it needs a kernel (an empty notebook does not). */
export function needsKernel(prepared: PreparedNotebook): boolean {
  return prepared.notebook.cells.some(
    (c) => c.cell_type === "code" && sourceText(c.source).trim() !== "",
  );
}

/** Starts the kernel a notebook runs on: `options.kernelSpec`, in the project root. */
export function startNotebookKernel(
  options: Pick<RunNotebookOptions, "kernelSpec" | "root" | "startupTimeoutMs" | "kernelEnv">,
): Promise<KernelClient> {
  return startKernelClient(options.kernelSpec, {
    cwd: options.root,
    startupTimeoutMs: options.startupTimeoutMs,
    env: options.kernelEnv,
  });
}

async function buildManifest(
  prepared: PreparedNotebook,
  executed: ExecutedNotebook,
  kernel: KernelClient | undefined,
  reads: Record<string, unknown> | undefined,
  options: RunNotebookOptions,
  timing: RunManifest["timing"],
): Promise<RunManifest> {
  const provenance = await options.provenance;
  const recorded = await recordFreshness(
    prepared,
    { info: reads, ran: needsKernel(prepared), ok: executed.failures.length === 0 },
    {
      ...basisContext(options, provenance),
      root: options.root,
      hasher: options.hasher ?? createInputHasher(),
    },
  );
  // Paths and URLs read may hold a parameter's secret, as outputs may.
  const freshness = redactFreshness(recorded, prepared.redacted);
  const parameters = Object.fromEntries(
    [...prepared.redacted.shown].map(([k, v]) => [k, plain(v)]),
  );
  return {
    schema: RUN_MANIFEST_SCHEMA,
    notebook: {
      path: displayPath(prepared.path, options.root),
      sha256: sha256Hex(prepared.bytes),
      bytes: prepared.bytes.length,
    },
    title: prepared.title,
    outputs: {
      html: `${prepared.name}.html`,
      ipynb: `${prepared.name}.ipynb`,
      manifest: `${prepared.name}.manifest.json`,
    },
    status: executed.failures.length === 0 ? "ok" : "failed",
    failures: executed.failures,
    truncatedOutputs: executed.truncatedOutputs,
    parameters,
    injectedParameters: [...prepared.injected.keys()],
    inputs: await inputFiles(prepared, options),
    seeds: Object.fromEntries(Object.entries(parameters).filter(([k]) => /seed/i.test(k))),
    kernel: {
      ...kernelRecord(options.kernelSpec, kernel?.info, options.sources),
      heap: heapRecord(options, kernel),
    },
    outputCounts: countOutputs(executed.notebook),
    provenance,
    metrics: publishedMetrics(executed.notebook),
    timing,
    ...freshness,
  };
}

function heapRecord(options: RunNotebookOptions, kernel: KernelClient | undefined) {
  const { heap, warning } = kernelHeapRecord(options.kernelHeap ?? null, kernel?.info);
  if (warning) options.effects.logger.warn(warning);
  return heap;
}

// String parameters naming regular files are the notebook's inputs: hashed for provenance.
// Secret parameters are left out: even a file's hash and path would be written.
async function inputFiles(
  prepared: PreparedNotebook,
  options: RunNotebookOptions,
): Promise<InputFile[]> {
  const secret = new Set(prepared.parameters.filter((p) => p.secret).map((p) => p.name));
  const candidates = [
    ...new Set(
      [...prepared.effective]
        .filter(([name]) => !secret.has(name))
        .map(([, v]) => v)
        .filter((v): v is string => typeof v === "string" && v.length > 0 && v.length < 1024),
    ),
  ];
  const out: InputFile[] = [];
  for (const value of candidates.sort()) {
    const path = resolve(options.root, value);
    const file = await hashInputFile(redactSecrets(value), path, options.inputHashMaxBytes);
    if (file) out.push(file);
  }
  return out;
}

function redactOutputs(notebook: Notebook, prepared: PreparedNotebook): Notebook {
  return {
    ...notebook,
    cells: notebook.cells.map((c) =>
      c.outputs ? { ...c, outputs: redactEchoesDeep(c.outputs, prepared.redacted) } : c,
    ),
  };
}

function publishedMetrics(notebook: Notebook): PublishedMetric[] {
  const metrics: PublishedMetric[] = [];
  for (const cell of notebook.cells) {
    for (const output of cell.outputs ?? []) {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result")
        continue;
      const value = output.data[PUBLISH_MIME] as Partial<PublishedMetric> | undefined;
      if (value && typeof value.name === "string") {
        metrics.push({
          name: value.name,
          value: value.value,
          ...(typeof value.unit === "string" ? { unit: value.unit } : {}),
        });
      }
    }
  }
  return metrics;
}

function withRunMetadata(
  notebook: Notebook,
  manifest: RunManifest,
  kernel: KernelClient | undefined,
): Notebook {
  const info = (kernel?.info.language_info ?? {}) as Record<string, unknown>;
  const metadata: Record<string, unknown> = {
    ...notebook.metadata,
    kernelspec: {
      name: manifest.kernel.name,
      display_name: manifest.kernel.displayName,
      language: manifest.kernel.language,
    },
    powerflow: {
      parameters: manifest.parameters,
      injectedParameters: manifest.injectedParameters,
      status: manifest.status,
      failures: manifest.failures,
      timing: {
        startedAt: manifest.timing.startedAt,
        finishedAt: manifest.timing.finishedAt,
        durationMs: manifest.timing.durationMs,
      },
    },
  };
  if (typeof info.name === "string") metadata.language_info = info;
  return { ...notebook, metadata };
}

function displayPath(path: string, root: string): string {
  const rel = relative(root, resolve(path));
  return rel.startsWith("..") ? resolve(path) : rel;
}

function plain(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
