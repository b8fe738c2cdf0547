/**
 * Runs what a batch plan (`planBatch`) says must run, up to `jobs` notebooks at once, and
 * announces the reports it reuses. The kernel client and the report renderer (ZeroMQ, KaTeX,
 * highlight.js) are loaded only when a notebook runs, so a batch whose reports are all cached
 * stays quick.
 */
import type { Store } from "../storage/store.js";
import type { BatchPlan } from "./freshness/plan-batch.js";
import { kernelsAhead } from "./kernels-ahead.js";
import type { RunProvenance } from "./manifest/run-manifest.js";
import type { PreparedNotebook } from "./prepare-notebook.js";
import type { ProgressReporter } from "./progress.js";
import type * as NotebookRunner from "./run-notebook.js";
import type { NotebookRunResult, RunNotebookOptions } from "./run-notebook.js";

/** What `runPlanned` needs besides the plan. */
export interface PlannedRunContext {
  /** Every notebook's run options but its provenance and kernel. */
  base: Omit<RunNotebookOptions, "provenance" | "kernel">;
  jobs: number;
  /** The run's provenance, gathered on first call (git starts processes: only when one runs). */
  provenance: () => Promise<RunProvenance>;
  progress: ProgressReporter;
  signal?: AbortSignal;
  onKernelStarted?: (name: string, pid: number | undefined) => void;
}

/**
 * Returns every notebook's result by index: the reused reports (announced as such) and the runs
 * of the others; undefined for a notebook an abort kept from starting. A run may change what a
 * cached notebook read: the cached ones are checked again after each round, and run when stale.
 */
export async function runPlanned(
  prepared: readonly PreparedNotebook[],
  plan: BatchPlan,
  context: PlannedRunContext,
): Promise<(NotebookRunResult | undefined)[]> {
  const { base, jobs, progress, signal } = context;
  const results = prepared.map((p, i) => reusedResult(p, plan, i, progress, base.sink));
  for (let queue = plan.toRun; queue.length > 0;) {
    const runner = await import("./run-notebook.js");
    // Kernel start-up (tslab loads TypeScript and parses the Node typings: about a CPU-second) is
    // most of a short notebook's time, so each notebook's kernel starts `jobs` notebooks ahead of
    // its turn: while N notebooks run, the next N kernels warm up (at most 2N kernels at once).
    const kernels = kernelsAhead(
      queue.map((i) => runner.needsKernel(prepared[i]!)),
      () => runner.startNotebookKernel(base),
    );
    const outcomes = await pool(queue, jobs, async (i, n) => {
      if (signal?.aborted) return undefined;
      kernels.start(n + jobs);
      const options = { ...base, provenance: context.provenance(), kernel: kernels.take(n) };
      const result = await runOne(runner, prepared[i]!, options, context);
      await plan.recorder.set(result.name, result.manifest.status);
      return result;
    });
    // Kernels started ahead for notebooks an abort skipped.
    await kernels.shutdownUntaken();
    for (const [n, i] of queue.entries()) results[i] = outcomes[n];
    const stale = signal?.aborted ? new Map<number, string>() : await plan.recheck();
    for (const [i, why] of stale)
      progress({ type: "notebook-stale", name: prepared[i]!.name, why });
    queue = [...stale.keys()];
  }
  return results;
}

// A report that stands for this run: announced, and listed like a run's result.
function reusedResult(
  prepared: PreparedNotebook,
  plan: BatchPlan,
  index: number,
  progress: ProgressReporter,
  sink: Store,
): NotebookRunResult | undefined {
  const why = plan.stale.get(index);
  if (why !== undefined) progress({ type: "notebook-stale", name: prepared.name, why });
  const reused = plan.reused.get(index);
  if (!reused) return undefined;
  const m = reused.manifest;
  progress({
    type: "notebook-reused",
    name: prepared.name,
    how: reused.how,
    ranAt: m.timing.startedAt,
    location: sink.describe(m.outputs.html),
  });
  return { name: prepared.name, path: prepared.path, manifest: m };
}

async function runOne(
  runner: typeof NotebookRunner,
  prepared: PreparedNotebook,
  options: RunNotebookOptions,
  context: PlannedRunContext,
): Promise<NotebookRunResult> {
  const { progress } = context;
  const name = prepared.name;
  progress({ type: "notebook-start", name });
  const result = await runner.runNotebook(prepared, {
    ...options,
    onEvent: (event) => {
      if (event.type === "kernel-started") context.onKernelStarted?.(name, event.pid);
      else progress({ ...event, name });
    },
  });
  const m = result.manifest;
  progress({
    type: "notebook-end",
    name,
    status: m.status,
    durationMs: m.timing.durationMs,
    location: options.sink.describe(m.outputs.html),
  });
  return result;
}

async function pool<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}
