/** Writes a Jupyter kernelspec that starts PowerFlow's tslab launcher with this Node. */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Effects } from "../../effects.js";
import { packageRoot } from "../../util/package-root.js";
import { builtinTslabSpec, jupyterDataPaths, TSLAB_KERNEL_NAME } from "./kernelspec.js";

/** Options of `installKernelSpec`: where to install (one of user, prefix, jupyterPath). */
export interface InstallKernelSpecOptions {
  /** Kernelspec name (default "tslab"). */
  name?: string;
  /** Display name in Jupyter's launcher (default "TypeScript (PowerFlow)"). */
  displayName?: string;
  /** Install into PREFIX/share/jupyter/kernels (like `jupyter kernelspec install --prefix`). */
  prefix?: string;
  /** Install into DIR/kernels, for a folder used as JUPYTER_PATH. */
  jupyterPath?: string;
  /** Project root whose bin/tslab-kernel.cjs the spec runs (default packageRoot()). */
  root?: string;
}

/** Writes the kernelspec and returns its folder. Default location: the user's Jupyter data dir. */
export async function installKernelSpec(
  effects: Effects,
  options: InstallKernelSpecOptions = {},
): Promise<string> {
  const name = options.name ?? TSLAB_KERNEL_NAME;
  const base =
    options.jupyterPath ??
    (options.prefix
      ? join(options.prefix, "share", "jupyter")
      : jupyterDataPaths({ ...process.env, JUPYTER_PATH: "" })[0]!);
  const dir = join(base, "kernels", name);
  const root = options.root ?? packageRoot();
  const builtin = builtinTslabSpec(root);
  const spec = {
    argv: builtin.argv,
    display_name: options.displayName ?? builtin.displayName,
    language: "typescript",
    interrupt_mode: "signal",
    env: {},
    // Read back by readKernelSpec: `powerflow run --kernel` refuses another checkout's kernel.
    metadata: { powerflow: { root } },
  };
  await mkdir(dir, { recursive: true });
  await effects.writeFileAtomic(join(dir, "kernel.json"), `${JSON.stringify(spec, null, 2)}\n`);
  return dir;
}
