// Freshness checks without a kernel: recorded reads against the files, folders and variables now.
import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { cacheKey } from "../../../src/runner/freshness/cache-key.js";
import { checkFreshness } from "../../../src/runner/freshness/check-freshness.js";
import { createInputHasher } from "../../../src/runner/freshness/input-hasher.js";
import type { CacheBasis, RecordedReads } from "../../../src/runner/freshness/read-records.js";
import type { RunManifest } from "../../../src/runner/manifest/run-manifest.js";
import { sampleManifest } from "../deploy/sample-manifest.js";
import { cleanedTempDirs } from "../helpers/run-fixture.js";

const tempDir = cleanedTempDirs();
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

const BASIS: CacheBasis = {
  notebookSha256: "n".repeat(64),
  kernel: { argv: ["node", "k.cjs"], env: {} },
  powerflow: "0.1.0",
  lockfileSha256: "l".repeat(64),
  node: "v24.0.0",
  tslab: "1.0.22",
  sources: "prebuilt",
  options: { noInput: false, allowErrors: false, maxCellOutputBytes: 100, cacheHttp: false },
};

let root = "";
let reads: RecordedReads;

function keyed(r: RecordedReads, basis = BASIS, status: "ok" | "failed" = "ok"): RunManifest {
  return {
    ...sampleManifest("x", "X", status),
    reads: r,
    cache: { key: cacheKey(basis, r), reasons: [], basis },
  };
}

const check = (manifest: RunManifest, env: NodeJS.ProcessEnv = { ZONE: "A" }, basis = BASIS) =>
  checkFreshness(manifest, { basis, env, root, hasher: createInputHasher() });

beforeEach(async () => {
  root = await tempDir("powerflow-freshness-");
  await mkdir(join(root, "data"));
  await writeFile(join(root, "data", "a.csv"), "a");
  reads = {
    files: [{ path: "data/a.csv", sha256: sha256("a"), bytes: 1, via: "fs" }],
    listings: [{ kind: "readdir", path: "data", sha256: sha256("a.csv"), entries: 1 }],
    probes: [{ path: "data/optional.yaml", type: "absent" }],
    env: [{ name: "ZONE", sha256: sha256("A") }],
    network: [],
  };
});

describe("checkFreshness", () => {
  it("checkFreshness(manifest) is fresh when nothing it read changed", async () => {
    expect(await check(keyed(reads))).toEqual({ fresh: true });
  });

  it("names a changed file with its old and new hash", async () => {
    await writeFile(join(root, "data", "a.csv"), "b");
    expect(await check(keyed(reads))).toEqual({
      fresh: false,
      why: "file data/a.csv changed",
      changes: [{ input: "file data/a.csv", old: sha256("a"), new: sha256("b") }],
    });
  });

  it("sees a new file in a listed folder, a probed file appearing and a changed variable", async () => {
    await writeFile(join(root, "data", "optional.yaml"), "x: 1");
    const verdict = await check(keyed(reads), { ZONE: "B" });
    expect(verdict.fresh).toBe(false);
    expect(!verdict.fresh && verdict.changes.map((c) => c.input)).toEqual([
      "listing data",
      "path data/optional.yaml",
      "env ZONE",
    ]);
  });

  it("sees a deleted file as a change to null", async () => {
    await rm(join(root, "data", "a.csv"));
    const verdict = await check(keyed({ ...reads, listings: [], probes: [] }));
    expect(!verdict.fresh && verdict.changes).toEqual([
      { input: "file data/a.csv", old: sha256("a"), new: null },
    ]);
  });

  it("compares the run's basis first: another option or notebook is a change", async () => {
    const basis = { ...BASIS, options: { ...BASIS.options, noInput: true } };
    const verdict = await check(keyed(reads), { ZONE: "A" }, basis);
    expect(verdict).toMatchObject({ fresh: false, why: "option noInput changed" });
  });

  it("never reuses a failed run, a non-cacheable run or a manifest edited after its key", async () => {
    expect(await check(keyed(reads, BASIS, "failed"))).toMatchObject({
      why: "its last run failed",
    });
    const uncached = keyed(reads);
    uncached.cache = { key: null, reasons: ["started a child process (git)"], basis: BASIS };
    expect(await check(uncached)).toMatchObject({
      why: "it cannot be reused: started a child process (git)",
    });
    const edited = keyed(reads);
    edited.reads = { ...reads, env: [] };
    expect((await check(edited)) as { why: string }).toMatchObject({
      why: "its manifest does not match its cache key (edited by hand?)",
    });
    const old = keyed(reads);
    delete old.cache;
    expect(await check(old)).toMatchObject({
      why: "its manifest has no cache key (written without read tracing)",
    });
  });
});
