/**
 * The kernel `powerflow run` starts: this checkout's tslab launcher unless `--kernel` names a
 * kernelspec, and never a kernelspec that runs another PowerFlow checkout (its code, working
 * directory and data would be the other checkout's, and its displays would reach no writer).
 */
import { realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../../errors.js";
import { builtinTslabSpec, findKernelSpec, type KernelSpec } from "./kernelspec.js";

/**
 * Returns `builtinTslabSpec(root)` when `name` is undefined, else the kernelspec `name` from
 * Jupyter's paths (see `findKernelSpec`). Throws InputError naming the kernel, its kernel.json
 * and both roots when that kernelspec belongs to a PowerFlow checkout other than `root`.
 */
export function chooseKernelSpec(
  name: string | undefined,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): KernelSpec {
  if (name === undefined) return builtinTslabSpec(root);
  const spec = findKernelSpec(name, env, root);
  // A relative launcher path resolves against the kernel's working directory: this root.
  const specRoot = spec.root === undefined ? undefined : resolve(root, spec.root);
  if (specRoot === undefined || sameFolder(specRoot, root)) return spec;
  const file =
    spec.resourceDir === undefined ? "(built in)" : join(spec.resourceDir, "kernel.json");
  throw new InputError(
    `kernel "${name}" belongs to another PowerFlow checkout: ${file} runs ${specRoot}, not this checkout ${root} (expected a kernelspec of this checkout: omit --kernel to use its launcher, or run \`powerflow kernel install\` here)`,
  );
}

function sameFolder(a: string, b: string): boolean {
  return canonical(a) === canonical(b);
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
