// A display that cannot reach its cell fails that cell, on a real tslab kernel (one kernel):
// a chart shown from a timer after its cell finished, and a display in a kernel whose launcher
// hooks cannot be found. The run goes on (--allow-errors) and still exits 1.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import { PLOTLY_MIME } from "../../src/runner/mime-types.js";
import type { Notebook } from "../../src/runner/notebook/notebook-types.js";
import { runCli } from "../helpers/run-cli.js";
import { codeNotebook, readJson, tempDir } from "./helpers/run-fixture.js";

let base = "";
let run: Awaited<ReturnType<typeof runCli>>;

const FIGURE = '{ data: [{ type: "bar", x: [1], y: [2] }], layout: {} }';
const LATE =
  /^display failed: no cell is running: display called after cell \[2\] finished, from a timer or callback it started/;
const NO_HOOKS = /^display failed: tslab kernel not started by PowerFlow's launcher/;

beforeAll(async () => {
  base = await tempDir("powerflow-display-");
  await writeFile(
    join(base, "displays.ipynb"),
    codeNotebook({
      imports: 'import { showPlotly } from "./src/analysis/display/show-plotly";',
      // The late display waits until the next cell has started, so "after its cell finished" holds
      // however slowly the machine runs (a bare 50 ms timer could fire before the cell ended).
      late: `showPlotly(${FIGURE});\nconst pf = globalThis as { pfNextCell?: boolean };\nvoid (async () => {\n  while (!pf.pfNextCell) await new Promise((r) => setTimeout(r, 10));\n  showPlotly(${FIGURE});\n})();`,
      wait: '(globalThis as { pfNextCell?: boolean }).pfNextCell = true;\nawait new Promise((r) => setTimeout(r, 600));\nconsole.log("waited");',
      unhooked: `delete (globalThis as Record<string, unknown>).__powerflowKernel__;\nshowPlotly(${FIGURE});`,
      after: 'console.log("still running");',
    }),
  );
  run = await runCli([
    "run",
    join(base, "displays.ipynb"),
    "--out",
    join(base, "out"),
    "--allow-errors",
    "--quiet",
  ]);
}, 120_000);

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const cellOf = (nb: Notebook, id: string) => nb.cells.find((c) => c.id === id)!;

describe("displays that cannot be delivered", () => {
  it("the run exits 1 naming the first undelivered display", () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /powerflow: notebook failed: .*displays\.ipynb: cell 2 \(execution 2\): DisplayError: display failed: no cell is running: display called after cell \[2\] finished/,
    );
  });

  it("the manifest lists both failures at their cells, each naming its cause", async () => {
    const manifest = await readJson<RunManifest>(join(base, "out", "displays.manifest.json"));
    expect(manifest.status).toBe("failed");
    expect(manifest.failures.map((f) => [f.cellId, f.kind, f.ename])).toEqual([
      ["late", "error", "DisplayError"],
      ["unhooked", "error", "DisplayError"],
    ]);
    expect(manifest.failures[0]!.evalue).toMatch(LATE);
    expect(manifest.failures[1]!.evalue).toMatch(NO_HOOKS);
  });

  it("a chart shown after its cell finished becomes an error output of that cell; the chart shown in time stays", async () => {
    const nb = await readJson<Notebook>(join(base, "out", "displays.ipynb"));
    const late = cellOf(nb, "late");
    expect(late.metadata.powerflow).toEqual({ status: "error" });
    const kinds = late.outputs!.map((o) => o.output_type);
    // tslab's uncaught-exception handler may also print the error as stderr, in this cell too
    expect(kinds.slice(0, 2)).toEqual(["display_data", "error"]);
    for (const extra of late.outputs!.slice(2))
      expect(extra).toMatchObject({ output_type: "stream", name: "stderr" });
    expect((late.outputs![0] as { data: Record<string, unknown> }).data[PLOTLY_MIME]).toBeDefined();
    const error = late.outputs![1] as { ename: string; evalue: string };
    expect(error.ename).toBe("DisplayError");
    expect(error.evalue).toMatch(LATE);
    expect(cellOf(nb, "wait").metadata.powerflow).toBeUndefined();
    expect(cellOf(nb, "after").outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["still running\n"] },
    ]);
  });

  it("the report marks both failed cells", async () => {
    const html = await readFile(join(base, "out", "displays.html"), "utf8");
    expect(html).toMatch(/class="pf-cell pf-code pf-failed" id="cell-late"/);
    expect(html).toMatch(/class="pf-cell pf-code pf-failed" id="cell-unhooked"/);
    expect(html).toContain("tslab kernel not started by PowerFlow&#39;s launcher");
  });
});
