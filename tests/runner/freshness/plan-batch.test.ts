// planBatch without a kernel: the batch state it writes and how --resume reads it.
import { describe, expect, it } from "vitest";
import {
  BATCH_STATE_FILE,
  batchIdentity,
  readBatchState,
} from "../../../src/runner/freshness/batch-state.js";
import { createInputHasher } from "../../../src/runner/freshness/input-hasher.js";
import { planBatch } from "../../../src/runner/freshness/plan-batch.js";
import { basisContext } from "../../../src/runner/freshness/record-freshness.js";
import { isInputError } from "../../../src/errors.js";
import { builtinTslabSpec } from "../../../src/runner/kernel/kernelspec.js";
import type { PreparedNotebook } from "../../../src/runner/prepare-notebook.js";
import { localStore } from "../../../src/storage/local-store.js";
import type { Store } from "../../../src/storage/store.js";
import { memoryEffects } from "../../helpers/memory-effects.js";
import { sampleManifest } from "../deploy/sample-manifest.js";
import { FIXED_PROVENANCE, ROOT } from "../helpers/run-fixture.js";

const DIR = "/reports";

// A real local store over in-memory files: `put` lays down a previous run's outputs.
function memorySink(): Store & {
  put(name: string, text: string): void;
  has(name: string): boolean;
} {
  const effects = memoryEffects();
  return Object.assign(localStore(DIR, effects), {
    put: (name: string, text: string) =>
      void effects.files.set(`${DIR}/${name}`, new TextEncoder().encode(text)),
    has: (name: string) => effects.files.has(`${DIR}/${name}`),
  });
}

const prepared = (name: string): PreparedNotebook =>
  ({ name, path: `nb/${name}.ipynb`, notebook: { cells: [] } }) as unknown as PreparedNotebook;

const plan = (sink: Store, options: { resume?: boolean; identity?: string } = {}) =>
  planBatch(["a", "b", "c"].map(prepared), {
    sink,
    root: ROOT,
    basis: basisContext({ kernelSpec: builtinTslabSpec(ROOT) }, FIXED_PROVENANCE),
    env: {},
    hasher: createInputHasher(),
    force: false,
    resume: options.resume ?? false,
    identity: options.identity ?? "batch-1",
    now: () => new Date("2026-01-02T03:04:05.000Z"),
  });

describe("planBatch and the batch state", () => {
  it("planBatch(first run) writes the state listing every notebook as pending", async () => {
    const sink = memorySink();
    const result = await plan(sink);
    expect(result.toRun).toEqual([0, 1, 2]);
    expect(await readBatchState(sink)).toEqual({
      schema: "powerflow.batch/1",
      identity: "batch-1",
      startedAt: "2026-01-02T03:04:05.000Z",
      finishedAt: null,
      notebooks: ["a", "b", "c"].map((n) => ({ name: n, path: `nb/${n}.ipynb`, state: "pending" })),
    });
    await result.recorder.set("a", "ok");
    await result.recorder.set("b", "failed");
    await result.recorder.set("c", "ok");
    expect((await readBatchState(sink))?.finishedAt).toBe("2026-01-02T03:04:05.000Z");
  });

  it("with resume, keeps what the batch finished and runs the failed and pending notebooks", async () => {
    const sink = memorySink();
    const first = await plan(sink);
    await first.recorder.set("a", "ok");
    await first.recorder.set("b", "failed");
    for (const name of ["a", "b"]) {
      for (const ext of ["html", "ipynb"]) sink.put(`${name}.${ext}`, "x");
      sink.put(`${name}.manifest.json`, JSON.stringify(sampleManifest(name)));
    }
    const resumed = await plan(sink, { resume: true });
    expect([...resumed.reused].map(([i, r]) => [i, r.how])).toEqual([[0, "resumed"]]);
    expect(resumed.toRun).toEqual([1, 2]);
    const state = await readBatchState(sink);
    expect(state?.notebooks.map((n) => n.state)).toEqual(["ok", "pending", "pending"]);
  });

  it("with resume, refuses the state of another batch (InputError)", async () => {
    const sink = memorySink();
    await plan(sink);
    const error = await plan(sink, { resume: true, identity: "batch-2" }).catch((e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^cannot --resume: the batch recorded in \/reports\/powerflow-batch\.json ran other notebooks/,
    );
    expect(sink.has(BATCH_STATE_FILE)).toBe(true);
  });

  it("batchIdentity() hashes parameter values and changes with any notebook or value", () => {
    const base = {
      notebooks: ["a.ipynb"],
      parameters: [{ name: "token", value: "s3cret" }],
      options: {},
    };
    const id = batchIdentity(base);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toContain("s3cret");
    expect(batchIdentity({ ...base, notebooks: ["b.ipynb"] })).not.toBe(id);
    expect(batchIdentity({ ...base, parameters: [{ name: "token", value: "other" }] })).not.toBe(
      id,
    );
  });
});
