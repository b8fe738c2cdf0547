import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import type { Notebook } from "../../src/runner/notebook/notebook-types.js";
import { parsePairArgs } from "../../src/runner/params/read-parameter-args.js";
import { checkPrebuiltSources } from "../../src/runner/prebuilt-sources.js";
import { runNotebooks, type RunSummary } from "../../src/runner/run-notebooks.js";
import { chromiumSkipReason, openPage } from "../helpers/chromium.js";
import { nbformatSkipReason, PYTHON } from "../helpers/jupyter.js";
import {
  FIXED_PROVENANCE,
  fixture,
  htmlWithoutTiming,
  notebookWithoutTiming,
  quietEffects,
  readJson,
  ROOT,
  tempDir,
} from "./helpers/run-fixture.js";

const exec = promisify(execFile);
const dirs: string[] = [];
let outA = "";
let outB = "";
let summaryA: RunSummary;

// One run of rich + params (with -p values), and a second, independent run of rich alone for
// the determinism check: three kernels, started two at a time.
beforeAll(async () => {
  [outA, outB] = await Promise.all([tempDir(), tempDir()]);
  dirs.push(outA, outB);
  const common = { provenance: FIXED_PROVENANCE, cellTimeoutMs: 120_000 };
  [summaryA] = await Promise.all([
    runNotebooks(
      [fixture("rich.ipynb"), fixture("params.ipynb"), fixture("flood.ipynb")],
      quietEffects(),
      {
        ...common,
        out: outA,
        jobs: 2,
        parameters: parsePairArgs([
          "horizon=48",
          "cutoff=2022-01-01",
          'zones=["BETA","GAMMA"]',
          "mode=daily",
        ]),
      },
    ),
    runNotebooks([fixture("rich.ipynb")], quietEffects(), { ...common, out: outB, jobs: 1 }),
  ]);
}, 180_000);

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function executed(dir: string, name: string): Promise<Notebook> {
  return readJson<Notebook>(join(dir, `${name}.ipynb`));
}

function outputsOf(nb: Notebook, cellId: string): unknown[] {
  return nb.cells.find((c) => c.id === cellId)?.outputs ?? [];
}

