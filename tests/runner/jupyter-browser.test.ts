// Issue 12's "done when": the four notebooks draw their charts where people open them. In classic
// Notebook 6.4 (a real server, the real tslab kernelspec of this checkout) driven by headless
// Chromium: Restart & Run All draws every figure display; after save, `jupyter trust` and a
// reload the same charts are drawn again; `jupyter nbconvert --to html` of the saved notebooks
// draws them from file:// with the network blocked. Screenshots of each stage are written under
// .tmp/screenshots/jupyter/. One server, one browser, one kernel at a time.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { nodeEffects, silentLogger } from "../../src/effects.js";
import { writeGeneratedData } from "../../src/generate/write-generated-data.js";
import { PLOTLY_MIME } from "../../src/runner/mime-types.js";
import { layoutProblems, waitForDrawnCharts } from "../helpers/chart-checks.js";
import { chromiumSkipReason, openPage, type ChromiumPage } from "../helpers/chromium.js";
import {
  notebookServerSkipReason,
  startNotebookServer,
  type NotebookServer,
} from "../helpers/jupyter-notebook-server.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const NAMES = ["01-ingest-and-clean", "02-explore", "03-forecast", "04-trend-report"];
const SHOTS = join(ROOT, ".tmp", "screenshots", "jupyter");
const CELL_TIMEOUT_MS = 300_000;

const skip = chromiumSkipReason() ?? notebookServerSkipReason();
if (skip) process.stderr.write(`SKIPPED Jupyter browser tests: ${skip}\n`);

/** What the notebook model holds: figure displays and error outputs, per the saved JSON. */
interface ModelSummary {
  codeCells: number;
  executed: number;
  plotly: number;
  svg: number;
  errors: string[];
}

const SUMMARY = `(() => {
  const nb = Jupyter.notebook.toJSON();
  const code = nb.cells.filter((c) => c.cell_type === "code");
  const outputs = code.flatMap((c) => c.outputs);
  return {
    codeCells: code.length,
    executed: code.filter((c) => typeof c.execution_count === "number").length,
    plotly: outputs.filter((o) => o.data && o.data[${JSON.stringify(PLOTLY_MIME)}] !== undefined).length,
    svg: outputs.filter((o) => o.data && o.data["image/svg+xml"] !== undefined).length,
    errors: outputs.filter((o) => o.output_type === "error").map((o) => o.ename + ": " + o.evalue)
      .concat(Array.from(document.querySelectorAll(".output_area .js-error, .output_area .output_error"))
        .map((e) => "shown: " + e.textContent.trim().slice(0, 200))),
  };
})()`;

// Run All marks every queued cell "*". It has finished when no "*" is left and every request's
// iopub stream ended too (its idle status seen): a cell's execute_reply can overtake its last
// display_data, which then lands after the prompt shows its count. A failed cell may leave
// later cells without a count: the summary reports that.
const RUN_STARTED = `Jupyter.notebook.get_cells().some((c) => c.input_prompt_number === "*")`;
const RUN_FINISHED = `!(${RUN_STARTED})
  && Object.values(Jupyter.notebook.kernel._msg_callbacks).every((c) => c.shell_done && c.iopub_done)
  && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null`;
const NOTEBOOK_READY = `window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded
  && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()
  && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null`;

async function screenshotNotebook(page: ChromiumPage, path: string): Promise<void> {
  // The notebook scrolls inside #site: grow the viewport to the whole notebook for the picture.
  const height = await page.evaluate<number>(
    "document.querySelector('#notebook').scrollHeight + document.querySelector('#site').offsetTop",
  );
  await page.setViewport(1280, Math.min(Math.max(height, 900), 16_000));
  // CodeMirror measures only the editors it has shown: re-measure the rest for the picture.
  await page.evaluate(`Jupyter.notebook.get_cells().forEach((c) => c.code_mirror && c.code_mirror.refresh()),
    new Promise((r) => requestAnimationFrame(() => r(true)))`);
  await page.screenshot(path);
  await page.setViewport(1280, 900);
}

