// The manifest's kernel.heap is what the kernel reports, checked against what the runner planned.
import { describe, expect, it } from "vitest";
import { kernelHeapRecord } from "../../../src/runner/manifest/kernel-heap-record.js";

const MIB = 1024 * 1024;
const fitted = {
  maxOldSpaceSizeMb: 300,
  from: "memory-limit" as const,
  memoryLimitBytes: 1312 * MIB,
};
const info = (heap: unknown) => ({ implementation: "tslab", powerflow: { heap } });

describe("kernelHeapRecord", () => {
  it("adds V8's heap limit to the plan when the kernel confirms it", () => {
    expect(
      kernelHeapRecord(fitted, info({ maxOldSpaceSizeMb: 300, heapSizeLimitBytes: 492 * MIB })),
    ).toEqual({ heap: { ...fitted, heapSizeLimitMb: 492 } });
  });

  it("records the kernel's own size, and warns, when it differs from the plan", () => {
    expect(
      kernelHeapRecord(fitted, info({ maxOldSpaceSizeMb: 4096, heapSizeLimitBytes: 4288 * MIB })),
    ).toEqual({
      heap: { maxOldSpaceSizeMb: 4096, from: "kernel", heapSizeLimitMb: 4288, plannedMb: 300 },
      warning:
        "kernel heap not as planned: the kernel runs with --max-old-space-size 4096 MiB (expected 300 MiB, memory-limit; a wrapper in its kernelspec may set its own)",
    });
    expect(
      kernelHeapRecord(fitted, info({ maxOldSpaceSizeMb: null, heapSizeLimitBytes: 4288 * MIB }))
        .warning,
    ).toMatch(/runs with --max-old-space-size none \(expected 300 MiB, memory-limit;/);
  });

  it("records V8's default when nothing set a size, and a size the runner did not plan quietly", () => {
    expect(
      kernelHeapRecord(null, info({ maxOldSpaceSizeMb: null, heapSizeLimitBytes: 4288 * MIB })),
    ).toEqual({ heap: { maxOldSpaceSizeMb: null, from: "default", heapSizeLimitMb: 4288 } });
    expect(
      kernelHeapRecord(null, info({ maxOldSpaceSizeMb: 900, heapSizeLimitBytes: 1092 * MIB })),
    ).toEqual({
      heap: { maxOldSpaceSizeMb: 900, from: "kernel", heapSizeLimitMb: 1092, plannedMb: null },
    });
  });

  it("keeps the plan for kernels that report nothing usable (ipykernel, a plain tslab)", () => {
    expect(kernelHeapRecord(fitted, { implementation: "ipython" })).toEqual({ heap: fitted });
    expect(kernelHeapRecord(null, undefined)).toEqual({ heap: null });
    expect(kernelHeapRecord(fitted, info({ maxOldSpaceSizeMb: "300" }))).toEqual({ heap: fitted });
  });
});
