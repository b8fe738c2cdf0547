import { readFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notebook, NotebookOutput } from "../../src/runner/notebook/notebook-types.js";
import { runNotebooks, type RunSummary } from "../../src/runner/run-notebooks.js";
import {
  FIXED_PROVENANCE,
  fixture,
  quietEffects,
  readJson,
  ROOT,
  tempDir,
} from "./helpers/run-fixture.js";

// error-locations.ipynb (cells after the title): 1 import and `days`, 2 generateLoad with a bad interval
// (an InputError thrown two calls deep in src/), 3 a type error on line 2, 4 a throwing line 2.
// One kernel per way of loading src/: the build (prebuilt) and tslab's own compile (live).
const runs: Record<"prebuilt" | "live", { out: string; summary?: RunSummary }> = {
  prebuilt: { out: "" },
  live: { out: "" },
};

beforeAll(async () => {
  await Promise.all(
    (["prebuilt", "live"] as const).map(async (mode) => {
      const run = runs[mode];
      run.out = await tempDir();
      run.summary = await runNotebooks([fixture("error-locations.ipynb")], quietEffects(), {
        provenance: FIXED_PROVENANCE,
        out: run.out,
        jobs: 1,
        allowErrors: true,
        prebuilt: mode === "prebuilt",
      });
    }),
  );
}, 180_000);

afterAll(async () => {
  for (const run of Object.values(runs)) await rm(run.out, { recursive: true, force: true });
});

type ErrorOutput = Extract<NotebookOutput, { output_type: "error" }>;

async function errorOf(mode: keyof typeof runs, cellIndex: number): Promise<ErrorOutput> {
  const nb = await readJson<Notebook>(join(runs[mode].out, "error-locations.ipynb"));
  const output = nb.cells[cellIndex]!.outputs!.find((o) => o.output_type === "error");
  if (output?.output_type !== "error") throw new Error(`cell ${cellIndex} has no error output`);
  return output;
}

// "LINE:COL" (1-based) of the first occurrence of `text` in a project source file.
function positionIn(file: string, text: string): string {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${file} no longer contains ${text}`);
  return `${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

const FRAME = /^\s+at /;

describe.each(["prebuilt", "live"] as const)("tracebacks with %s src/", (mode) => {
  it("an InputError thrown in src/ names src/generate/generate-load.ts lines, then the cell line", async (ctx) => {
    const sources = runs[mode].summary!.sources;
    if (sources.kind !== mode) ctx.skip(`src/ was not loaded ${mode}: ${sources.reason}`);
    const error = await errorOf(mode, 2);
    expect(error.ename).toBe("InputError");
    expect(error.evalue).toBe("invalid interval: 7 minutes (expected 15, 30 or 60)");
    const file = "src/generate/generate-load.ts";
    const thrownAt = positionIn(file, "new InputError(`invalid interval");
    const frames = error.traceback.filter((l) => FRAME.test(l));
    expect(frames).toEqual([
      `    at normalizeOptions (${file}:${thrownAt})`,
      `    at generateLoad (${file}:${positionIn(file, "normalizeOptions(options)")})`,
      // cell 2 runs as execution 2; line 3, column 1 is `generateLoad(`.
      "    at <cell 2>:3:1",
    ]);
    // Node heads the error with the throwing line of the TypeScript source.
    expect(error.traceback.slice(0, 2)).toEqual([
      `${file}:${thrownAt.split(":")[0]}`,
      expect.stringContaining("throw new InputError(`invalid interval:"),
    ]);
    expect(error.traceback.join("\n")).not.toContain(ROOT);
    const html = await readFile(join(runs[mode].out, "error-locations.html"), "utf8");
    expect(html).toContain(`at normalizeOptions (${file}:${thrownAt})`);
  });

  it("a type error echoes its source line with a caret under the column", async (ctx) => {
    const sources = runs[mode].summary!.sources;
    if (sources.kind !== mode) ctx.skip(`src/ was not loaded ${mode}: ${sources.reason}`);
    const error = await errorOf(mode, 3);
    expect(error.ename).toBe("TypeScriptError");
    expect(error.evalue).toBe("2:7 - Type 'string' is not assignable to type 'number'.");
    expect(error.traceback).toEqual([
      "\u001b[31mline 2, column 7\u001b[0m - Type 'string' is not assignable to type 'number'.",
      "2 | const label: number = `days: ${ok}`;",
      "  |       \u001b[31m^~~~~\u001b[0m",
    ]);
  });

  it("an error thrown by cell code names the cell and its line, without kernel frames", async (ctx) => {
    const sources = runs[mode].summary!.sources;
    if (sources.kind !== mode) ctx.skip(`src/ was not loaded ${mode}: ${sources.reason}`);
    const error = await errorOf(mode, 4);
    expect(error.ename).toBe("RangeError");
    // Executions 1-3 ran before it (the type error counts); column 22 is `new RangeError`.
    expect(error.traceback.filter((l) => FRAME.test(l))).toEqual(["    at <cell 4>:2:22"]);
    // Node's heading: the cell's line, with a caret under the throw statement.
    expect(error.traceback.slice(0, 3)).toEqual([
      "<cell 4>:2",
      "if (twice > 1) throw new RangeError(`thrown in a cell: ${twice}`);",
      `${" ".repeat(15)}^`,
    ]);
  });
});
