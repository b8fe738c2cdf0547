// A cell printing without end cannot grow the runner's memory: past --max-cell-output-bytes its
// output is dropped, one marker says how much, the manifest notes it, and the run goes on.
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
    expect(manifest.truncatedOutputs).toHaveLength(1);
    const [cut] = manifest.truncatedOutputs;
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
    expect(text(marker)).toMatch(
      /^\[powerflow: output cap reached: \d+\.\d MiB of further output \(\d+ messages\) dropped after the first 0\.250 MiB of this cell; raise --max-cell-output-bytes to keep more\]\n$/,
    );
    expect(text(marker)).toContain(`(${cut!.droppedMessages} messages)`);

    // the late flood of cell 2 ends in a note instead of growing without end
    const late = nb.cells[1]!.outputs!.map(text).join("");
    expect(late.length).toBeLessThan(CAP);
    expect(late).toMatch(
      /\[output cap of 262144 bytes reached: later output of this cell dropped\]\n$/,
    );

    expect(nb.cells[2]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["after the flood\n"] },
    ]);
    // the whole executed notebook stays near the cap per cell, not the 2.6 MB printed
    expect((await stat(join(out, "flood-cap.ipynb"))).size).toBeLessThan(3 * CAP);
  }, 120_000);
});
