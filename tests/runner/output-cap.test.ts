// A cell printing without end cannot grow the runner's memory: past --max-cell-output-bytes its
// output is dropped, one marker says how much, the manifest notes it, and the run goes on. Output
// a cell's timers send after it finished counts against the same budget and is never lost
// silently, even after the last cell.
import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import type { Notebook } from "../../src/runner/notebook/notebook-types.js";
import { runNotebooks } from "../../src/runner/run-notebooks.js";
import {
  codeNotebook,
  FIXED_PROVENANCE,
  quietEffects,
  readJson,
  cleanedTempDirs,
} from "./helpers/run-fixture.js";

const tempDir = cleanedTempDirs();

const CAP = 256 * 1024;
const LINE = "x".repeat(100);

const MARKER =
  /^\[powerflow: output cap reached: \d+\.\d{1,3} MiB of further output \(\d+ messages\) dropped after the first 0\.250 MiB of this cell; raise --max-cell-output-bytes to keep more\]\n$/;

// A cell whose code prints `lines` lines from a callback once the cell has finished (the kernel
// hooks mark a finished cell not running).
const AFTER_CELL = (lines: number, width = 0) =>
  `const cell = (globalThis as unknown as { __powerflowKernel__: { callingCell(): { running: boolean } } }).__powerflowKernel__.callingCell();
void (async () => {
  while (cell.running) await new Promise((r) => setTimeout(r, 1));
  for (let i = 0; i < ${lines}; i++) console.log("late" + String(i).padStart(5, "0") + "${"x".repeat(width)}");
})();`;

const text = (output: unknown): string => {
  const t = (output as { text?: string | string[] }).text ?? "";
  return Array.isArray(t) ? t.join("") : t;
};

describe("the per-cell output cap", () => {
  it("drops a flood past the cap with one marker, notes it in the manifest and runs on", async () => {
    const work = await tempDir("powerflow-output-cap-");
    const notebook = join(work, "flood-cap.ipynb");
    await writeFile(
      notebook,
      codeNotebook({
        // about 2.1 MB of text in 20 000 messages, eight times the cap
        flood: `for (let i = 0; i < 20000; i++) console.log(String(i).padStart(5, "0") + "${LINE}");`,
        // output sent after its cell finished counts against the same kind of budget
        late: `setTimeout(() => { for (let i = 0; i < 5000; i++) console.log("late${LINE}"); }, 0);`,
        after: `await new Promise((r) => setTimeout(r, 1000));\nconsole.log("after the flood");`,
      }),
    );
    const out = join(work, "out");
    const summary = await runNotebooks([notebook], quietEffects(), {
      out,
      provenance: FIXED_PROVENANCE,
      maxCellOutputBytes: CAP,
    });
    const manifest = await readJson<RunManifest>(join(out, "flood-cap.manifest.json"));
    expect(summary.results[0]!.manifest.status).toBe("ok");
    expect(manifest.status).toBe("ok");
    expect(manifest.truncatedOutputs).toHaveLength(2);
    const [cut, lateCut] = manifest.truncatedOutputs;
    expect(cut).toMatchObject({ cellIndex: 0, cellId: "flood", capBytes: CAP });
    expect(cut!.droppedMessages).toBeGreaterThan(0);
    expect(cut!.droppedBytes).toBeGreaterThan(CAP);

    const nb = await readJson<Notebook>(join(out, "flood-cap.ipynb"));
    const [kept, marker, ...rest] = nb.cells[0]!.outputs!;
    expect(rest).toEqual([]);
    // what was kept is the start of the flood, in order, and smaller than the cap
    expect(text(kept).startsWith(`00000${LINE}\n00001${LINE}\n`)).toBe(true);
    expect(text(kept).length).toBeLessThan(CAP);
    expect(marker).toMatchObject({ output_type: "stream", name: "stderr" });
    expect(text(marker)).toMatch(MARKER);
    expect(text(marker)).toContain(`(${cut!.droppedMessages} messages)`);

    // the late flood of cell 2 ends in the same marker instead of growing without end, and the
    // manifest counts it
    expect(lateCut).toMatchObject({ cellIndex: 1, cellId: "late", capBytes: CAP });
    expect(lateCut!.droppedMessages).toBeGreaterThan(0);
    const lateOutputs = nb.cells[1]!.outputs!;
    expect(lateOutputs.slice(0, -1).map(text).join("").length).toBeLessThan(CAP);
    expect(lateOutputs.at(-1)).toMatchObject({ output_type: "stream", name: "stderr" });
    expect(text(lateOutputs.at(-1))).toMatch(MARKER);
    expect(text(lateOutputs.at(-1))).toContain(`(${lateCut!.droppedMessages} messages)`);

    expect(nb.cells[2]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["after the flood\n"] },
    ]);
    // the whole executed notebook stays near the cap per cell, not the 2.6 MB printed
    expect((await stat(join(out, "flood-cap.ipynb"))).size).toBeLessThan(3 * CAP);
  }, 120_000);

  it("keeps output the last cell sends after it finished, and counts what passes the cap", async () => {
    const work = await tempDir("powerflow-output-cap-");
    const small = join(work, "late-small.ipynb");
    const flood = join(work, "late-flood.ipynb");
    await writeFile(small, codeNotebook({ first: 'console.log("first")', last: AFTER_CELL(3) }));
    // 100 lines of 2 KB: about 200 KB in a few console.log calls (quick even on a busy
    // machine, so all of it is out before the kernel's shutdown), past a 64 KiB cap
    await writeFile(
      flood,
      codeNotebook({ first: 'console.log("first")', last: AFTER_CELL(100, 2000) }),
    );
    const out = join(work, "out");
    await runNotebooks([small, flood], quietEffects(), {
      out,
      jobs: 1,
      provenance: FIXED_PROVENANCE,
      maxCellOutputBytes: 64 * 1024,
    });

    const smallManifest = await readJson<RunManifest>(join(out, "late-small.manifest.json"));
    expect(smallManifest.truncatedOutputs).toEqual([]);
    const smallNb = await readJson<Notebook>(join(out, "late-small.ipynb"));
    expect(smallNb.cells[1]!.outputs).toEqual([
      {
        output_type: "stream",
        name: "stdout",
        text: ["late00000\n", "late00001\n", "late00002\n"],
      },
    ]);

    const floodManifest = await readJson<RunManifest>(join(out, "late-flood.manifest.json"));
    expect(floodManifest.status).toBe("ok");
    expect(floodManifest.truncatedOutputs).toMatchObject([
      { cellIndex: 1, cellId: "last", capBytes: 64 * 1024 },
    ]);
    const [cut] = floodManifest.truncatedOutputs;
    expect(cut!.droppedMessages).toBeGreaterThan(0);
    const floodNb = await readJson<Notebook>(join(out, "late-flood.ipynb"));
    const [kept, marker, ...rest] = floodNb.cells[1]!.outputs!;
    expect(rest).toEqual([]);
    expect(text(kept).startsWith(`late00000${"x".repeat(2000)}\nlate00001`)).toBe(true);
    expect(text(kept).length).toBeLessThan(64 * 1024);
    expect(text(marker)).toMatch(
      /^\[powerflow: output cap reached: \d\.\d{3} MiB of further output \(\d+ messages\) dropped after the first 0\.063 MiB of this cell; raise --max-cell-output-bytes to keep more\]\n$/,
    );
    expect(text(marker)).toContain(`(${cut!.droppedMessages} messages)`);
    // kept and dropped add up to everything the cell printed (message headers included)
    expect(text(kept).length + cut!.droppedBytes).toBeGreaterThan(100 * 2000);
  }, 120_000);
});
