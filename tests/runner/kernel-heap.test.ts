// Under a memory limit, each kernel's heap is fitted to it: a memory-hungry cell fails with a
// heap error in its own cell (not an OOM-killed pod), and the manifest records the heap size the
// kernel itself reports, also when its kernelspec sets NODE_OPTIONS of its own.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeEffects } from "../../src/effects.js";
import { builtinTslabSpec } from "../../src/runner/kernel/kernelspec.js";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import type { Notebook } from "../../src/runner/notebook/notebook-types.js";
import { runNotebooks } from "../../src/runner/run-notebooks.js";
import {
  codeNotebook,
  FIXED_PROVENANCE,
  quietEffects,
  readJson,
  cleanedTempDirs,
  ROOT,
} from "./helpers/run-fixture.js";

const tempDir = cleanedTempDirs();

const MIB = 1024 * 1024;
const HEAP_LIMIT_CELL =
  'import * as v8 from "v8";\nconsole.log(Math.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024));';

const printed = (nb: Notebook, cell: number): number =>
  Number((nb.cells[cell]!.outputs![0] as { text: string[] }).text.join("").trim());

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
          limit: HEAP_LIMIT_CELL,
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
      const nb = await readJson<Notebook>(join(out, "hog.ipynb"));
      const reported = printed(nb, 0);
      expect(manifest.kernel.heap).toEqual({
        maxOldSpaceSizeMb: 300,
        from: "memory-limit",
        memoryLimitBytes: 1312 * MIB,
        // as the kernel reported it in its kernel_info_reply
        heapSizeLimitMb: reported,
      });
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

  it("a kernelspec whose env sets NODE_OPTIONS keeps the fitted heap; its own size is replaced, loudly", async () => {
    const saved = { nodeOptions: process.env.NODE_OPTIONS, jupyterPath: process.env.JUPYTER_PATH };
    delete process.env.NODE_OPTIONS;
    try {
      const work = await tempDir("powerflow-heap-spec-");
      process.env.JUPYTER_PATH = join(work, "jupyter");
      const kernels = {
        // replaces the runner's NODE_OPTIONS, so the fitted size used to be lost with it
        "pf-other-options": "--enable-source-maps",
        "pf-own-size": "--max-old-space-size=2048 --enable-source-maps",
      };
      for (const [name, nodeOptions] of Object.entries(kernels)) {
        const dir = join(work, "jupyter", "kernels", name);
        await mkdir(dir, { recursive: true });
        const spec = {
          argv: builtinTslabSpec(ROOT).argv,
          display_name: name,
          language: "typescript",
        };
        await writeFile(
          join(dir, "kernel.json"),
          JSON.stringify({ ...spec, env: { NODE_OPTIONS: nodeOptions } }),
        );
      }
      const notebook = join(work, "limit.ipynb");
      await writeFile(notebook, codeNotebook({ limit: HEAP_LIMIT_CELL }));
      for (const kernel of Object.keys(kernels)) {
        const warnings: string[] = [];
        const logger = {
          info: () => undefined,
          debug: () => undefined,
          warn: (m: string) => void warnings.push(m),
        };
        const out = join(work, kernel);
        await runNotebooks([notebook], nodeEffects({ logger }), {
          out,
          kernel,
          jobs: 1,
          provenance: FIXED_PROVENANCE,
          memoryLimitBytes: 1312 * MIB,
        });
        const manifest = await readJson<RunManifest>(join(out, "limit.manifest.json"));
        const reported = printed(await readJson<Notebook>(join(out, "limit.ipynb")), 0);
        // 300 MiB old space plus the young generation, not V8's default of gigabytes or 2048
        expect(reported).toBeGreaterThanOrEqual(300);
        expect(reported).toBeLessThan(600);
        const replaced = kernel === "pf-own-size";
        expect(manifest.kernel.heap).toEqual({
          maxOldSpaceSizeMb: 300,
          from: "memory-limit",
          memoryLimitBytes: 1312 * MIB,
          heapSizeLimitMb: reported,
          ...(replaced ? { replaced: ["env NODE_OPTIONS: --max-old-space-size=2048"] } : {}),
        });
        expect(warnings).toEqual(
          replaced
            ? [
                'kernelspec "pf-own-size" sets its own heap size (env NODE_OPTIONS: --max-old-space-size=2048): replaced by --max-old-space-size=300 (fitted to the memory limit; see docs/security.md)',
              ]
            : [],
        );
      }
    } finally {
      for (const [key, value] of [
        ["NODE_OPTIONS", saved.nodeOptions],
        ["JUPYTER_PATH", saved.jupyterPath],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 120_000);
});
