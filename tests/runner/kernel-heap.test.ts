// Under a memory limit, each kernel's heap is fitted to it: a memory-hungry cell fails with a
// heap error in its own cell (not an OOM-killed pod), and the manifest records the heap size.
import { writeFile } from "node:fs/promises";
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

const MIB = 1024 * 1024;

describe("kernel heap sized from the memory limit", () => {
  it("a 1312 MiB limit with one job gives a 300 MiB heap; a hog dies of it in its own cell", async () => {
    const saved = process.env.NODE_OPTIONS;
    delete process.env.NODE_OPTIONS; // a user-set --max-old-space-size would win
    try {
      const work = await tempDir("powerflow-heap-");
      const notebook = join(work, "hog.ipynb");
      await writeFile(
        notebook,
        codeNotebook({
          limit:
            'import * as v8 from "v8";\nconsole.log(Math.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024));',
          hog: "const hog: number[][] = [];\nwhile (true) hog.push(new Array(1_000_000).fill(1.5));",
          never: 'console.log("never");',
        }),
      );
      const out = join(work, "out");
      await runNotebooks([notebook], quietEffects(), {
        out,
        jobs: 1,
        provenance: FIXED_PROVENANCE,
        // (1312 − 512) / (2 × 1) × 0.75 = 300
        memoryLimitBytes: 1312 * MIB,
      });
      const manifest = await readJson<RunManifest>(join(out, "hog.manifest.json"));
      expect(manifest.kernel.heap).toEqual({
        maxOldSpaceSizeMb: 300,
        from: "memory-limit",
        memoryLimitBytes: 1312 * MIB,
      });
      const nb = await readJson<Notebook>(join(out, "hog.ipynb"));
      const reported = Number(
        (nb.cells[0]!.outputs![0] as { text: string[] }).text.join("").trim(),
      );
      // old space 300 MiB plus the young generation (V8's default here would be gigabytes)
      expect(reported).toBeGreaterThanOrEqual(300);
      expect(reported).toBeLessThan(600);
      expect(manifest.failures).toMatchObject([
        { kind: "dead", cellIndex: 1, cellId: "hog", ename: "DeadKernelError" },
      ]);
      // named as a heap exhaustion, without V8's GC log and native stack
      expect(manifest.failures[0]!.evalue).toMatch(
        /^the kernel died while running cell 2: kernel process killed by SIGABRT: JavaScript heap out of memory \(the cell needed more than the kernel's heap limit, --max-old-space-size; the manifest's kernel\.heap records it\): FATAL ERROR: [^\n]*JavaScript heap out of memory$/,
      );
      expect(nb.cells[1]!.outputs).toMatchObject([
        { output_type: "error", ename: "DeadKernelError" },
      ]);
      expect(nb.cells[2]!.outputs).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.NODE_OPTIONS = saved;
    }
  }, 120_000);
});
