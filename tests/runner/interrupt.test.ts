// Ctrl-C / SIGTERM during a run: the running cell is interrupted, partial outputs are written,
// no further notebook starts and no kernel is left behind.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import type { Notebook } from "../../src/runner/notebook/notebook-types.js";
import { runNotebooks } from "../../src/runner/run-notebooks.js";
import {
  FIXED_PROVENANCE,
  fixture,
  quietEffects,
  readJson,
  ROOT,
  tempDir,
  waitUntil,
} from "./helpers/run-fixture.js";

const dirs: string[] = [];
afterAll(async () => {
  const { rm } = await import("node:fs/promises");
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

// Kernel processes this process started that are still running.
function liveKernels(parent: number): string[] {
  try {
    return execFileSync("ps", ["-o", "args=", "--ppid", String(parent)], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.includes("tslab-kernel.cjs"));
  } catch {
    return []; // ps exits 1 when there is no child at all
  }
}

describe("an interrupted run", () => {
  it("runNotebooks(signal): interrupts the running cell, writes partial outputs, skips the rest", async () => {
    const out = await tempDir();
    dirs.push(out);
    const controller = new AbortController();
    const summary = await runNotebooks(
      [fixture("slow.ipynb"), fixture("minimal.ipynb"), fixture("params.ipynb")],
      quietEffects(),
      {
        out,
        jobs: 1,
        provenance: FIXED_PROVENANCE,
        signal: controller.signal,
        // Abort once the 120 s await of slow.ipynb (its second code cell) is running.
        progress: (event) => {
          if (event.type === "cell-start" && event.codeCellNumber === 2)
            setTimeout(() => controller.abort(), 300);
        },
      },
    );
    expect(summary.results.map((r) => r.name)).toEqual(["slow"]);
    expect(summary.skipped.map((p) => p.split("/").pop())).toEqual([
      "minimal.ipynb",
      "params.ipynb",
    ]);
    const manifest = await readJson<RunManifest>(join(out, "slow.manifest.json"));
    expect(manifest.status).toBe("failed");
    expect(manifest.failures).toMatchObject([
      { kind: "interrupted", cellIndex: 1, ename: "RunInterrupted" },
    ]);
    expect(manifest.failures[0]!.evalue).toMatch(/^the run was interrupted during cell 2 \(after/);
    const nb = await readJson<Notebook>(join(out, "slow.ipynb"));
    expect(nb.cells[0]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["started\n"] },
    ]);
    expect(nb.cells[1]!.outputs).toMatchObject([{ output_type: "error", ename: "RunInterrupted" }]);
    expect(nb.cells[2]!.outputs).toEqual([]);
    expect(existsSync(join(out, "slow.html"))).toBe(true);
    expect(existsSync(join(out, "minimal.html"))).toBe(false);
    // The index lists what ran; the kernel started ahead for minimal.ipynb was shut down too.
    expect(existsSync(join(out, "index.html"))).toBe(true);
    expect(await waitUntil(() => liveKernels(process.pid).length === 0, 5000)).toBe(true);
  }, 60_000);

  it("powerflow run, Ctrl-C: exit 130 and partial reports written", async () => {
    const out = await tempDir();
    dirs.push(out);
    const child = spawn(
      process.execPath,
      [join(ROOT, "bin", "powerflow.js"), "run", fixture("slow.ipynb"), "--out", out],
      { cwd: ROOT, env: { ...process.env, CI: "true" } },
    );
    let stderr = "";
    let sent = false;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      // plain progress: "run slow: cell 1/3 ok": the 120 s cell is next
      if (/run slow: cell 1\/3 ok/.test(stderr) && !sent) {
        sent = true;
        setTimeout(() => child.kill("SIGINT"), 500);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/SIGINT: interrupting the running cells and writing partial reports/);
    expect(stderr).toMatch(/run interrupted by SIGINT: partial reports written for .*slow\.ipynb/);
    const manifest = await readJson<RunManifest>(join(out, "slow.manifest.json"));
    expect(manifest.failures).toMatchObject([{ kind: "interrupted", cellIndex: 1 }]);
    expect(existsSync(join(out, "slow.html"))).toBe(true);
  }, 60_000);
});
