// The two-checkout reproduction: Jupyter's paths hold a `tslab` kernelspec that another
// PowerFlow checkout installed (`npm run kernel:install` there). `powerflow run` in this checkout
// must run this checkout's launcher, with every chart and table delivered, and record which
// kernel ran in the manifest and index.html; naming that kernelspec with --kernel is refused.
// Kernels: one for the run, one more for a kernel on another Node (skipped where there is none).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installKernelSpec } from "../../src/runner/kernel/install-kernelspec.js";
import { builtinTslabSpec } from "../../src/runner/kernel/kernelspec.js";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import { PLOTLY_MIME } from "../../src/runner/mime-types.js";
import type { Notebook } from "../../src/runner/notebook/notebook-types.js";
import { runNotebooks, type RunSummary } from "../../src/runner/run-notebooks.js";
import { runCli } from "../helpers/run-cli.js";
import {
  codeNotebook,
  FIXED_PROVENANCE,
  quietEffects,
  readJson,
  ROOT,
  tempDir,
} from "./helpers/run-fixture.js";

// A Node other than the one running the tests, to show the manifest records the kernel's own.
const OTHER_NODE = "/usr/bin/node";
const otherNodeVersion = existsSync(OTHER_NODE)
  ? execFileSync(OTHER_NODE, ["--version"], { encoding: "utf8" }).trim()
  : undefined;
const otherNodeSkip =
  otherNodeVersion === undefined
    ? `${OTHER_NODE} is absent`
    : otherNodeVersion === process.version
      ? `${OTHER_NODE} is the same version as this Node (${process.version})`
      : undefined;

let base = "";
let other = "";
let jupyterPath = "";
let notebook = "";
let run: Awaited<ReturnType<typeof runCli>>;
let otherNodeRun: RunSummary | undefined;
const savedPath = process.env.JUPYTER_PATH;

beforeAll(async () => {
  base = await tempDir("powerflow-two-checkouts-");
  other = join(base, "other-checkout");
  jupyterPath = join(base, "jupyter");
  // The other checkout's launcher says so and fails, should anything start it.
  await mkdir(join(other, "bin"), { recursive: true });
  await writeFile(
    join(other, "bin", "tslab-kernel.cjs"),
    'process.stderr.write("the OTHER checkout\'s launcher ran\\n"); process.exit(9);\n',
  );
  await installKernelSpec(quietEffects(), { jupyterPath, name: "tslab", root: other });
  notebook = join(base, "charts.ipynb");
  await writeFile(
    notebook,
    codeNotebook({
      imports: [
        'import { showPlotly } from "./src/analysis/display/show-plotly";',
        'import { showTable } from "./src/analysis/display/show-table";',
      ].join("\n"),
      chart: 'showPlotly({ data: [{ type: "bar", x: [1, 2], y: [3, 4] }], layout: {} });',
      table: 'showTable([{ zone: "ALPHA", loadMw: 120 }], { caption: "zones" });',
      version: "console.log(process.version);",
    }),
  );
  process.env.JUPYTER_PATH = jupyterPath;
  const runs: Promise<unknown>[] = [
    runCli(["run", notebook, "--out", join(base, "out"), "--quiet"]).then((r) => (run = r)),
  ];
  if (!otherNodeSkip) {
    const spec = join(jupyterPath, "kernels", "pf-other-node");
    await mkdir(spec, { recursive: true });
    const argv = [OTHER_NODE, ...builtinTslabSpec(ROOT).argv.slice(1)];
    await writeFile(join(spec, "kernel.json"), JSON.stringify({ argv, display_name: "other" }));
    const versionOnly = join(base, "version.ipynb");
    await writeFile(versionOnly, codeNotebook({ version: "console.log(process.version);" }));
    runs.push(
      runNotebooks([versionOnly], quietEffects(), {
        out: join(base, "other-node"),
        kernel: "pf-other-node",
        provenance: FIXED_PROVENANCE,
      }).then((r) => (otherNodeRun = r)),
    );
  }
  await Promise.all(runs);
}, 180_000);

