/** The manifest's `kernel.heap`: the heap the runner planned, checked against what the kernel reports. */
import type { KernelHeap } from "../kernel/kernel-heap.js";

const MIB = 1024 * 1024;

/**
 * Returns the heap record of a kernel whose kernel_info_reply is `info` (undefined: it did not
 * start), planned as `planned`. PowerFlow's launcher reports `powerflow.heap`: the
 * `--max-old-space-size` its process runs with (null: none) and V8's `heap_size_limit`. When the
 * kernel reports a size other than the plan, the record shows the reported one (`from: "kernel"`,
 * `plannedMb`) and, when the runner had planned one, `warning` says so; kernels that report
 * nothing keep the plan.
 */
export function kernelHeapRecord(
  planned: KernelHeap | null,
  info: Record<string, unknown> | undefined,
): { heap: KernelHeap | null; warning?: string } {
  const reported = reportedHeap(info);
  if (reported === undefined) return { heap: planned };
  const heapSizeLimitMb = Math.round(reported.heapSizeLimitBytes / MIB);
  const plannedMb = planned?.maxOldSpaceSizeMb ?? null;
  if (reported.maxOldSpaceSizeMb === plannedMb) {
    return {
      heap: planned
        ? { ...planned, heapSizeLimitMb }
        : { maxOldSpaceSizeMb: null, from: "default", heapSizeLimitMb },
    };
  }
  const heap: KernelHeap = {
    maxOldSpaceSizeMb: reported.maxOldSpaceSizeMb,
    from: "kernel",
    heapSizeLimitMb,
    plannedMb,
  };
  // A kernel the runner did not recognise as Node (a wrapper script) got no plan to miss.
  if (planned === null) return { heap };
  const shown = (mb: number | null) => (mb === null ? "none" : `${mb} MiB`);
  return {
    heap,
    warning: `kernel heap not as planned: the kernel runs with --max-old-space-size ${shown(reported.maxOldSpaceSizeMb)} (expected ${shown(plannedMb)}, ${planned.from}; a wrapper in its kernelspec may set its own)`,
  };
}

function reportedHeap(
  info: Record<string, unknown> | undefined,
): { maxOldSpaceSizeMb: number | null; heapSizeLimitBytes: number } | undefined {
  const powerflow = info?.powerflow;
  if (typeof powerflow !== "object" || powerflow === null) return undefined;
  const heap = (powerflow as { heap?: unknown }).heap;
  if (typeof heap !== "object" || heap === null) return undefined;
  const { maxOldSpaceSizeMb, heapSizeLimitBytes } = heap as Record<string, unknown>;
  if (typeof heapSizeLimitBytes !== "number" || !Number.isFinite(heapSizeLimitBytes))
    return undefined;
  // Written for tslab's compiler too (TypeScript 5.0, not strict): narrow through a typed const.
  const sizeMb: number | null | undefined =
    maxOldSpaceSizeMb === null
      ? null
      : typeof maxOldSpaceSizeMb === "number"
        ? maxOldSpaceSizeMb
        : undefined;
  if (sizeMb === undefined) return undefined;
  return { maxOldSpaceSizeMb: sizeMb, heapSizeLimitBytes };
}
