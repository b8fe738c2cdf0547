/**
 * Decides, before any kernel starts, which notebooks of a batch must run: a notebook whose
 * previous report (manifest, HTML and .ipynb in the output) is fresh is reused as it is; with
 * `resume`, notebooks the interrupted batch finished are kept; the rest run. Writes the batch
 * state (see batch-state.ts) listing every notebook.
 */
import { InputError } from "../../errors.js";
import type { Store } from "../../storage/store.js";
import { readRunManifest } from "../manifest/read-run-manifest.js";
import type { RunManifest } from "../manifest/run-manifest.js";
import type { PreparedNotebook } from "../prepare-notebook.js";
import {
  BATCH_STATE_FILE,
  batchRecorder,
  readBatchState,
  type BatchNotebookState,
  type BatchRecorder,
} from "./batch-state.js";
import { cacheBasis, type BasisContext } from "./cache-key.js";
import { checkFreshness, type Freshness } from "./check-freshness.js";
import { snapshotHasher, type InputHasher } from "./input-hasher.js";

/** Options of `planBatch`. */
export interface PlanBatchOptions {
  sink: Store;
  root: string;
  basis: BasisContext;
  /** The environment the kernels are started with (the variables notebooks read are compared). */
  env: NodeJS.ProcessEnv;
  hasher: InputHasher;
  /** Run every notebook (a resumed batch still keeps what it finished). */
  force: boolean;
  /** Continue the batch recorded in the output (see `batchIdentity`). */
  resume: boolean;
  /** This batch's identity (`batchIdentity`). */
  identity: string;
  now: () => Date;
}

/** A previous report standing for this batch's run: fresh ("cached") or finished before ("resumed"). */
export interface ReusedReport {
  manifest: RunManifest;
  how: "cached" | "resumed";
}

/** What `planBatch` decided. */
export interface BatchPlan {
  /** Reports that stand for a run, by notebook index. */
  reused: Map<number, ReusedReport>;
  /** Why a notebook with a previous report runs again, by notebook index. */
  stale: Map<number, string>;
  /** Notebook indexes to run, in order. */
  toRun: number[];
  recorder: BatchRecorder;
  /**
   * Checks the cached reports again once notebooks have run (a run may have written what a cached
   * notebook read): drops the ones now stale from `reused` and returns them, with why.
   */
  recheck(): Promise<Map<number, string>>;
}

/** Returns the plan for `prepared`; throws InputError when `resume` meets another batch's state. */
export async function planBatch(
  prepared: readonly PreparedNotebook[],
  options: PlanBatchOptions,
): Promise<BatchPlan> {
  const { sink } = options;
  const previous = options.resume ? await readBatchState(sink) : undefined;
  if (previous && previous.identity !== options.identity) {
    throw new InputError(
      `cannot --resume: the batch recorded in ${sink.describe(BATCH_STATE_FILE)} ran other notebooks, parameters or options (expected the command of the interrupted batch; leave out --resume to start a new batch)`,
    );
  }
  const names = new Set(await sink.list());
  const manifests = await Promise.all(prepared.map((p) => previousManifest(p, sink, names)));
  // Each round of checks sees the files at one moment, each path looked at once.
  let hasher = snapshotHasher(options.hasher);
  const check = (index: number): Promise<Freshness> =>
    checkFreshness(manifests[index]!, {
      basis: cacheBasis(prepared[index]!, options.basis),
      env: options.env,
      root: options.root,
      hasher,
    });
  const finished = new Map(
    (previous?.notebooks ?? [])
      .filter((n) => n.state === "ok" || n.state === "cached")
      .map((n) => [n.name, n.state]),
  );
  const reused = new Map<number, ReusedReport>();
  const stale = new Map<number, string>();
  const verdicts = await Promise.all(
    prepared.map((p, i) =>
      manifests[i] === undefined || options.force || finished.has(p.name)
        ? Promise.resolve(undefined)
        : check(i),
    ),
  );
  for (const [i, p] of prepared.entries()) {
    const manifest = manifests[i];
    const verdict = verdicts[i];
    if (manifest && finished.has(p.name) && manifest.status === "ok")
      reused.set(i, { manifest, how: "resumed" });
    else if (manifest && verdict?.fresh) reused.set(i, { manifest, how: "cached" });
    else if (verdict && "why" in verdict) stale.set(i, verdict.why);
  }
  const stateOf = (p: PreparedNotebook, i: number): BatchNotebookState =>
    reused.get(i)?.how === "cached" ? "cached" : (finished.get(p.name) ?? "pending");
  const recorder = batchRecorder(
    sink,
    {
      identity: options.identity,
      startedAt: previous?.startedAt ?? options.now().toISOString(),
      notebooks: prepared.map((p, i) => ({ name: p.name, path: p.path, state: stateOf(p, i) })),
    },
    options.now,
  );
  await recorder.flush();
  return {
    reused,
    stale,
    toRun: prepared.flatMap((_, i) => (reused.has(i) ? [] : [i])),
    recorder,
    recheck: async () => {
      hasher = snapshotHasher(options.hasher);
      const now = new Map<number, string>();
      for (const [i, report] of reused) {
        if (report.how !== "cached") continue;
        const verdict = await check(i);
        // tslab's compiler (not strict) cannot narrow on a boolean discriminant: test for `why`.
        if ("why" in verdict) now.set(i, verdict.why);
      }
      for (const i of now.keys()) reused.delete(i);
      return now;
    },
  };
}

// A previous report counts only when its manifest, HTML and notebook are all there.
async function previousManifest(
  prepared: PreparedNotebook,
  sink: Store,
  names: ReadonlySet<string>,
): Promise<RunManifest | undefined> {
  const file = `${prepared.name}.manifest.json`;
  if (!names.has(file)) return undefined;
  const manifest = await readRunManifest(sink, file);
  if (!manifest) return undefined;
  const { html, ipynb } = manifest.outputs;
  return names.has(html) && names.has(ipynb) ? manifest : undefined;
}
