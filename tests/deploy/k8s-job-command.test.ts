/**
 * The rendered Jobs' commands work: their container args, with $(VAR) expanded the way the
 * kubelet does (from the container env, the envFrom ConfigMap and JOB_COMPLETION_INDEX), run the
 * real CLI against the fake GCS server, with the mounted params file. Only the notebook glob is
 * swapped for a small notebook with the same `zone` and `input` parameters, so the test does not
 * depend on the full notebooks' run time.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import { startFakeGcsServer, type FakeGcsServer } from "../helpers/fake-gcs-server.js";
import { runCli } from "../helpers/run-cli.js";
import {
  describeWithKubectl,
  renderKustomize,
  ROOT,
  type K8sObject,
} from "./helpers/render-kustomize.js";
import { workloadsOf, type Workload } from "./helpers/workload-policy.js";

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
  cells: [
    { cell_type: "markdown", id: "t", metadata: {}, source: ["# Zone check"] },
    {
      cell_type: "code",
      id: "p",
      metadata: { tags: ["parameters"] },
      execution_count: null,
      outputs: [],
      source: ['const zone = "";\n', 'const input = "data/raw/default/ALPHA_hourly.csv";'],
    },
    {
      cell_type: "code",
      id: "c",
      metadata: {},
      execution_count: null,
      outputs: [],
      source: ["console.log(`zone=${zone} input=${input}`);"],
    },
  ],
};

/** Expands $(VAR) like the kubelet: defined names are replaced, others are left as written. */
function expand(arg: string, env: Record<string, string>): string {
  return arg.replace(
    /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
    (whole, name: string) => env[name] ?? whole,
  );
}

function command(
  w: Workload,
  objects: K8sObject[],
  env: Record<string, string>,
  notebook: string,
): string[] {
  const c = w.pod.containers[0]!;
  const fromConfigMaps = (c.envFrom ?? []).map(
    (f) =>
      objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === f.configMapRef?.name)!
        .data as Record<string, string>,
  );
  const all = Object.assign({}, ...fromConfigMaps, env) as Record<string, string>;
  return c.args!.map((a) =>
    a === "notebooks/*.ipynb"
      ? notebook
      : a === "/etc/powerflow/params.yaml"
        ? resolve(ROOT, "k8s/base/params.yaml")
        : expand(a, all),
  );
}

describeWithKubectl("rendered Job commands", () => {
  let gcs: FakeGcsServer;
  let dir = "";
  const saved = process.env.POWERFLOW_GCS_ENDPOINT;
  const objects = renderKustomize("k8s/overlays/prod");
  const bucket = /^gs:\/\/([^/]+)\//.exec(
    (
      objects.find((o) => o.metadata.name.startsWith("powerflow-run-env"))!.data as Record<
        string,
        string
      >
    ).REPORT_URI!,
  )![1]!;
  const text = (name: string) => gcs.object(bucket, name)?.data.toString("utf8") ?? "";

  beforeAll(async () => {
    gcs = await startFakeGcsServer();
    gcs.createBucket(bucket);
    process.env.POWERFLOW_GCS_ENDPOINT = gcs.endpoint;
    dir = mkdtempSync(join(tmpdir(), "pf-job-command-"));
    writeFileSync(join(dir, "zone-check.ipynb"), JSON.stringify(NOTEBOOK));
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.POWERFLOW_GCS_ENDPOINT;
    else process.env.POWERFLOW_GCS_ENDPOINT = saved;
    await gcs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("every index of the prod Indexed Job runs its zone and the run index lists all zones", async () => {
    const job = workloadsOf(objects).find((w) => w.name === "Job/powerflow-report-zones")!;
    const completions = job.job.completions as number;
    const runs = Array.from({ length: completions }, (_, i) =>
      runCli([
        ...command(
          job,
          objects,
          { JOB_NAME: "zones-t1", JOB_COMPLETION_INDEX: String(i) },
          join(dir, "zone-check.ipynb"),
        ),
        "-q",
      ]),
    );
    const results = await Promise.all(runs);
    expect(results.map((r) => r.code)).toEqual(Array(completions).fill(0));
    const env = objects.find((o) => o.metadata.name.startsWith("powerflow-run-env"))!
      .data as Record<string, string>;
    const zones = env.ZONES!.split(",");
    const inputs = env.ZONE_INPUTS!.split(",");
    zones.forEach((zone, i) => {
      const manifest = JSON.parse(
        text(`reports/zones-t1/zone=${zone}/zone-check.manifest.json`),
      ) as RunManifest;
      expect(manifest.parameters).toEqual({ zone, input: inputs[i] });
      expect(text(`reports/zones-t1/zone=${zone}/zone-check.ipynb`)).toContain(
        `zone=${zone} input=${inputs[i]}`,
      );
    });
    const index = text("reports/zones-t1/index.html");
    expect([...index.matchAll(/<a href="([^"]+\.html)">/g)].map((m) => m[1])).toEqual(
      zones.map((z) => `zone=${z}/zone-check.html`),
    );
  });

  it("the prod one-off Job uploads its run under the report URI and the Job's name", async () => {
    const job = workloadsOf(objects).find((w) => w.name === "Job/powerflow-report")!;
    const result = await runCli([
      ...command(job, objects, { JOB_NAME: "report-t1" }, join(dir, "zone-check.ipynb")),
      "-q",
    ]);
    expect(result.code).toBe(0);
    expect(text("reports/report-t1/zone-check.html")).toContain(
      "zone= input=data/raw/default/ALPHA_hourly.csv",
    );
    expect(text("reports/report-t1/index.html")).toContain('href="zone-check.html"');
  });
});
