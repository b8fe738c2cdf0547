import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeEffects, silentLogger } from "../../../src/effects.js";
import { InputError } from "../../../src/errors.js";
import { resolveDeployRun } from "../../../src/runner/deploy/resolve-deploy-run.js";
import { sampleManifest } from "./sample-manifest.js";

const effects = nodeEffects({ logger: silentLogger() });

const manifestJson = (name: string): string => JSON.stringify(sampleManifest(name));

describe("resolveDeployRun", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pf-deploy-run-"));
    mkdirSync(join(dir, "nb"));
    writeFileSync(join(dir, "nb", "a.ipynb"), "{}");
    writeFileSync(join(dir, "nb", "b.ipynb"), "{}");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("without --shard expands the notebooks and keeps --out", async () => {
    const run = await resolveDeployRun(
      [join(dir, "nb", "*.ipynb")],
      { out: join(dir, "out") },
      effects,
      { env: {} },
    );
    expect(run.notebooks).toEqual([join(dir, "nb", "a.ipynb"), join(dir, "nb", "b.ipynb")]);
    expect(run.out).toBe(join(dir, "out"));
    expect(run.parameters).toEqual([]);
    expect(await run.finish()).toBeUndefined();
  });

  it("with --shard and $JOB_COMPLETION_INDEX writes into the shard folder and rebuilds the run index", async () => {
    const out = join(dir, "out");
    const run = await resolveDeployRun(
      [join(dir, "nb")],
      { out, shard: ["zone=ALPHA,BETA", "input=a.csv,b.csv"] },
      effects,
      { env: { JOB_COMPLETION_INDEX: "1" } },
    );
    expect(run.out).toBe(join(out, "zone=BETA"));
    expect(run.parameters.map((p) => `${p.name}=${String(p.value)}`)).toEqual([
      "zone=BETA",
      "input=b.csv",
    ]);
    // What two shards' runs leave behind:
    for (const zone of ["ALPHA", "BETA"]) {
      mkdirSync(join(out, `zone=${zone}`), { recursive: true });
      writeFileSync(join(out, `zone=${zone}`, "a.manifest.json"), manifestJson("a"));
    }
    expect(await run.finish()).toEqual({
      reports: 2,
      folders: ["zone=ALPHA", "zone=BETA"],
      rounds: 1,
    });
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).toContain('href="zone=ALPHA/a.html"');
    expect(index).toContain('href="zone=BETA/a.html"');
  });

  it("joins object-store URLs with a slash, checks the destination and indexes the run's root URL", async () => {
    const stores: string[] = [];
    const checked: string[] = [];
    const run = await resolveDeployRun(
      [join(dir, "nb")],
      { out: "gs://bucket/reports/run-1/", shard: ["zone=A,B"], shardIndex: "0" },
      effects,
      {
        checkDestination: (out) => (checked.push(out), Promise.resolve()),
        indexStore: (out) => (
          stores.push(out),
          {
            kind: "gcs",
            location: out,
            describe: (name) => `${out}${name}`,
            list: () => Promise.resolve([]),
            read: () => Promise.resolve(undefined),
            write: () => Promise.resolve([]),
          }
        ),
      },
    );
    expect(run.out).toBe("gs://bucket/reports/run-1/zone=A");
    expect(stores).toEqual(["gs://bucket/reports/run-1/"]);
    expect(checked).toEqual(["gs://bucket/reports/run-1/"]);
  });

  it("refuses --shard without an index and --shard-index without --shard", async () => {
    await expect(
      resolveDeployRun([join(dir, "nb")], { out: dir, shard: ["zone=A"] }, effects, { env: {} }),
    ).rejects.toThrow(/^--shard without --shard-index/);
    await expect(
      resolveDeployRun([join(dir, "nb")], { out: dir, shardIndex: "0" }, effects, { env: {} }),
    ).rejects.toThrow(InputError);
  });
});
