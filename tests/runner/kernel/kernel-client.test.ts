// The kernel client against the real tslab kernel: missed heartbeats, clean shutdown.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startKernelClient } from "../../../src/runner/kernel/kernel-client.js";
import { builtinTslabSpec } from "../../../src/runner/kernel/kernelspec.js";
import { ROOT, waitUntil } from "../helpers/run-fixture.js";

const spec = builtinTslabSpec(ROOT);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("kernel client", () => {
  it("leaves no timer, socket or process behind after shutdown", async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const kernel = await startKernelClient(spec, { cwd: ROOT });
    const outcome = await kernel.execute("40 + 2");
    expect(outcome.status).toBe("ok");
    const pid = kernel.pid!;
    await kernel.shutdown();
    expect(await waitUntil(() => !isAlive(pid), 2000)).toBe(true);
    // An unanswered request's timeout or the heartbeat's pause would keep `powerflow run` alive
    // for seconds after its work is done.
    const after = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    expect(after).toBeLessThanOrEqual(before);
  }, 60_000);

  it("reports an idle kernel that stops answering heartbeats as dead, and kills it", async () => {
    const kernel = await startKernelClient(spec, { cwd: ROOT, heartbeatTimeoutMs: 1500 });
    const pid = kernel.pid!;
    // Frozen, not exited: only the heartbeat can tell. (tslab answers heartbeats on its one JS
    // thread, so silence is held against it only between cells, never during a busy cell.)
    process.kill(pid, "SIGSTOP");
    try {
      expect(await waitUntil(() => !isAlive(pid), 10_000)).toBe(true);
      const outcome = await kernel.execute("1 + 1", { timeoutMs: 20_000 });
      expect(outcome.status).toBe("dead");
      expect(outcome.reason).toMatch(/stopped answering heartbeats for \d+\.\d s/);
      expect(await waitUntil(() => !isAlive(pid), 5000)).toBe(true);
    } finally {
      if (isAlive(pid)) process.kill(pid, "SIGKILL");
      await kernel.shutdown();
    }
  }, 60_000);

  it("kills the kernel when its leash dies on its own, and reports the kernel dead", async () => {
    const kernel = await startKernelClient(spec, { cwd: ROOT });
    const pid = kernel.pid!;
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; the leash is the kernel's parent
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [ppid, pgrp] = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .slice(1, 3)
      .map(Number);
    expect(pgrp).toBe(ppid);
    expect(ppid).not.toBe(process.pid);
    try {
      process.kill(ppid!, "SIGKILL");
      expect(await waitUntil(() => !isAlive(pid), 5000)).toBe(true);
      const outcome = await kernel.execute("1 + 1", { timeoutMs: 20_000 });
      expect(outcome.status).toBe("dead");
      expect(outcome.reason).toMatch(/^kernel process killed by SIGKILL/);
    } finally {
      await kernel.shutdown();
    }
  }, 60_000);

  it("serves ./src imports from dist/ only with POWERFLOW_KERNEL_PREBUILT=1, types included", async () => {
    const code =
      'import { seededRandom } from "./src/util/seeded-random";\n' +
      'console.log(seededRandom(1).next(), Object.keys(require.cache).filter((k) => k.includes("seeded-random")).map((k) => k.slice(process.cwd().length)))';
    const outputs: string[] = [];
    for (const prebuilt of ["1", "0"]) {
      const kernel = await startKernelClient(spec, {
        cwd: ROOT,
        env: { ...process.env, POWERFLOW_KERNEL_PREBUILT: prebuilt },
      });
      try {
        const run = await kernel.execute(code);
        expect(run.status).toBe("ok");
        outputs.push(
          run.messages
            .map((m) => (typeof m.content.text === "string" ? m.content.text : ""))
            .join(""),
        );
        // The declarations of the build still type-check the cell.
        const typed = await kernel.execute("const wrong: string = seededRandom(1).next();");
        expect(typed.status).toBe("error");
        expect(JSON.stringify(typed.messages)).toMatch(
          /Type 'number' is not assignable to type 'string'/,
        );
      } finally {
        await kernel.shutdown();
      }
    }
    const { seededRandom } = await import("../../../src/util/seeded-random.js");
    const value = seededRandom(1).next();
    expect(outputs).toEqual([`${value} [ '/dist/src/util/seeded-random.js' ]\n`, `${value} []\n`]);
  }, 120_000);
});
