/**
 * `powerflow run --out gs://…` end to end: real tslab kernels, the real `@google-cloud/storage`
 * client (through the storage layer) against the local fake GCS JSON API server, and two fan-out
 * shards running at the same time that both rebuild the run-level index.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../../src/runner/manifest/run-manifest.js";
import { startFakeGcsServer, type FakeGcsServer } from "../../helpers/fake-gcs-server.js";
import { runCli } from "../../helpers/run-cli.js";
import { fixture } from "../helpers/run-fixture.js";

let gcs: FakeGcsServer;
const saved = process.env.POWERFLOW_GCS_ENDPOINT;

beforeAll(async () => {
  gcs = await startFakeGcsServer();
  gcs.createBucket("pf-reports");
  process.env.POWERFLOW_GCS_ENDPOINT = gcs.endpoint;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.POWERFLOW_GCS_ENDPOINT;
  else process.env.POWERFLOW_GCS_ENDPOINT = saved;
  await gcs.close();
});

const text = (name: string): string => gcs.object("pf-reports", name)?.data.toString("utf8") ?? "";

describe("powerflow run --out gs://bucket/prefix", () => {
  it("uploads each notebook's HTML, executed .ipynb and manifest plus index.html, with browser content types", async () => {
    const result = await runCli([
      "run",
      fixture("params.ipynb"),
      "--out",
      "gs://pf-reports/single/",
      "-p",
      "label=solo",
      "-q",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const [file, type] of [
      ["params.html", "text/html; charset=utf-8"],
      ["params.ipynb", "application/x-ipynb+json"],
      ["params.manifest.json", "application/json"],
      ["index.html", "text/html; charset=utf-8"],
    ] as const) {
      expect(gcs.object("pf-reports", `single/${file}`)?.contentType).toBe(type);
    }
    const manifest = JSON.parse(text("single/params.manifest.json")) as RunManifest;
    expect(manifest.status).toBe("ok");
    expect(manifest.parameters.label).toBe("solo");
    expect(text("single/params.ipynb")).toContain('\\"label\\":\\"solo\\"');
    expect(text("single/index.html")).toContain('href="params.html"');
    expect(gcs.log.some((l) => l.startsWith("POST /upload/storage/v1/b/pf-reports/o?"))).toBe(true);
  });

  it("two concurrent shards write their own folders and leave one run index listing both", async () => {
    const shard = (index: string) =>
      runCli([
        "run",
        fixture("params.ipynb"),
        "--out",
        "gs://pf-reports/runs/nightly-1",
        "--shard",
        "label=ALPHA,BETA",
        "--shard",
        "input=data/raw/default/ALPHA_hourly.csv,data/raw/default/BETA_hourly.csv",
        "--shard-index",
        index,
        "-q",
      ]);
    const results = await Promise.all([shard("0"), shard("1")]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    for (const label of ["ALPHA", "BETA"]) {
      const manifest = JSON.parse(
        text(`runs/nightly-1/label=${label}/params.manifest.json`),
      ) as RunManifest;
      expect(manifest.parameters).toMatchObject({
        label,
        input: `data/raw/default/${label}_hourly.csv`,
      });
      expect(text(`runs/nightly-1/label=${label}/index.html`)).toContain('href="params.html"');
    }
    const index = text("runs/nightly-1/index.html");
    expect([...index.matchAll(/<a href="([^"]+\.html)">/g)].map((m) => m[1])).toEqual([
      "label=ALPHA/params.html",
      "label=BETA/params.html",
    ]);
  });

  it("a shard run again (plain or --resume) reuses the reports in its folder: their manifests carry the keys", async () => {
    const args = [
      "run",
      fixture("params.ipynb"),
      "--out",
      "gs://pf-reports/runs/nightly-2",
      "--shard",
      "label=ALPHA,BETA",
      "--shard-index",
      "0",
      "-q",
    ];
    expect((await runCli(args)).code).toBe(0);
    const folder = "runs/nightly-2/label=ALPHA";
    const generations = () =>
      ["params.html", "params.ipynb", "params.manifest.json"].map(
        (f) => gcs.object("pf-reports", `${folder}/${f}`)?.generation,
      );
    const before = generations();
    expect(before.every((g) => g !== undefined)).toBe(true);
    for (const extra of [[], ["--resume"]]) {
      const again = await runCli([...args, ...extra]);
      expect(again.code, again.stderr).toBe(0);
      expect(generations()).toEqual(before);
    }
    const state = JSON.parse(text(`${folder}/powerflow-batch.json`)) as {
      notebooks: { name: string; state: string }[];
    };
    expect(state.notebooks).toEqual([
      { name: "params", path: fixture("params.ipynb"), state: "cached" },
    ]);
    expect(text("runs/nightly-2/index.html")).toContain('href="label=ALPHA/params.html"');
    const verify = await runCli(["verify", "gs://pf-reports/runs/nightly-2"]);
    expect(verify.stdout).toBe(
      "fresh label=ALPHA/params (tests/fixtures/notebooks/params.ipynb)\nverify: all 1 report(s) fresh\n",
    );
    expect(verify.code).toBe(0);
  });

  it("fails before starting any kernel, with exit code 1, when the bucket does not exist", async () => {
    const result = await runCli([
      "run",
      fixture("params.ipynb"),
      "--out",
      "gs://pf-missing/x",
      "-q",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^powerflow: GCS list failed: gs:\/\/pf-missing\/x\/: No such bucket \(expected the bucket to be reachable\)\n/,
    );
    const requests = gcs.log.filter((l) => l.includes("pf-missing"));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((l) => l.startsWith("GET /storage/v1/b/pf-missing/o?"))).toBe(true);
  });

  it("refuses an --out without an object prefix before running anything", async () => {
    const result = await runCli(["run", fixture("params.ipynb"), "--out", "gs://pf-reports", "-q"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("invalid --out: gs://pf-reports (expected gs://bucket/prefix)");
  });
});
