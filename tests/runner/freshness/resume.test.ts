// Issue 13's done-when test (f): a batch whose runner is killed outright (SIGKILL: no exit hook
// runs) is resumed with --resume, which runs only the notebooks it did not finish.
import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBatchState } from "../../../src/runner/freshness/batch-state.js";
import { localStore } from "../../../src/storage/local-store.js";
import {
  cleanedTempDirs,
  codeNotebook,
  quietEffects,
  ROOT,
  waitUntil,
} from "../helpers/run-fixture.js";

const tempDir = cleanedTempDirs();

interface Cli {
  code: Promise<number | null>;
  stderr: () => string;
  kill: (signal: NodeJS.Signals) => void;
}

function powerflow(args: string[]): Cli {
  const child = spawn(process.execPath, [join(ROOT, "bin", "powerflow.js"), ...args], {
    cwd: ROOT,
    // CI: one plain progress line per step
    env: { ...process.env, CI: "true" },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    code: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
    stderr: () => stderr,
    kill: (signal) => child.kill(signal),
  };
}

describe("powerflow run --resume", () => {
  it("(f) after a SIGKILL part-way, runs only the unfinished notebooks and the index lists them all", async () => {
    const work = await tempDir("powerflow-resume-");
    const out = join(work, "out");
    const flag = join(work, "slow.flag");
    await writeFile(flag, "");
    const notebooks = ["first", "second", "third"].map((n) => join(work, `${n}.ipynb`));
    await writeFile(notebooks[0]!, codeNotebook({ one: 'console.log("first");' }));
    // slow only while the flag exists: the batch is killed in this cell
    await writeFile(
      notebooks[1]!,
      codeNotebook({
        wait: `if (require("node:fs").existsSync(${JSON.stringify(flag)})) await new Promise((r) => setTimeout(r, 120_000));\nconsole.log("second");`,
      }),
    );
    await writeFile(notebooks[2]!, codeNotebook({ three: 'console.log("third");' }));
    const args = ["run", ...notebooks, "--out", out, "--jobs", "1"];

    const killed = powerflow(args);
    expect(
      await waitUntil(() => /run second: start/.test(killed.stderr()), 90_000),
      killed.stderr(),
    ).toBe(true);
    // the second notebook's slow cell is running
    expect(await waitUntil(() => /run first ok/.test(killed.stderr()), 1_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500));
    killed.kill("SIGKILL");
    await killed.code;
    const sink = localStore(out, quietEffects());
    const state = await readBatchState(sink);
    expect(state?.notebooks.map((n) => [n.name, n.state])).toEqual([
      ["first", "ok"],
      ["second", "pending"],
      ["third", "pending"],
    ]);
    expect(state?.finishedAt).toBeNull();
    const firstReport = await readFile(join(out, "first.html"));

    await rm(flag);
    const resumed = powerflow([...args, "--resume"]);
    expect(await resumed.code, resumed.stderr()).toBe(0);
    const log = resumed.stderr();
    expect(log).toMatch(/run first kept \(finished before the interruption, at \S+\) → /);
    expect(log).not.toMatch(/run first: start/);
    expect(log).toMatch(/run second: start/);
    expect(log).toMatch(/run third: start/);
    expect(await readFile(join(out, "first.html"))).toEqual(firstReport);
    const after = await readBatchState(sink);
    expect(after?.notebooks.map((n) => n.state)).toEqual(["ok", "ok", "ok"]);
    expect(after?.finishedAt).not.toBeNull();
    const index = await readFile(join(out, "index.html"), "utf8");
    for (const name of ["first", "second", "third"]) expect(index).toContain(`href="${name}.html"`);

    // A finished batch leaves nothing to resume.
    const again = powerflow([...args, "--resume"]);
    expect(await again.code).toBe(0);
    expect(again.stderr().match(/ kept \(/g)).toHaveLength(3);
  }, 240_000);
});
