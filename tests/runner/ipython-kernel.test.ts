// Any kernelspec in Jupyter's paths runs, not only tslab: a Python notebook on Debian's ipykernel,
// with interrupt_mode "message" (the timeout interrupts through the control channel).
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import type { Notebook } from "../../src/runner/notebook/notebook-types.js";
import { runNotebooks, type RunSummary } from "../../src/runner/run-notebooks.js";
import { FIXED_PROVENANCE, quietEffects, readJson, tempDir } from "./helpers/run-fixture.js";

const PYTHON = "/usr/bin/python3";
const skip = existsSync(join("/usr/lib/python3/dist-packages", "ipykernel"))
  ? undefined
  : "ipykernel is absent (apt-get install python3-ipykernel)";

let work = "";
let summary: RunSummary;
const savedPath = process.env.JUPYTER_PATH;

const cell = (id: string, source: string) => ({
  cell_type: "code",
  id,
  metadata: {},
  execution_count: null,
  outputs: [],
  source,
});

beforeAll(async () => {
  if (skip) return;
  work = await tempDir("powerflow-ipython-");
  const specDir = join(work, "jupyter", "kernels", "pf-python-message");
  await mkdir(specDir, { recursive: true });
  await writeFile(
    join(specDir, "kernel.json"),
    JSON.stringify({
      argv: [PYTHON, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
      display_name: "Python 3 (interrupt by message)",
      language: "python",
      interrupt_mode: "message",
    }),
  );
  const notebook = join(work, "python.ipynb");
  await writeFile(
    notebook,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "pf-python-message", display_name: "Python 3" } },
      cells: [
        cell("py-1", 'print("hello from python")\n6 * 7'),
        cell("py-2", "import time\ntime.sleep(60)"),
        cell("py-3", 'print("never")'),
      ],
    }),
  );
  process.env.JUPYTER_PATH = join(work, "jupyter");
  summary = await runNotebooks([notebook], quietEffects(), {
    out: join(work, "out"),
    kernel: "pf-python-message",
    cellTimeoutMs: 2000,
    provenance: FIXED_PROVENANCE,
  });
}, 120_000);

afterAll(async () => {
  if (savedPath === undefined) delete process.env.JUPYTER_PATH;
  else process.env.JUPYTER_PATH = savedPath;
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(skip !== undefined)(
  `a Python notebook on ipykernel${skip ? ` [skipped: ${skip}]` : ""}`,
  () => {
    it("runs cells and interrupts the slow one by an interrupt_request message, not a kill", async () => {
      expect(summary.failed).toHaveLength(1);
      const manifest = await readJson<RunManifest>(join(work, "out", "python.manifest.json"));
      expect(manifest.kernel).toMatchObject({
        name: "pf-python-message",
        implementation: "ipython",
        language: "python",
      });
      expect(manifest.failures).toMatchObject([{ kind: "timeout", cellIndex: 1 }]);
      // Interrupted and answered (ipykernel raised KeyboardInterrupt); a kill would say so.
      expect(manifest.failures[0]!.evalue).toMatch(
        /cell 2 exceeded the cell timeout of 2\.0 s .*: interrupted after 2 s$/,
      );
      const nb = await readJson<Notebook>(join(work, "out", "python.ipynb"));
      expect(nb.cells[0]!.outputs).toEqual([
        { output_type: "stream", name: "stdout", text: ["hello from python\n"] },
        {
          output_type: "execute_result",
          execution_count: 1,
          data: { "text/plain": ["42"] },
          metadata: {},
        },
      ]);
      expect(JSON.stringify(nb.cells[1]!.outputs)).toMatch(/KeyboardInterrupt/);
      expect(nb.cells[2]!.outputs).toEqual([]);
    });
  },
);
