/**
 * Kernelspecs: the built-in PowerFlow tslab launcher, and any kernelspec installed in Jupyter's
 * data paths (JUPYTER_PATH, the user data dir, /usr/local/share/jupyter, /usr/share/jupyter).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { InputError } from "../../errors.js";
import { packageRoot } from "../../util/package-root.js";

/** A resolved kernelspec, ready to launch. */
export interface KernelSpec {
  name: string;
  displayName: string;
  language: string;
  /** Command line; `{connection_file}` and `{resource_dir}` are substituted at launch. */
  argv: string[];
  env: Record<string, string>;
  interruptMode: "signal" | "message";
  /** The folder holding kernel.json, or undefined for the built-in spec. */
  resourceDir: string | undefined;
  /**
   * The PowerFlow checkout whose launcher the spec runs: the folder above argv's
   * `bin/tslab-kernel.cjs`, else kernel.json's `metadata.powerflow.root`; undefined for kernels
   * that are not PowerFlow's (ipykernel, a plain tslab).
   */
  root: string | undefined;
}

/** The kernelspec name of PowerFlow's tslab launcher, built in or installed. */
export const TSLAB_KERNEL_NAME = "tslab";

/**
 * Returns the built-in tslab spec: this Node running `bin/tslab-kernel.cjs` of this checkout,
 * with `zeromq-send-queue.cjs` preloaded so fast-printing cells lose no output.
 */
export function builtinTslabSpec(root: string = packageRoot()): KernelSpec {
  return {
    name: TSLAB_KERNEL_NAME,
    displayName: "TypeScript (PowerFlow)",
    language: "typescript",
    argv: [
      process.execPath,
      "--require",
      join(root, "bin", "zeromq-send-queue.cjs"),
      join(root, "bin", "tslab-kernel.cjs"),
      "--config-path",
      "{connection_file}",
    ],
    env: {},
    interruptMode: "signal",
    resourceDir: undefined,
    root,
  };
}

/** Returns Jupyter's data folders in lookup order (the folders that hold `kernels/`). */
export function jupyterDataPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.JUPYTER_PATH ?? "").split(":").filter((p) => p !== "");
  const user = env.JUPYTER_DATA_DIR ?? join(env.HOME ?? homedir(), ".local", "share", "jupyter");
  return [...fromEnv, user, "/usr/local/share/jupyter", "/usr/share/jupyter"];
}

/** Returns every kernelspec name found in Jupyter's paths, with the folder it comes from. */
export function listKernelSpecs(env: NodeJS.ProcessEnv = process.env): Map<string, string> {
  const found = new Map<string, string>();
  for (const base of jupyterDataPaths(env)) {
    const dir = join(base, "kernels");
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const resourceDir = join(dir, name);
      if (!found.has(name) && existsSync(join(resourceDir, "kernel.json"))) {
        found.set(name, resourceDir);
      }
    }
  }
  return found;
}

/**
 * Returns the kernelspec called `name`: the first match in Jupyter's paths; for "tslab" with no
 * installed spec, the built-in launcher of `root` (default packageRoot()). Unknown names raise
 * InputError listing the known ones.
 */
export function findKernelSpec(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  root: string = packageRoot(),
): KernelSpec {
  const specs = listKernelSpecs(env);
  const resourceDir = specs.get(name);
  if (resourceDir !== undefined) return readKernelSpec(name, resourceDir);
  if (name === TSLAB_KERNEL_NAME) return builtinTslabSpec(root);
  const known = [...new Set([TSLAB_KERNEL_NAME, ...specs.keys()])].join(", ");
  throw new InputError(`unknown kernel: "${name}" (expected one of: ${known})`);
}

/** Returns the kernelspec stored in `resourceDir/kernel.json`. */
export function readKernelSpec(name: string, resourceDir: string): KernelSpec {
  const file = join(resourceDir, "kernel.json");
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`invalid kernelspec: ${file} (expected JSON)`, { cause: error });
  }
  const argv = raw.argv;
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === "string")) {
    throw new InputError(`invalid kernelspec argv: ${file} (expected a non-empty string array)`);
  }
  const env = isStringRecord(raw.env) ? raw.env : {};
  return {
    name,
    displayName: typeof raw.display_name === "string" ? raw.display_name : name,
    language: typeof raw.language === "string" ? raw.language : "",
    argv,
    env,
    interruptMode: raw.interrupt_mode === "message" ? "message" : "signal",
    resourceDir,
    root: launcherRoot(argv) ?? recordedRoot(raw.metadata),
  };
}

// What runs decides: the checkout of the launcher in argv, else the root `installKernelSpec` recorded.
function launcherRoot(argv: readonly string[]): string | undefined {
  const launcher = argv.find(
    (arg) => basename(arg) === "tslab-kernel.cjs" && basename(dirname(arg)) === "bin",
  );
  return launcher === undefined ? undefined : dirname(dirname(launcher));
}

function recordedRoot(metadata: unknown): string | undefined {
  const powerflow = (metadata as { powerflow?: { root?: unknown } } | undefined)?.powerflow;
  return typeof powerflow?.root === "string" ? powerflow.root : undefined;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.values(value).every((v) => typeof v === "string")
  );
}
