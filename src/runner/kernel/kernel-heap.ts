/**
 * The heap limit of the kernels of one run: the user's own `--max-old-space-size` when they set
 * one, else a size fitted to the container's memory limit and the job count, else none (V8's
 * default, sized from the machine). Only Node kernels are given one.
 */
import { basename } from "node:path";
import { containerMemoryLimit } from "./container-memory-limit.js";
import { kernelHeapSizeMb } from "./kernel-heap-size.js";
import type { KernelSpec } from "./kernelspec.js";

/** A kernel heap limit and where it came from, as the manifest records it. */
export interface KernelHeap {
  maxOldSpaceSizeMb: number;
  /** "user": set in NODE_OPTIONS or the kernelspec; "memory-limit": fitted by the runner. */
  from: "user" | "memory-limit";
  /** The memory limit it was fitted to, in bytes (from "memory-limit" only). */
  memoryLimitBytes?: number;
}

/** Options of `planKernelHeap`. */
export interface PlanKernelHeapOptions {
  jobs: number;
  /** The container's memory limit in bytes (default: read from cgroup v2, else v1). */
  memoryLimitBytes?: number;
}

const FLAG = /--max[-_]old[-_]space[-_]size[= ](\d+)/;

/** Returns the kernels' environment (NODE_OPTIONS extended when the runner sizes the heap) and the heap. */
export async function planKernelHeap(
  spec: KernelSpec,
  env: NodeJS.ProcessEnv,
  options: PlanKernelHeapOptions,
): Promise<{ env: NodeJS.ProcessEnv; heap: KernelHeap | null }> {
  if (!isNodeKernel(spec)) return { env, heap: null };
  const userSet = [env.NODE_OPTIONS, spec.env.NODE_OPTIONS, ...spec.argv]
    .map((text) => FLAG.exec(text ?? ""))
    .find((match) => match !== null);
  if (userSet) return { env, heap: { maxOldSpaceSizeMb: Number(userSet[1]), from: "user" } };
  const limit = options.memoryLimitBytes ?? (await containerMemoryLimit());
  if (limit === undefined) return { env, heap: null };
  const mb = kernelHeapSizeMb(limit, { jobs: options.jobs });
  const nodeOptions = [env.NODE_OPTIONS, `--max-old-space-size=${mb}`].filter(Boolean).join(" ");
  return {
    env: { ...env, NODE_OPTIONS: nodeOptions },
    heap: { maxOldSpaceSizeMb: mb, from: "memory-limit", memoryLimitBytes: limit },
  };
}

function isNodeKernel(spec: KernelSpec): boolean {
  const program = spec.argv[0] ?? "";
  return program === process.execPath || /^node(js)?(\d+)?(\.exe)?$/.test(basename(program));
}
