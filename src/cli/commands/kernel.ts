/** `powerflow kernel install|list`: registers the tslab kernelspec, lists installed ones. */
import type { Command } from "commander";
import {
  InputError,
  installKernelSpec,
  listKernelSpecs,
  nodeEffects,
  TSLAB_KERNEL_NAME,
} from "../../index.js";

interface InstallFlags {
  name: string;
  displayName?: string;
  user?: boolean;
  prefix?: string;
  jupyterPath?: string;
}

/** Adds `kernel` (with `install` and `list`) to the program. */
export function registerKernelCommand(program: Command): void {
  const kernel = program
    .command("kernel")
    .description("manage the Jupyter kernelspec of the tslab kernel");
  kernel
    .command("install")
    .description("write a kernelspec running bin/tslab-kernel.cjs with this Node (absolute paths)")
    .option("--name <name>", "kernelspec name", TSLAB_KERNEL_NAME)
    .option("--display-name <text>", "name shown in Jupyter")
    .option("--user", "install into the user's Jupyter data dir (default)")
    .option("--prefix <dir>", "install into DIR/share/jupyter/kernels")
    .option("--jupyter-path <dir>", "install into DIR/kernels (a JUPYTER_PATH entry)")
    .action(async (flags: InstallFlags) => {
      const chosen = [flags.user, flags.prefix, flags.jupyterPath].filter(
        (x) => x !== undefined,
      ).length;
      if (chosen > 1)
        throw new InputError(
          "conflicting kernel install targets (expected one of --user, --prefix, --jupyter-path)",
        );
      const dir = await installKernelSpec(nodeEffects(), {
        name: flags.name,
        displayName: flags.displayName,
        prefix: flags.prefix,
        jupyterPath: flags.jupyterPath,
      });
      process.stderr.write(`kernel install ok ${dir}\n`);
    });
  kernel
    .command("list")
    .description("list the kernelspecs Jupyter (and powerflow run --kernel) can find")
    .action(() => {
      for (const [name, dir] of listKernelSpecs()) process.stdout.write(`${name}\t${dir}\n`);
    });
  for (const sub of kernel.commands) sub.exitOverride();
}