afterAll(async () => {
  if (savedPath === undefined) delete process.env.JUPYTER_PATH;
  else process.env.JUPYTER_PATH = savedPath;
  await rm(base, { recursive: true, force: true });
});

const manifestOf = () => readJson<RunManifest>(join(base, "out", "charts.manifest.json"));

describe("powerflow run with another checkout's tslab kernelspec installed", () => {
  it("powerflow run (no --kernel) runs this checkout's launcher and keeps every chart and table", async () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const nb = await readJson<Notebook>(join(base, "out", "charts.ipynb"));
    const displays = nb.cells
      .flatMap((c) => c.outputs ?? [])
      .filter((o) => {
        return o.output_type === "display_data";
      });
    expect(displays.length).toBe(2);
    const manifest = await manifestOf();
    expect(manifest.kernel.root).toBe(ROOT);
    expect(manifest.kernel.kernelspec).toBeNull();
  });

  it("powerflow run --kernel tslab refuses it, naming the kernel, its kernel.json and both roots", async () => {
    const refused = await runCli([
      "run",
      notebook,
      "--out",
      join(base, "refused"),
      "--kernel",
      "tslab",
      "--quiet",
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `powerflow: kernel "tslab" belongs to another PowerFlow checkout: ${join(jupyterPath, "kernels", "tslab", "kernel.json")} runs ${other}, not this checkout ${ROOT}`,
    );
    expect(existsSync(join(base, "refused", "charts.html"))).toBe(false);
  });

  it("the manifest records the kernel's argv, root, tslab and Node versions and counts outputs by MIME type", async () => {
    const manifest = await manifestOf();
    const tslab = await readJson<{ version: string }>(
      join(ROOT, "node_modules", "tslab", "package.json"),
    );
    const nb = await readJson<Notebook>(join(base, "out", "charts.ipynb"));
    const printed = (nb.cells[3]!.outputs![0] as { text: string[] }).text.join("").trim();
    expect(manifest.kernel).toMatchObject({
      name: "tslab",
      argv: builtinTslabSpec(ROOT).argv,
      root: ROOT,
      tslab: tslab.version,
      node: printed,
      started: true,
    });
    expect(manifest.outputCounts).toMatchObject({
      byType: { display_data: 2, stream: 1 },
      charts: 1,
      tables: 1,
    });
    expect(manifest.outputCounts.byMime[PLOTLY_MIME]).toBe(1);
    expect(manifest.outputCounts.byMime["text/html"]).toBeGreaterThanOrEqual(1);
    expect(manifest.outputCounts.byMime["text/plain"]).toBe(2);
  });

  it("index.html shows each report's charts, tables and kernel", async () => {
    const manifest = await manifestOf();
    const index = await readFile(join(base, "out", "index.html"), "utf8");
    expect(index).toContain(">1 chart · 1 table</span>");
    expect(index).toContain(`tslab ${manifest.kernel.tslab} · Node ${manifest.kernel.node}`);
    expect(index).toContain(`<small>${ROOT}</small>`);
    expect(index).toContain(`${join(ROOT, "bin", "tslab-kernel.cjs")} --config-path`);
  });

  it("the manifest's Node version is the one the kernel ran, not the runner's", async (ctx) => {
    if (otherNodeSkip) ctx.skip(otherNodeSkip);
    expect(otherNodeRun!.failed).toEqual([]);
    const manifest = otherNodeRun!.results[0]!.manifest;
    expect(manifest.kernel.node).toBe(otherNodeVersion);
    expect(manifest.kernel.node).not.toBe(process.version);
    expect(manifest.kernel.root).toBe(ROOT);
    const nb = await readJson<Notebook>(join(base, "other-node", "version.ipynb"));
    expect(nb.cells[0]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: [`${otherNodeVersion}\n`] },
    ]);
  });
});
