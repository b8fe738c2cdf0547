// A runner killed without running its exit hook (SIGKILL, SIGHUP) takes its kernels with it:
// no kernel process and no connection folder outlives it, for tslab and for any other kernelspec.
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, ROOT, cleanedTempDirs, waitUntil } from "./helpers/run-fixture.js";

const tempDir = cleanedTempDirs();

// pid and args of every process in process group `pgid`.
function groupMembers(pgid: number): string[] {
  return execFileSync("ps", ["-eo", "pid=,pgid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => Number(fields[1]) === pgid)
    .map((fields) => `${fields[0]} ${fields.slice(2).join(" ")}`);
}

// The pid of the runner's kernel leash (the leader of the kernel's process group).
function leashOf(runner: number): number | undefined {
  try {
    const line = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(runner)], {
      encoding: "utf8",
    })
      .split("\n")
      .find((l) => l.includes("kernel-leash.cjs"));
    return line === undefined ? undefined : Number(line.trim().split(/\s+/)[0]);
  } catch {
    return undefined;
  }
}

async function killRunnerMidCell(
  notebook: string,
  signal: NodeJS.Signals,
  env: NodeJS.ProcessEnv = {},
  flags: string[] = [],
): Promise<void> {
  const work = await tempDir("powerflow-death-");
  const tmp = join(work, "tmp");
  await mkdir(tmp);
  const runner = spawn(
    process.execPath,
    [join(ROOT, "bin", "powerflow.js"), "run", notebook, "--out", join(work, "out"), ...flags],
    { cwd: ROOT, env: { ...process.env, CI: "true", TMPDIR: tmp, ...env } },
  );
  let stderr = "";
  runner.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // plain progress: "cell 1/3 ok": the slow cell runs next
  expect(await waitUntil(() => /cell 1\/3 ok/.test(stderr), 60_000), stderr).toBe(true);
  const leash = leashOf(runner.pid!);
  expect(leash, "the runner's kernel leash").toBeDefined();
  const members = groupMembers(leash!);
  // the leash and the kernel (ipykernel may add a child of its own)
  expect(members.length, members.join("\n")).toBeGreaterThanOrEqual(2);
  expect((await readdir(tmp)).filter((n) => n.startsWith("powerflow-kernel-"))).toHaveLength(1);
  const exited = new Promise((resolve) => runner.once("exit", resolve));
  runner.kill(signal);
  await exited;
  expect(
    await waitUntil(() => groupMembers(leash!).length === 0, 5000),
    groupMembers(leash!).join("\n"),
  ).toBe(true);
  for (const member of members) {
    const pid = Number(member.split(" ")[0]);
    expect(existsSync(`/proc/${pid}`), `process ${member} is still running`).toBe(false);
  }
  expect((await readdir(tmp)).filter((n) => n.startsWith("powerflow-kernel-"))).toEqual([]);
}

describe("a runner killed by a signal it cannot clean up after", () => {
  it("SIGKILL: the tslab kernel exits and its connection folder is removed", async () => {
    await killRunnerMidCell(fixture("slow.ipynb"), "SIGKILL");
  }, 90_000);

  it("SIGHUP: the tslab kernel exits and its connection folder is removed", async () => {
    await killRunnerMidCell(fixture("slow.ipynb"), "SIGHUP");
  }, 90_000);

  const ipykernel = existsSync("/usr/lib/python3/dist-packages/ipykernel");
  it.skipIf(!ipykernel)(
    "SIGKILL: an ipykernel (any kernelspec argv) exits too",
    async () => {
      const work = await tempDir("powerflow-death-py-");
      const specDir = join(work, "jupyter", "kernels", "pf-python-death");
      await mkdir(specDir, { recursive: true });
      await writeFile(
        join(specDir, "kernel.json"),
        JSON.stringify({
          argv: ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
          display_name: "Python 3",
          language: "python",
        }),
      );
      const cell = (id: string, source: string) => ({
        cell_type: "code",
        id,
        metadata: {},
        execution_count: null,
        outputs: [],
        source,
      });
      const notebook = join(work, "slow-python.ipynb");
      await writeFile(
        notebook,
        JSON.stringify({
          nbformat: 4,
          nbformat_minor: 5,
          metadata: { kernelspec: { name: "pf-python-death", display_name: "Python 3" } },
          cells: [
            cell("a", 'print("started")'),
            cell("b", "import time\ntime.sleep(120)"),
            cell("c", 'print("never")'),
          ],
        }),
      );
      await killRunnerMidCell(notebook, "SIGKILL", { JUPYTER_PATH: join(work, "jupyter") }, [
        "--kernel",
        "pf-python-death",
      ]);
    },
    90_000,
  );
});
