/** `powerflow run`: prepares every notebook, runs up to `jobs` kernels at once, writes index.html. */
import { availableParallelism } from "node:os";
import type { Effects } from "../effects.js";
import { InputError } from "../errors.js";
import { packageRoot } from "../util/package-root.js";
import { batchIdentity } from "./freshness/batch-state.js";
import { createInputHasher, type InputHasher } from "./freshness/input-hasher.js";
import { planBatch, type BatchPlan } from "./freshness/plan-batch.js";
import { basisContext } from "./freshness/record-freshness.js";
import { chooseKernelSpec } from "./kernel/choose-kernel-spec.js";
import { planKernelHeap } from "./kernel/kernel-heap.js";
import { expandEnv } from "./kernel/launch-kernel.js";
import { collectProvenance, collectVersions } from "./manifest/collect-provenance.js";
import type { RunProvenance } from "./manifest/run-manifest.js";
import { describeParameters, type RawParameter } from "./params/coerce-parameters.js";
import { checkPrebuiltSources } from "./prebuilt-sources.js";
import { prepareNotebook, type PreparedNotebook } from "./prepare-notebook.js";
import type { ProgressReporter } from "./progress.js";
import { openReportStore } from "./open-report-store.js";
import { rebuildRunIndex } from "./report/rebuild-run-index.js";
import { RUN_DEFAULTS } from "./run-defaults.js";
import type { NotebookRunResult, RunNotebookOptions } from "./run-notebook.js";
import { runPlanned } from "./run-planned.js";
import type { Store } from "../storage/store.js";

/** Options of `runNotebooks`. */
export interface RunNotebooksOptions {
  /** Output folder (default RUN_DEFAULTS.out, "reports"). */
  out?: string;
  /** Raw `-p` / params-file values. */
  parameters?: RawParameter[];
  /**
   * Kernelspec name from Jupyter's paths (default: this checkout's tslab launcher); a
   * kernelspec of another PowerFlow checkout is refused (see `chooseKernelSpec`).
   */
  kernel?: string;
  /** Notebooks run at once (default: available CPUs). */
  jobs?: number;
  cellTimeoutMs?: number;
  startupTimeoutMs?: number;
  /** Largest input file hashed for a manifest, in bytes (default 256 MiB); larger ones get a note. */
  inputHashMaxBytes?: number;
  /**
   * Memory limit the kernels' heaps are fitted to, in bytes (default: the container's cgroup
   * limit; none: V8's default). Ignored when NODE_OPTIONS sets --max-old-space-size; a size
   * the kernelspec sets is replaced. See `planKernelHeap` and `kernelHeapSizeMb`.
   */
  memoryLimitBytes?: number;
  /** Output kept per cell, in bytes (default 100 MiB); the rest is dropped with a marker. */
  maxCellOutputBytes?: number;
  allowErrors?: boolean;
  noInput?: boolean;
  /**
   * Let notebooks' ./src imports use the build (dist/src) when it is newer than every source
   * file (default true; the kernel then skips type-checking src/). False: the kernel compiles
   * src/ itself, as in Jupyter.
   */
  prebuilt?: boolean;
  /** Project root (default packageRoot()). */
  root?: string;
  /** Precomputed run provenance; tests pass one so two runs share it. */
  provenance?: RunProvenance;
  /** Where the reports go (default: the Store of `out`, see `openReportStore`). */
  sink?: Store;
  progress?: ProgressReporter;
  /**
   * Aborting (Ctrl-C) interrupts the running cells, writes their partial outputs and the index,
   * and starts no further notebook.
   */
  signal?: AbortSignal;
  /**
   * Run every notebook, even those whose previous report in `out` is fresh (default false: a
   * notebook runs only when its cache key changed, see src/runner/freshness/).
   */
  force?: boolean;
  /**
   * Continue the batch recorded in `out` (same notebooks, parameters and options): notebooks it
   * finished are kept, the failed, interrupted and not started ones run (default false).
   */
  resume?: boolean;
  /** Let HTTP responses key a run, fetching them again to check it (default false: a network read rules reuse out). */
  cacheHttp?: boolean;
  /** Test hook: called when a notebook's kernel is up. */
  onKernelStarted?: (name: string, pid: number | undefined) => void;
}

/** What a run produced. */
export interface RunSummary {
  results: NotebookRunResult[];
  failed: NotebookRunResult[];
  /** Notebooks not started because the run was aborted (their outputs were not written). */
  skipped: string[];
  /** Notebooks whose previous report stands for this run (fresh, or finished before `resume`). */
  reused: string[];
  /** Where the kernels took src/ modules from, and why not the build when it was wanted. */
  sources: { kind: "prebuilt" | "live"; reason?: string };
}

/**
 * Runs `paths` and writes `<name>.ipynb`, `<name>.html`, `<name>.manifest.json` and
 * `index.html`. Bad input (missing notebook, bad parameter) throws InputError before any kernel
 * starts; failed notebooks are reported in the summary (see `assertRunSucceeded`).
 */