describe.skipIf(skip !== undefined)(
  `classic Notebook 6.4 in headless Chromium${skip ? ` [skipped: ${skip}]` : ""}`,
  () => {
    let base = "";
    let server: NotebookServer;
    let page: ChromiumPage;
    const saved = new Map<string, ModelSummary>();

    beforeAll(async () => {
      base = await mkdtemp(join(tmpdir(), "powerflow-jupyter-browser-"));
      const dataDir = join(base, "data");
      const notebookDir = join(base, "notebooks");
      await mkdir(notebookDir, { recursive: true });
      await mkdir(SHOTS, { recursive: true });
      await writeGeneratedData(dataDir, { seed: 42 }, nodeEffects({ logger: silentLogger() }));
      // The kernel runs at the project root, so the notebooks' default data paths would point
      // into the checkout: point them at the freshly generated copy instead.
      for (const name of NAMES) {
        const text = (await readFile(join(ROOT, "notebooks", `${name}.ipynb`), "utf8")).replaceAll(
          "data/raw/default/",
          `${dataDir}/`,
        );
        await writeFile(join(notebookDir, `${name}.ipynb`), text);
      }
      server = await startNotebookServer({ notebookDir });
      page = await openPage(`${server.baseUrl}/tree?token=${server.token}`, { timeoutMs: 60_000 });
    }, 180_000);

    afterAll(async () => {
      await page?.close();
      await server?.stop();
      if (base) await rm(base, { recursive: true, force: true });
    });

    test.each(NAMES)(
      "%s: Restart & Run All draws every figure, and again after save, trust and reload",
      async (name) => {
        const file = `${name}.ipynb`;
        try {
          await page.navigate(server.notebookUrl(file), 60_000);
          await page.waitFor(NOTEBOOK_READY, `${file} did not open with an idle kernel`, 120_000);
          await page.evaluate("Jupyter.notebook.restart_run_all({ confirm: false }), true");
          await page.waitFor(RUN_STARTED, `${file}: Restart & Run All did not start`, 120_000);
          await page.waitFor(
            RUN_FINISHED,
            `${file}: Restart & Run All did not finish`,
            CELL_TIMEOUT_MS,
          );
          const model = await page.evaluate<ModelSummary>(SUMMARY);
          const drawn = await waitForDrawnCharts(page, model.plotly, ".output_area");
          await screenshotNotebook(page, join(SHOTS, `${name}-1-run-all.png`));
          await page.evaluate("Jupyter.notebook.save_notebook().then(() => true)");
          await page.waitFor("!Jupyter.notebook.dirty", `${file} was not saved`);
          saved.set(name, model);
          expect(model.errors, `${file}: error outputs`).toEqual([]);
          expect(model.executed, `${file}: code cells with an execution count`).toBe(
            model.codeCells,
          );
          expect(model.plotly, `${file}: figure displays in the notebook`).toBeGreaterThan(0);
          expect(drawn, `${file} after Restart & Run All`).toEqual({
            plotly: model.plotly,
            plotlyDrawn: model.plotly,
            svgDrawn: model.svg,
          });
          expect(
            await layoutProblems(page, { scope: "#notebook", rootScrollers: ["#site"] }),
          ).toEqual([]);

          await server.jupyter(["trust", join(server.notebookDir, file)]);
          await page.navigate(server.notebookUrl(file), 60_000);
          await page.waitFor(NOTEBOOK_READY, `${file} did not reopen`, 120_000);
          expect(await page.evaluate<boolean>("Jupyter.notebook.trusted")).toBe(true);
          const reopened = await page.evaluate<ModelSummary>(SUMMARY);
          expect(reopened).toEqual(model);
          const redrawn = await waitForDrawnCharts(page, model.plotly, ".output_area");
          await screenshotNotebook(page, join(SHOTS, `${name}-2-reloaded.png`));
          expect(redrawn, `${file} after save, trust and reload`).toEqual(drawn);
          // Debian's Notebook 6.4 asks for the ipywidgets nbextension it does not ship (404):
          // the page's own fault, logged on every load; anything else logged is ours.
          expect(
            page
              .errors()
              .filter((e) => !e.includes("/nbextensions/widgets/notebook/js/extension.js")),
            "console errors and exceptions in the Notebook page",
          ).toEqual([]);
        } finally {
          // Free the kernel (a failed assertion included): the next notebook gets the CPU.
          await page.evaluate("Jupyter.notebook.session.delete(), true");
        }
      },
      CELL_TIMEOUT_MS + 120_000,
    );

    test("jupyter nbconvert --to html of the saved notebooks draws every figure offline", async () => {
      expect([...saved.keys()], "notebooks saved by the Restart & Run All tests").toEqual(NAMES);
      const outDir = join(base, "html");
      await server.jupyter([
        "nbconvert",
        "--to",
        "html",
        "--output-dir",
        outDir,
        ...NAMES.map((n) => join(server.notebookDir, `${n}.ipynb`)),
      ]);
      const html03 = await readFile(join(outDir, "03-forecast.html"), "utf8");
      expect(html03).toMatch(/<table class="pf-table"><caption>Day-ahead backtest[^<]*<\/caption>/);
      const offline = await openPage("about:blank", { blockedUrls: ["http://*", "https://*"] });
      try {
        for (const name of NAMES) {
          const html = join(outDir, `${name}.html`);
          await offline.navigate(pathToFileURL(html).href, 60_000);
          const model = saved.get(name)!;
          const drawn = await waitForDrawnCharts(offline, model.plotly);
          await offline.screenshot(join(SHOTS, `${basename(html, ".html")}-3-nbconvert.png`));
          expect(drawn, `${name}.html from nbconvert, network blocked`).toMatchObject({
            plotly: model.plotly,
            plotlyDrawn: model.plotly,
          });
          expect(drawn.svgDrawn).toBeGreaterThanOrEqual(model.svg);
          // nbconvert's template asks CDNs for require.js and MathJax: those loads are blocked
          // (and logged); anything else logged is a fault.
          expect(offline.errors().filter((e) => !/ERR_BLOCKED_BY_CLIENT/.test(e))).toEqual([]);
        }
      } finally {
        await offline.close();
      }
    }, 120_000);
  },
);
