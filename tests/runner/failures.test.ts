import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/powerflow.js";
import { isInputError, isNotebookError, NotebookError } from "../../src/errors.js";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import type { Notebook, NotebookOutput } from "../../src/runner/notebook/notebook-types.js";
import type { ProgressEvent } from "../../src/runner/progress.js";
import { assertRunSucceeded } from "../../src/runner/assert-run-succeeded.js";
import { runNotebooks, type RunSummary } from "../../src/runner/run-notebooks.js";
import {
  FIXED_PROVENANCE,
  fixture,
  quietEffects,
  readJson,
  tempDir,
} from "./helpers/run-fixture.js";

const dirs: string[] = [];
let cliOut = "";
let cli: { code: number; stderr: string };
let typeErrorRun: RunSummary;
let timeoutRun: RunSummary;
let killedRun: RunSummary;
let stuckRun: RunSummary;
let typeErrorOut = "";

async function runCli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(argv), stderr };
  } finally {
    err.mockRestore();
  }
}

function errorOutput(
  nb: Notebook,
  cellIndex: number,
): Extract<NotebookOutput, { output_type: "error" }> {
  const output = nb.cells[cellIndex]!.outputs!.find((o) => o.output_type === "error");
  if (output?.output_type !== "error") throw new Error(`cell ${cellIndex} has no error output`);
  return output;
}

// Four failing notebooks, two kernels at a time: a throwing cell (through the CLI), a
// TypeScript error (with --allow-errors), an endless loop (3 s timeout), a kernel killed mid-run.
beforeAll(async () => {
  const [a, b, c, d, e] = await Promise.all([
    tempDir(),
    tempDir(),
    tempDir(),
    tempDir(),
    tempDir(),
  ]);
  dirs.push(a, b, c, d, e);
  cliOut = a;
  typeErrorOut = b;
  const common = { provenance: FIXED_PROVENANCE, jobs: 1 };
  const kill = (event: ProgressEvent): void => {
    if (event.type === "cell-start" && event.codeCellNumber === 2) {
      setTimeout(() => {
        if (killedPid !== undefined) process.kill(killedPid, "SIGKILL");
      }, 500);
    }
  };
  let killedPid: number | undefined;
  [cli, typeErrorRun] = await Promise.all([
    runCli(["run", fixture("failing.ipynb"), "--out", a, "--quiet"]),
    runNotebooks([fixture("type-error.ipynb")], quietEffects(), {
      ...common,
      out: b,
      allowErrors: true,
    }),
  ]);
  [timeoutRun, killedRun, stuckRun] = await Promise.all([
    runNotebooks([fixture("infinite.ipynb")], quietEffects(), {
      ...common,
      out: c,
      cellTimeoutMs: 3000,
    }),
    runNotebooks([fixture("slow.ipynb")], quietEffects(), {
      ...common,
      out: d,
      progress: kill,
      onKernelStarted: (_name, pid) => {
        killedPid = pid;
      },
    }),
    runNotebooks([fixture("stuck.ipynb")], quietEffects(), {
      ...common,
      out: e,
      cellTimeoutMs: 2000,
    }),
  ]);
}, 240_000);

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("failing notebooks", () => {
  it("powerflow run <throwing notebook> exits 1 naming the cell and the error", () => {
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(
      /notebook failed: .*failing\.ipynb: cell 3 \(execution 2\): RangeError: boom at cell 3/,
    );
  });

  it("a throwing cell still writes the partial notebook and HTML with the failing cell marked", async () => {
    const nb = await readJson<Notebook>(join(cliOut, "failing.ipynb"));
    expect(nb.cells[1]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["before\n"] },
    ]);
    const error = errorOutput(nb, 2);
    expect(error.ename).toBe("RangeError");
    expect(error.evalue).toBe("boom at cell 3");
    expect(error.traceback.join("\n")).toContain("RangeError: boom at cell 3");
    expect(nb.cells[2]!.metadata.powerflow).toEqual({ status: "error" });
    expect(nb.cells[3]!.execution_count).toBeNull();
    expect(nb.cells[3]!.outputs).toEqual([]);
    const html = await readFile(join(cliOut, "failing.html"), "utf8");
    expect(html).toContain("This notebook did not run to the end.");
    expect(html).toContain('class="pf-cell pf-code pf-failed"');
    expect(html).toContain("pf-not-run");
    const manifest = await readJson<RunManifest>(join(cliOut, "failing.manifest.json"));
    expect(manifest.status).toBe("failed");
    expect(manifest.failures).toEqual([
      {
        kind: "error",
        cellIndex: 2,
        cellId: "code-3",
        executionCount: 2,
        ename: "RangeError",
        evalue: "boom at cell 3",
      },
    ]);
    expect(await readFile(join(cliOut, "index.html"), "utf8")).toContain("failed");
  });

  it("a TypeScript error is reported with line:column and the source line, and --allow-errors continues", async () => {
    const nb = await readJson<Notebook>(join(typeErrorOut, "type-error.ipynb"));
    const error = errorOutput(nb, 2);
    expect(error.ename).toBe("TypeScriptError");
    expect(error.evalue).toBe("1:7 - Type 'string' is not assignable to type 'number'.");
    expect(error.traceback).toEqual([
      "\u001b[31mline 1, column 7\u001b[0m - Type 'string' is not assignable to type 'number'.",
      '1 | const n: number = "not a number";',
      "  |       \u001b[31m^\u001b[0m",
    ]);
    expect(nb.cells[3]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["never\n"] },
    ]);
    expect(typeErrorRun.failed).toHaveLength(1);
    expect(() => assertRunSucceeded(typeErrorRun)).toThrow(NotebookError);
    try {
      assertRunSucceeded(typeErrorRun);
    } catch (e) {
      expect(isNotebookError(e) && e.cellIndex).toBe(2);
      expect(isNotebookError(e) && e.errorName).toBe("TypeScriptError");
    }
  });

  it("an endless loop is interrupted at the cell timeout and reported with cell and limit", () => {
    const manifest = timeoutRun.results[0]!.manifest;
    expect(manifest.failures).toHaveLength(1);
    const failure = manifest.failures[0]!;
    expect(failure.kind).toBe("timeout");
    expect(failure.ename).toBe("CellTimeoutError");
    expect(failure.evalue).toMatch(
      /^cell 2 exceeded the cell timeout of 3\.0 s \(stopped after \d+\.\d s\): (interrupted after 3 s|killed: .*)$/,
    );
  });

  it("a kernel that ignores the interrupt is killed after the grace period", () => {
    const failure = stuckRun.results[0]!.manifest.failures[0]!;
    expect(failure).toMatchObject({ kind: "timeout", cellIndex: 1, ename: "CellTimeoutError" });
    expect(failure.evalue).toMatch(
      /^cell 2 exceeded the cell timeout of 2\.0 s \(stopped after \d+\.\d s\): killed: the kernel did not answer the interrupt within 5 s$/,
    );
  });

  it("a kernel killed mid-run is reported as a dead kernel on the running cell", async () => {
    const manifest = killedRun.results[0]!.manifest;
    expect(manifest.failures).toHaveLength(1);
    expect(manifest.failures[0]).toMatchObject({
      kind: "dead",
      cellIndex: 1,
      ename: "DeadKernelError",
    });
    expect(manifest.failures[0]!.evalue).toMatch(
      /^the kernel died while running cell 2: kernel process killed by SIGKILL/,
    );
    const nb = await readJson<Notebook>(join(dirs[3]!, "slow.ipynb"));
    expect(nb.cells[0]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["started\n"] },
    ]);
  });
});

