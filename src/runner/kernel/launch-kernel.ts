/** Starts a kernel process from a kernelspec and a connection file; keeps its last output. */
import { spawn, type ChildProcess } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import type { Socket } from "node:net";
import { join } from "node:path";
import { packageRoot } from "../../util/package-root.js";
import type { ConnectionInfo } from "./connection-file.js";
import { createConnectionFolder } from "./connection-folder.js";
import type { KernelSpec } from "./kernelspec.js";

/** A running kernel process. */
export interface KernelProcess {
  /** The kernel's leash (bin/kernel-leash.cjs), leader of the kernel's process group. */
  child: ChildProcess;
  /** The kernel process itself, once the leash has started it. */
  kernelPid(): number | undefined;
  connectionFile: string;
  /** The last few KB the process wrote to its own stdout/stderr (for death reports). */
  tail(): string;
  /** Removes the connection file's temp folder. */
  cleanup(): Promise<void>;
}

const TAIL_BYTES = 8192;

/**
 * Spawns `spec` in its own process group with `info` written to a private connection file. The
 * kernel runs under bin/kernel-leash.cjs (the group's leader, so `child` is the leash), which
 * kills the group and removes the connection folder once this process is gone, however it died.
 */
export async function launchKernel(
  spec: KernelSpec,
  info: ConnectionInfo,
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<KernelProcess> {
  const dir = await createConnectionFolder();
  const connectionFile = join(dir, "kernel.json");
  await writeFile(connectionFile, JSON.stringify(info), { mode: 0o600 });
  const argv = spec.argv.map((arg) =>
    arg
      .replaceAll("{connection_file}", connectionFile)
      .replaceAll("{resource_dir}", spec.resourceDir ?? ""),
  );
  const baseEnv = options.env ?? process.env;
  const env: NodeJS.ProcessEnv = { ...baseEnv, ...expandEnv(spec.env, baseEnv) };
  env.JPY_PARENT_PID = String(process.pid);
  const leash = join(packageRoot(), "bin", "kernel-leash.cjs");
  const child = spawn(process.execPath, [leash, dir, "--", ...argv], {
    cwd: options.cwd,
    env,
    // fd 3: the leash's pipe; this process holds the other end until it exits.
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    detached: true,
  });
  const leashEnd = child.stdio[3] as Socket | null;
  leashEnd?.unref();
  leashEnd?.on("error", () => undefined); // the leash exits with its kernel: nothing to report
  let kernelPid: number | undefined;
  let said = "";
  leashEnd?.on("data", (chunk: Buffer) => {
    said += chunk.toString("latin1");
    const line = /^(\d+)\n/.exec(said);
    if (line) kernelPid = Number(line[1]);
  });
  track(child);
  let tail = "";
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString("utf8")).slice(-TAIL_BYTES);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return {
    child,
    kernelPid: () => kernelPid,
    connectionFile,
    tail: () => tail,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

const live = new Set<ChildProcess>();

// Kernels run in their own process groups, so they would outlive a crashed or interrupted
// runner: the first launch registers one exit hook that kills whatever is still running.
function track(child: ChildProcess): void {
  if (live.size === 0 && !hooked) {
    hooked = true;
    process.once("exit", () => {
      for (const c of live) signalKernel(c, "SIGKILL");
    });
  }
  live.add(child);
  child.once("exit", () => {
    live.delete(child);
    // The leash gone (killed on its own, say), whatever is left of its group goes too.
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // nothing left
    }
  });
}
let hooked = false;

/** Sends `signal` to the kernel's process group (it was started detached), else to the process. */
export function signalKernel(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Returns a kernelspec's `env` with each ${NAME} replaced by `base`'s value (jupyter_client does
 * so): what the kernel gets on top of `base`.
 */
export function expandEnv(
  env: Record<string, string>,
  base: NodeJS.ProcessEnv,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    out[key] = value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (_m, name: string) => base[name] ?? "",
    );
  }
  return out;
}
