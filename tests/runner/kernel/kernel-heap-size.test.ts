// Kernel heaps fitted to the container's memory limit, and the limit read from cgroup v2 / v1.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { containerMemoryLimit } from "../../../src/runner/kernel/container-memory-limit.js";
import { planKernelHeap } from "../../../src/runner/kernel/kernel-heap.js";
import { kernelHeapSizeMb } from "../../../src/runner/kernel/kernel-heap-size.js";
import { builtinTslabSpec } from "../../../src/runner/kernel/kernelspec.js";
import type { KernelSpec } from "../../../src/runner/kernel/kernelspec.js";
import { ROOT, cleanedTempDirs } from "../helpers/run-fixture.js";

const GIB = 1024 ** 3;
const tempDir = cleanedTempDirs();

describe("kernelHeapSizeMb", () => {
  it("shares the limit, less the runner's reserve, among 2 × jobs kernels at 75 %", () => {
    // (4096 − 512) / 4 × 0.75 = 672
    expect(kernelHeapSizeMb(4 * GIB, { jobs: 2 })).toBe(672);
    // (4096 − 512) / 2 × 0.75 = 1344
    expect(kernelHeapSizeMb(4 * GIB, { jobs: 1 })).toBe(1344);
    // (16384 − 512) / 8 × 0.75 = 1488
    expect(kernelHeapSizeMb(16 * GIB, { jobs: 4 })).toBe(1488);
    expect(kernelHeapSizeMb(4 * GIB, { jobs: 2, runnerReserveMb: 1024, heapShare: 0.5 })).toBe(384);
  });

  it("refuses a limit too small for the job count, naming both and what to change", () => {
    const error = (() => {
      try {
        return kernelHeapSizeMb(2 * GIB, { jobs: 4 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "memory limit of 2048 MiB is too small for --jobs 4: 8 kernels would get a 144 MiB heap each (expected at least 256 MiB; lower --jobs or raise the container's memory limit)",
    );
    expect(() => kernelHeapSizeMb(4 * GIB, { jobs: 0 })).toThrow(/jobs must be a whole number/);
    expect(() => kernelHeapSizeMb(Number.NaN, { jobs: 1 })).toThrow(/memory limit must be/);
  });
});

describe("containerMemoryLimit", () => {
  const cgroup = async (files: Record<string, string>): Promise<string> => {
    const root = await tempDir("powerflow-cgroup-");
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, path, ".."), { recursive: true });
      await writeFile(join(root, path), text);
    }
    return root;
  };

  it("reads cgroup v2 memory.max, and 'max' as no limit", async () => {
    expect(await containerMemoryLimit(await cgroup({ "memory.max": "4294967296\n" }))).toBe(
      4 * GIB,
    );
    expect(await containerMemoryLimit(await cgroup({ "memory.max": "max\n" }))).toBeUndefined();
  });

  it("falls back to cgroup v1 memory.limit_in_bytes; its near-2^63 value is no limit", async () => {
    const v1 = "memory/memory.limit_in_bytes";
    expect(await containerMemoryLimit(await cgroup({ [v1]: "2147483648\n" }))).toBe(2 * GIB);
    expect(
      await containerMemoryLimit(await cgroup({ [v1]: "9223372036854771712\n" })),
    ).toBeUndefined();
    expect(await containerMemoryLimit(await cgroup({}))).toBeUndefined();
  });

  it("refuses a cgroup file it cannot read as bytes", async () => {
    await expect(containerMemoryLimit(await cgroup({ "memory.max": "4G\n" }))).rejects.toThrow(
      /memory\.max holds "4G" \(expected a number of bytes or "max"\)/,
    );
  });
});

describe("planKernelHeap", () => {
  const tslab = builtinTslabSpec(ROOT);

  it("adds --max-old-space-size to NODE_OPTIONS for a Node kernel under a limit", async () => {
    const plan = await planKernelHeap(
      tslab,
      { NODE_OPTIONS: "--enable-source-maps" },
      { jobs: 2, memoryLimitBytes: 4 * GIB },
    );
    expect(plan.env.NODE_OPTIONS).toBe("--enable-source-maps --max-old-space-size=672");
    expect(plan.heap).toEqual({
      maxOldSpaceSizeMb: 672,
      from: "memory-limit",
      memoryLimitBytes: 4 * GIB,
    });
    expect(plan.spec).toEqual(tslab);
    expect(plan.warning).toBeUndefined();
  });

  it("keeps the user's own --max-old-space-size from NODE_OPTIONS, over a memory limit", async () => {
    const env = { NODE_OPTIONS: "--max-old-space-size=3072" };
    const plan = await planKernelHeap(tslab, env, { jobs: 2, memoryLimitBytes: 4 * GIB });
    expect(plan.env).toBe(env);
    expect(plan.heap).toEqual({ maxOldSpaceSizeMb: 3072, from: "user" });
  });

  it("keeps the fitted size in a kernelspec whose env sets NODE_OPTIONS without one", async () => {
    // the kernelspec's NODE_OPTIONS replaces the runner's, and would take the fitted size with it
    const spec: KernelSpec = { ...tslab, env: { NODE_OPTIONS: "--enable-source-maps" } };
    const plan = await planKernelHeap(spec, {}, { jobs: 2, memoryLimitBytes: 4 * GIB });
    expect(plan.spec.env).toEqual({
      NODE_OPTIONS: "--enable-source-maps --max-old-space-size=672",
    });
    expect(plan.heap).toMatchObject({ maxOldSpaceSizeMb: 672, from: "memory-limit" });
    expect(plan.warning).toBeUndefined();
    expect(spec.env.NODE_OPTIONS).toBe("--enable-source-maps"); // not changed in place
  });

  it("replaces a kernelspec's own size under a memory limit, with a warning", async () => {
    const spec: KernelSpec = {
      ...tslab,
      argv: [tslab.argv[0]!, "--max_old_space_size=900", ...tslab.argv.slice(1)],
      env: { NODE_OPTIONS: "--max-old-space-size=8192 --enable-source-maps", OTHER: "x" },
    };
    const plan = await planKernelHeap(spec, {}, { jobs: 2, memoryLimitBytes: 4 * GIB });
    expect(plan.spec.argv).toEqual([
      tslab.argv[0],
      "--max-old-space-size=672",
      ...tslab.argv.slice(1),
    ]);
    expect(plan.spec.env).toEqual({
      NODE_OPTIONS: "--enable-source-maps --max-old-space-size=672",
      OTHER: "x",
    });
    expect(plan.heap).toEqual({
      maxOldSpaceSizeMb: 672,
      from: "memory-limit",
      memoryLimitBytes: 4 * GIB,
      replaced: ["env NODE_OPTIONS: --max-old-space-size=8192", "argv: --max_old_space_size=900"],
    });
    expect(plan.warning).toBe(
      `kernelspec "tslab" sets its own heap size (env NODE_OPTIONS: --max-old-space-size=8192; argv: --max_old_space_size=900): replaced by --max-old-space-size=672 (fitted to the memory limit; see docs/security.md)`,
    );
  });

  it("gives the user's size to a kernelspec that sets another", async () => {
    const spec: KernelSpec = { ...tslab, env: { NODE_OPTIONS: "--max-old-space-size=8192" } };
    const env = { NODE_OPTIONS: "--max-old-space-size=3072" };
    const plan = await planKernelHeap(spec, env, { jobs: 1, memoryLimitBytes: null });
    expect(plan.spec.env.NODE_OPTIONS).toBe("--max-old-space-size=3072");
    expect(plan.heap).toEqual({
      maxOldSpaceSizeMb: 3072,
      from: "user",
      replaced: ["env NODE_OPTIONS: --max-old-space-size=8192"],
    });
    expect(plan.warning).toMatch(/replaced by --max-old-space-size=3072 \(set in NODE_OPTIONS;/);
  });

  it("records a kernelspec's own size when there is no memory limit (its command line wins)", async () => {
    const spec: KernelSpec = {
      ...tslab,
      argv: [tslab.argv[0]!, "--max_old_space_size=900", ...tslab.argv.slice(1)],
      env: { NODE_OPTIONS: "--max-old-space-size=8192" },
    };
    const plan = await planKernelHeap(spec, {}, { jobs: 2, memoryLimitBytes: null });
    expect(plan.spec).toBe(spec);
    expect(plan.heap).toEqual({ maxOldSpaceSizeMb: 900, from: "kernelspec" });
    // a flag after the script is the script's, not Node's
    const scriptArg: KernelSpec = { ...tslab, argv: [...tslab.argv, "--max-old-space-size=5"] };
    expect((await planKernelHeap(scriptArg, {}, { jobs: 1, memoryLimitBytes: null })).heap).toBe(
      null,
    );
  });

  it("leaves non-Node kernels alone", async () => {
    const python: KernelSpec = { ...tslab, argv: ["/usr/bin/python3", "-m", "ipykernel_launcher"] };
    const plan = await planKernelHeap(python, {}, { jobs: 1, memoryLimitBytes: 4 * GIB });
    expect(plan).toEqual({ env: {}, spec: python, heap: null });
  });
});
