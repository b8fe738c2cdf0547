/**
 * A throwaway classic Jupyter Notebook server (Debian's notebook 6.4) for browser tests: its
 * own JUPYTER_CONFIG_DIR / JUPYTER_DATA_DIR / JUPYTER_RUNTIME_DIR / JUPYTER_PATH in a temp
 * folder, holding this checkout's tslab kernelspec (installed by `powerflow kernel install`),
 * a token, a free port on 127.0.0.1 and `notebookDir` as its root.
 *
 *   const server = await startNotebookServer({ notebookDir });
 *   const page = await openPage(server.notebookUrl("02-explore.ipynb"));
 *   await server.stop(); // SIGTERM: the server shuts its kernels down, then exits
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { checkPrebuiltSources } from "../../src/runner/prebuilt-sources.js";
import { freePort } from "./postgres.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..", "..");

/** The `jupyter` command the tests use. */
export const JUPYTER_BIN = process.env.JUPYTER_BIN ?? "/usr/bin/jupyter";

/** Why Notebook-server tests are skipped here, or undefined when they can run. */
export function notebookServerSkipReason(): string | undefined {
  if (!existsSync(JUPYTER_BIN))
    return `Jupyter not found at ${JUPYTER_BIN} (apt-get install jupyter-notebook)`;
  if (!existsSync("/usr/bin/jupyter-notebook"))
    return "classic Notebook not installed (/usr/bin/jupyter-notebook; apt-get install jupyter-notebook)";
  return undefined;
}

/** A running Notebook server. */
export interface NotebookServer {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  token: string;
  notebookDir: string;
  /** The environment the server runs with (the private Jupyter folders); for `jupyter trust` etc. */
  env: NodeJS.ProcessEnv;
  /** The page URL of a notebook inside `notebookDir`, token included. */
  notebookUrl(name: string): string;
  /** GET a REST path (`/api/kernels`) with the token; returns the parsed JSON. */
  api<T>(path: string): Promise<T>;
  /** Runs `jupyter <args>` with the server's environment; returns stdout. */
  jupyter(args: string[]): Promise<string>;
  /** Stops the server and its kernels; throws if a kernel process outlived it. */
  stop(): Promise<void>;
}

/** Options of `startNotebookServer`. */
export interface StartNotebookServerOptions {
  /** The notebook root (`--NotebookApp.notebook_dir`). */
  notebookDir: string;
  /** How long to wait for the server to answer (default 60 s). */
  startupTimeoutMs?: number;
}

/** Starts the server and resolves once `/api/status` answers. */
export async function startNotebookServer(
  options: StartNotebookServerOptions,
): Promise<NotebookServer> {
  const skip = notebookServerSkipReason();
  if (skip) throw new Error(skip);
  const home = await mkdtemp(join(tmpdir(), "powerflow-jupyter-"));
  const env = await privateJupyterEnv(home);
  await run(process.execPath, [join(ROOT, "bin", "powerflow.js"), "kernel", "install"], {
    env,
    cwd: ROOT,
  });
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    JUPYTER_BIN,
    [
      "notebook",
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${token}`,
      `--NotebookApp.notebook_dir=${options.notebookDir}`,
      "--NotebookApp.open_browser=False",
      // CI containers run as root; Notebook refuses that unless told.
      ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ],
    { env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-20_000);
  });
  const exited = new Promise<void>((r) => {
    if (child.exitCode !== null || child.signalCode !== null) r();
    else child.once("exit", () => r());
  });
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `token ${token}` },
    });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const stop = async (): Promise<void> => {
    const kernels = kernelPids(env.JUPYTER_RUNTIME_DIR!);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 20_000).unref()),
    ]);
    if (!stopped) {
      child.kill("SIGKILL");
      await exited;
    }
    const survivors = await waitForExit(kernels, 10_000);
    for (const pid of survivors) process.kill(pid, "SIGKILL");
    await rm(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    if (!stopped) throw new Error(`Notebook server ignored SIGTERM for 20 s\n${log}`);
    if (survivors.length > 0)
      throw new Error(`kernel processes ${survivors.join(", ")} outlived the Notebook server`);
  };
  const end = Date.now() + (options.startupTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await rm(home, { recursive: true, force: true });
      throw new Error(`jupyter notebook exited before answering (code ${child.exitCode})\n${log}`);
    }
    const ready = await api("/api/status").then(
      () => true,
      () => false,
    );
    if (ready) break;
    if (Date.now() > end) {
      await stop().catch(() => undefined);
      throw new Error(`jupyter notebook did not answer on ${baseUrl} within the timeout\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    token,
    notebookDir: options.notebookDir,
    env,
    notebookUrl: (name) =>
      `${baseUrl}/notebooks/${encodeURIComponent(name)}?token=${encodeURIComponent(token)}`,
    api,
    jupyter: async (args) =>
      (await run(JUPYTER_BIN, args, { env, maxBuffer: 64 * 1024 * 1024 })).stdout,
    stop,
  };
}

// Jupyter's folders under `home`, nothing from the user's own setup. Kernels inherit this
// environment: with an up-to-date build they import dist/ as `powerflow run` does (the same
// outputs, without 6-8 CPU-seconds of compiling src/ per kernel).
async function privateJupyterEnv(home: string): Promise<NodeJS.ProcessEnv> {
  const dirs = {
    JUPYTER_CONFIG_DIR: join(home, "config"),
    JUPYTER_DATA_DIR: join(home, "data"),
    JUPYTER_RUNTIME_DIR: join(home, "runtime"),
    JUPYTER_PATH: join(home, "path"),
    IPYTHONDIR: join(home, "ipython"),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  return {
    ...process.env,
    ...dirs,
    JUPYTER_PLATFORM_DIRS: "0",
    ...(checkPrebuiltSources(ROOT).usable ? { POWERFLOW_KERNEL_PREBUILT: "1" } : {}),
  };
}

// The pids of the kernel processes started from connection files in `runtimeDir`.
function kernelPids(runtimeDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes(runtimeDir) && cmdline.includes("kernel-")) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function waitForExit(pids: number[], ms: number): Promise<number[]> {
  const alive = (pid: number) => existsSync(`/proc/${pid}`) && !isZombie(pid);
  const end = Date.now() + ms;
  while (pids.some(alive) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(alive);
}

function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