describe("bad input (no kernel started)", () => {
  it("powerflow run <missing notebook> exits 2 with a clear message", async () => {
    const result = await runCli(["run", "does/not/exist.ipynb", "--out", cliOut]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("notebook not found: does/not/exist.ipynb");
  });

  it("powerflow run <invalid JSON> and <non-notebook JSON> exit 2", async () => {
    const broken = await runCli(["run", fixture("broken.ipynb"), "--out", cliOut]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/invalid notebook JSON: .*broken\.ipynb/);
    const other = await runCli(["run", fixture("not-a-notebook.ipynb"), "--out", cliOut]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/not a notebook: .*not-a-notebook\.ipynb/);
  });

  it("an unknown -p name exits 2 listing the notebook's parameters and types", async () => {
    const result = await runCli([
      "run",
      fixture("params.ipynb"),
      "-p",
      "horizn=3",
      "--out",
      cliOut,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown parameter for");
    expect(result.stderr).toContain(
      '"horizn" from -p (expected one of: horizon: number, label: string, enabled: boolean, start: date, cutoff: Date, zones: array, options: object, mode: "hourly" | "daily", input: string)',
    );
  });

  it("a wrongly typed value from -p or a params file exits 2", async () => {
    const bad = await runCli([
      "run",
      fixture("params.ipynb"),
      "-p",
      "horizon=soon",
      "--out",
      cliOut,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid parameter horizon for");
    expect(bad.stderr).toContain('"soon" from -p (expected a finite number)');
    const file = join(cliOut, "params.yaml");
    await writeFile(file, "enabled: 3\n");
    const fromFile = await runCli([
      "run",
      fixture("params.ipynb"),
      "--params",
      file,
      "--out",
      cliOut,
    ]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toContain(`invalid parameter enabled for`);
    expect(fromFile.stderr).toContain(`3 from ${file} (expected true or false)`);
    expect(existsSync(join(cliOut, "params.html"))).toBe(false);
  });

  it("runNotebooks rejects bad input with InputError before starting a kernel", async () => {
    await expect(runNotebooks([], quietEffects())).rejects.toSatisfy(isInputError);
    await expect(
      runNotebooks([fixture("params.ipynb"), fixture("rich.ipynb")], quietEffects(), {
        parameters: [{ name: "nope", value: "1", fromText: true, origin: "-p" }],
        out: cliOut,
      }),
    ).rejects.toThrow(/unknown parameter: "nope" from -p \(no notebook declares it/);
  });
});
