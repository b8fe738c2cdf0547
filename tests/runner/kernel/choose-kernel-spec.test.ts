// Which kernel `powerflow run` starts, with kernelspecs of this and of another checkout installed
// in a temp JUPYTER_PATH (no kernel is started here; the runs are in this-checkout-kernel.test.ts).
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { chooseKernelSpec } from "../../../src/runner/kernel/choose-kernel-spec.js";
import { installKernelSpec } from "../../../src/runner/kernel/install-kernelspec.js";
import { builtinTslabSpec } from "../../../src/runner/kernel/kernelspec.js";
import { ROOT, quietEffects, tempDir } from "../helpers/run-fixture.js";

let base = "";
let other = "";
let env: NodeJS.ProcessEnv = {};

async function writeSpec(name: string, spec: Record<string, unknown>): Promise<void> {
  const dir = join(base, "jupyter", "kernels", name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "kernel.json"), JSON.stringify({ display_name: name, ...spec }));
}

beforeAll(async () => {
  base = await tempDir("powerflow-choose-kernel-");
  other = join(base, "other-checkout");
  const jupyterPath = join(base, "jupyter");
  env = { JUPYTER_PATH: jupyterPath, HOME: join(base, "home") };
  // What `npm run kernel:install` in another checkout leaves behind, and one of this checkout.
  await installKernelSpec(quietEffects(), { jupyterPath, name: "tslab", root: other });
  await installKernelSpec(quietEffects(), { jupyterPath, name: "pf-here", root: ROOT });
  await writeSpec("pf-recorded", {
    argv: ["/usr/bin/env", "node", "wrapper.js", "{connection_file}"],
    metadata: { powerflow: { root: other } },
  });
  await writeSpec("pf-relative", {
    argv: ["node", "bin/tslab-kernel.cjs", "--config-path", "{connection_file}"],
  });
  await writeSpec("pf-python", {
    argv: ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
  });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("chooseKernelSpec", () => {
  it("chooseKernelSpec(undefined) is this checkout's launcher even when Jupyter's paths hold a tslab kernelspec", () => {
    expect(chooseKernelSpec(undefined, ROOT, env)).toEqual(builtinTslabSpec(ROOT));
    expect(chooseKernelSpec(undefined, ROOT, env).root).toBe(ROOT);
  });

  it("chooseKernelSpec('tslab') refuses another checkout's kernelspec, naming the kernel, its kernel.json and both roots", () => {
    const file = join(base, "jupyter", "kernels", "tslab", "kernel.json");
    expect(() => chooseKernelSpec("tslab", ROOT, env)).toThrow(InputError);
    expect(() => chooseKernelSpec("tslab", ROOT, env)).toThrow(
      `kernel "tslab" belongs to another PowerFlow checkout: ${file} runs ${other}, not this checkout ${ROOT}`,
    );
  });

  it("a root recorded only in kernel.json metadata counts too", () => {
    expect(() => chooseKernelSpec("pf-recorded", ROOT, env)).toThrow(
      /kernel "pf-recorded" belongs to another PowerFlow checkout: .*pf-recorded\/kernel\.json runs .*other-checkout/,
    );
  });

  it("accepts this checkout's kernelspecs (absolute or relative launcher) and kernels that are not PowerFlow's", () => {
    expect(chooseKernelSpec("pf-here", ROOT, env)).toMatchObject({
      name: "pf-here",
      root: ROOT,
      argv: builtinTslabSpec(ROOT).argv,
    });
    expect(chooseKernelSpec("pf-relative", ROOT, env).root).toBe(".");
    expect(chooseKernelSpec("pf-python", ROOT, env).root).toBeUndefined();
  });

  it("falls back to this checkout's launcher for --kernel tslab when no tslab kernelspec is installed", () => {
    const empty = { JUPYTER_PATH: join(base, "none"), HOME: join(base, "home") };
    expect(chooseKernelSpec("tslab", ROOT, empty)).toEqual(builtinTslabSpec(ROOT));
  });
});