export async function runNotebooks(
  paths: readonly string[],
  effects: Effects,
  options: RunNotebooksOptions = {},
): Promise<RunSummary> {
  if (paths.length === 0)
    throw new InputError("no notebooks given (expected one or more .ipynb paths)");
  const root = options.root ?? packageRoot();
  const raw = options.parameters ?? [];
  const prepared = await Promise.all(
    paths.map((p) => prepareNotebook(p, raw, effects, { lenient: paths.length > 1 })),
  );
  checkParametersUsed(raw, prepared);
  checkUniqueNames(prepared);
  const kernelSpec = chooseKernelSpec(options.kernel, root);
  const sink = options.sink ?? openReportStore(options.out ?? RUN_DEFAULTS.out, effects);
  const progress = options.progress ?? (() => undefined);
  const sources = chooseSources(root, options.prebuilt ?? true);
  progress({ type: "sources", ...sources });
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), prepared.length));
  const heapPlan = await planKernelHeap(
    kernelSpec,
    { ...process.env, POWERFLOW_KERNEL_PREBUILT: sources.kind === "prebuilt" ? "1" : "0" },
    { jobs, memoryLimitBytes: options.memoryLimitBytes },
  );
  if (heapPlan.warning) effects.logger.warn(heapPlan.warning);
  const hasher = createInputHasher({ fetch: effects.fetch });
  const base: Omit<RunNotebookOptions, "provenance"> = {
    kernelEnv: heapPlan.env,
    kernelHeap: heapPlan.heap,
    sources: sources.kind,
    kernelSpec: heapPlan.spec,
    root,
    sink,
    effects,
    cellTimeoutMs: options.cellTimeoutMs,
    startupTimeoutMs: options.startupTimeoutMs,
    inputHashMaxBytes: options.inputHashMaxBytes,
    maxCellOutputBytes: options.maxCellOutputBytes,
    allowErrors: options.allowErrors,
    noInput: options.noInput,
    signal: options.signal,
    cacheHttp: options.cacheHttp,
    hasher,
  };
  const plan = await planRun(prepared, { ...base, hasher }, options);
  // Git state is asked for only when a notebook runs (it starts processes): gathered while the
  // first kernels start, awaited when the first manifest is written.
  let provenance: Promise<RunProvenance> | undefined;
  const results = await runPlanned(prepared, plan, {
    base,
    jobs,
    provenance: () =>
      (provenance ??= options.provenance
        ? Promise.resolve(options.provenance)
        : collectProvenance(root)),
    progress,
    signal: options.signal,
    onKernelStarted: options.onKernelStarted,
  });
  const done = results.filter((r): r is NotebookRunResult => r !== undefined);
  // The index lists every report in the folder: earlier runs' manifests are kept, this run's win.
  await rebuildRunIndex(sink, {
    folders: false,
    known: done.map((r) => r.manifest),
    reused: new Set([...plan.reused.values()].map((r) => r.manifest.outputs.manifest)),
    logger: effects.logger,
  });
  return {
    results: done,
    failed: done.filter((r) => r.manifest.status === "failed"),
    skipped: prepared.filter((_, i) => results[i] === undefined).map((p) => p.path),
    reused: [...plan.reused.keys()].map((i) => prepared[i]!.path),
    sources,
  };
}

// Which notebooks run: those whose previous report in the output is missing or stale, all of
// them with `force`, and with `resume` those the interrupted batch did not finish.
async function planRun(
  prepared: readonly PreparedNotebook[],
  base: Omit<RunNotebookOptions, "provenance"> & { hasher: InputHasher },
  options: RunNotebooksOptions,
): Promise<BatchPlan> {
  const { root, kernelSpec, kernelEnv = process.env } = base;
  const basis = basisContext(base, options.provenance ?? (await collectVersions(root)));
  return planBatch(prepared, {
    sink: base.sink,
    root,
    basis,
    env: { ...kernelEnv, ...expandEnv(kernelSpec.env, kernelEnv) },
    hasher: base.hasher,
    force: options.force ?? false,
    resume: options.resume ?? false,
    identity: batchIdentity({
      notebooks: prepared.map((p) => p.path),
      parameters: options.parameters ?? [],
      options: { kernel: options.kernel ?? null, ...basis.options },
    }),
    now: () => base.effects.now(),
  });
}

function checkParametersUsed(
  raw: readonly RawParameter[],
  prepared: readonly PreparedNotebook[],
): void {
  if (prepared.length < 2) return;
  for (const item of raw) {
    if (prepared.some((p) => p.parameters.some((q) => q.name === item.name))) continue;
    const lists = prepared.map((p) => `${p.path}: ${describeParameters(p.parameters)}`).join("; ");
    throw new InputError(
      `unknown parameter: "${item.name}" from ${item.origin} (no notebook declares it; ${lists})`,
    );
  }
}

// Reports are named after their notebooks: two names that differ only by case collide on
// case-insensitive file systems and object stores served to browsers, and "index" is the run index.
function checkUniqueNames(prepared: readonly PreparedNotebook[]): void {
  const seen = new Map<string, PreparedNotebook>();
  for (const p of prepared) {
    if (p.name.toLowerCase() === "index")
      throw new InputError(
        `notebook name reserved: ${p.path} would write ${p.name}.html over the run index (expected any name but "index"; rename the notebook)`,
      );
    const other = seen.get(p.name.toLowerCase());
    if (other !== undefined)
      throw new InputError(
        `two notebooks share the output name "${p.name}"${other.name === p.name ? "" : ` (ignoring case: "${other.name}")`}: ${other.path} and ${p.path} (expected file names that differ in more than letter case)`,
      );
    seen.set(p.name.toLowerCase(), p);
  }
}

function chooseSources(root: string, wanted: boolean): RunSummary["sources"] {
  if (!wanted) return { kind: "live" };
  const check = checkPrebuiltSources(root);
  // tslab's compiler (not strict) cannot narrow on a boolean discriminant: test for `reason`.
  return "reason" in check ? { kind: "live", reason: check.reason } : { kind: "prebuilt" };
}