describe("runNotebooks on the real tslab kernel", () => {
  it("runNotebooks([rich, params]) succeeds and writes .ipynb, .html, manifest and index", async () => {
    expect(summaryA.failed).toEqual([]);
    for (const name of ["rich", "params"]) {
      for (const ext of [".ipynb", ".html", ".manifest.json"])
        expect(existsSync(join(outA, name + ext))).toBe(true);
    }
    const index = await readFile(join(outA, "index.html"), "utf8");
    expect(index).toContain('href="rich.html"');
    expect(index).toContain("Rich output fixture");
    expect(index).toContain("peak load");
    expect(index).toContain("1,234.5 MW");
  });

  it("captures plain output, the last expression and ANSI stderr as streams", async () => {
    const nb = await executed(outA, "rich");
    expect(outputsOf(nb, "code-5")).toEqual([
      { output_type: "stream", name: "stdout", text: ["plain <script>alert(1)</script>\n"] },
      { output_type: "stream", name: "stderr", text: ["\u001b[31mred warning\u001b[0m\n"] },
      { output_type: "stream", name: "stdout", text: ["42\n"] },
    ]);
  });

  it("keeps every line of a cell that prints 20 000 lines, and the next cell's output", async () => {
    const nb = await executed(outA, "flood");
    const lines = (nb.cells[0]!.outputs![0] as { text: string[] }).text;
    expect(lines).toHaveLength(20_000);
    expect(lines[19_999]).toBe("19999\n");
    expect(nb.cells[1]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["after the flood\n"] },
    ]);
  });

  it("keeps rich displays (HTML, SVG, Plotly) as MIME bundles", async () => {
    const nb = await executed(outA, "rich");
    const [html, svg] = outputsOf(nb, "code-7") as { data: Record<string, unknown> }[];
    expect(html!.data["text/html"]).toEqual(['<b class="fx-html">bold html</b>']);
    expect(String((svg!.data["image/svg+xml"] as string[]).join(""))).toContain('class="fx-svg"');
    const [plot] = outputsOf(nb, "code-8") as { data: Record<string, { data: unknown[] }> }[];
    expect(plot!.data["application/vnd.plotly.v1+json"]!.data).toEqual([
      { x: [1, 2, 3], y: [2, 1, 3], type: "scatter" },
    ]);
  });

  it("runs top-level await and code imported from ./src/index (seededRandom(7).next())", async () => {
    const nb = await executed(outA, "rich");
    const { seededRandom } = await import("../../src/util/seeded-random.js");
    expect(outputsOf(nb, "code-10")).toEqual([
      { output_type: "stream", name: "stdout", text: [`${seededRandom(7).next().toFixed(6)}\n`] },
    ]);
  });

  it("takes ./src imports from the build when it is up to date, with the same outputs as src/", async () => {
    const fresh = checkPrebuiltSources(ROOT).usable;
    expect(summaryA.sources.kind).toBe(fresh ? "prebuilt" : "live");
    const live = await tempDir();
    dirs.push(live);
    const summary = await runNotebooks([fixture("rich.ipynb")], quietEffects(), {
      provenance: FIXED_PROVENANCE,
      out: live,
      prebuilt: false,
    });
    expect(summary.sources).toEqual({ kind: "live" });
    const manifestOf = (dir: string) => readJson<RunManifest>(join(dir, "rich.manifest.json"));
    expect((await manifestOf(live)).kernel.sources).toBe("src (compiled by the kernel)");
    expect((await manifestOf(outA)).kernel.sources).toBe(
      fresh ? "dist/src (the build, checked newer than src/)" : "src (compiled by the kernel)",
    );
    const [a, b] = [await executed(outA, "rich"), await executed(live, "rich")];
    expect(b.cells.map((c) => c.outputs)).toEqual(a.cells.map((c) => c.outputs));
  }, 120_000);

  it("injects typed -p values after the parameters cell", async () => {
    const nb = await executed(outA, "params");
    const injected = nb.cells[2]!;
    expect(injected.metadata.tags).toEqual(["injected-parameters"]);
    expect(injected.source).toEqual([
      "// Parameters injected by powerflow run\n",
      "const horizon = 48;\n",
      'const cutoff = new Date("2022-01-01T00:00:00.000Z");\n',
      'const zones = ["BETA", "GAMMA"];\n',
      'const mode: "hourly" | "daily" = "daily";',
    ]);
    const printed = JSON.parse(
      (nb.cells[3]!.outputs![0] as { text: string[] }).text.join(""),
    ) as Record<string, unknown>;
    expect(printed).toEqual({
      horizon: 48,
      label: "base",
      enabled: false,
      start: "2021-01-01",
      cutoff: "2022-01-01T00:00:00.000Z",
      zones: ["BETA", "GAMMA"],
      options: { alpha: 0.5 },
      mode: "daily",
      input: "tests/fixtures/notebooks/README.md",
      twice: 96,
    });
  });

  it("writes a manifest with parameters, hashes, input files, seeds, metrics and timing", async () => {
    const manifest = await readJson<RunManifest>(join(outA, "params.manifest.json"));
    expect(manifest.status).toBe("ok");
    expect(manifest.notebook.path).toBe("tests/fixtures/notebooks/params.ipynb");
    expect(manifest.notebook.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.injectedParameters).toEqual(["horizon", "cutoff", "zones", "mode"]);
    expect(manifest.parameters.cutoff).toBe("2022-01-01T00:00:00.000Z");
    expect(manifest.inputs.map((i) => i.path)).toEqual(["tests/fixtures/notebooks/README.md"]);
    expect(manifest.kernel).toMatchObject({
      name: "tslab",
      implementation: "tslab",
      protocolVersion: "5.3",
    });
    expect(manifest.timing.cells.map((c) => c.cellId)).toEqual([
      "code-2",
      "injected-parameters",
      "code-3",
    ]);
    const rich = await readJson<RunManifest>(join(outA, "rich.manifest.json"));
    expect(rich.seeds).toEqual({ seed: 7 });
    expect(rich.metrics).toEqual([
      { name: "peak load", value: 1234.5, unit: "MW" },
      { name: "label", value: "fixture" },
    ]);
  });

  it("writes notebooks that nbformat's reference validator accepts", async (ctx) => {
    const skip = nbformatSkipReason();
    if (skip) ctx.skip(skip);
    const script =
      "import sys, nbformat\nfor p in sys.argv[1:]: nbformat.validate(nbformat.read(p, as_version=4))\nprint('ok')";
    const { stdout } = await exec(PYTHON, [
      "-c",
      script,
      join(outA, "rich.ipynb"),
      join(outA, "params.ipynb"),
    ]);
    expect(stdout.trim()).toBe("ok");
  });

  it("renders a self-contained HTML report: escaped data text, math, highlighted code, one plotly.js", async () => {
    const html = await readFile(join(outA, "rich.html"), "utf8");
    expect(html).toContain("plain &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(html).toContain('<span class="ansi-red-fg">red warning</span>');
    expect(html).toContain('class="katex"');
    expect(html).toContain("data:font/woff2;base64,");
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html.match(/Plotly\.newPlot/g)?.length).toBe(1);
    expect(html).toContain('<details class="pf-hidden-input">');
    expect(html).toContain('<a href="#plain-output">Plain output</a>');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
    expect(Buffer.byteLength(html)).toBeLessThan(6 * 1024 * 1024);
    const params = await readFile(join(outA, "params.html"), "utf8");
    expect(params).not.toContain("Plotly.newPlot");
    expect(Buffer.byteLength(params)).toBeLessThan(100_000);
  });

  it("gives byte-identical .ipynb and HTML for two runs, apart from the timing block", async () => {
    const [nbA, nbB, htmlA, htmlB] = await Promise.all([
      readFile(join(outA, "rich.ipynb"), "utf8"),
      readFile(join(outB, "rich.ipynb"), "utf8"),
      readFile(join(outA, "rich.html"), "utf8"),
      readFile(join(outB, "rich.html"), "utf8"),
    ]);
    expect(nbA).not.toBe(nbB);
    expect(notebookWithoutTiming(nbA)).toBe(notebookWithoutTiming(nbB));
    expect(htmlWithoutTiming(htmlA)).toBe(htmlWithoutTiming(htmlB));
  });

  it("draws the Plotly chart in headless Chromium without console errors", async (ctx) => {
    const reason = chromiumSkipReason();
    if (reason) ctx.skip(reason);
    const page = await openPage(pathToFileURL(join(outA, "rich.html")).href);
    try {
      await page.waitForSelector(".js-plotly-plot .main-svg");
      expect(
        await page.evaluate<number>("document.querySelectorAll('.js-plotly-plot').length"),
      ).toBe(1);
      expect(
        await page.evaluate<string>("document.querySelector('.pf-duration').textContent"),
      ).toMatch(/^$|\d+\.\d\d s$/);
      await page.screenshot(join(outA, "rich.png"));
      expect(existsSync(join(outA, "rich.png"))).toBe(true);
      expect(page.errors()).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
