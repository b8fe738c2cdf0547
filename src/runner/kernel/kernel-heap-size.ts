/**
 * How large a kernel's V8 heap may grow inside a container's memory limit: the runner and up
 * to 2 × jobs kernels (each notebook's kernel starts `jobs` notebooks ahead) share the limit.
 */
import { InputError } from "../../errors.js";

/** Options of `kernelHeapSizeMb`. */
export interface KernelHeapSizeOptions {
  /** Notebooks run at once; 2 × jobs kernels may be alive together. */
  jobs: number;
  /** Memory kept for the runner itself, in MiB; default 512. */
  runnerReserveMb?: number;
  /** Share of a kernel's memory given to its old-space heap (the rest: new space, code, buffers); default 0.75. */
  heapShare?: number;
  /** Smallest heap a kernel can work in, in MiB (tslab loads the TypeScript compiler); default 256. */
  minHeapMb?: number;
}

const MIB = 1024 * 1024;

/**
 * Returns the `--max-old-space-size` (MiB) for each kernel under a memory limit of
 * `memoryLimitBytes`: (limit − runner reserve) / (2 × jobs) × heap share, rounded down.
 * Throws InputError when that is below `minHeapMb` (fewer jobs or more memory are needed).
 */
export function kernelHeapSizeMb(memoryLimitBytes: number, options: KernelHeapSizeOptions): number {
  const { jobs } = options;
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new InputError(`jobs must be a whole number >= 1 (got ${jobs})`);
  if (!Number.isFinite(memoryLimitBytes) || memoryLimitBytes <= 0)
    throw new InputError(
      `memory limit must be a positive number of bytes (got ${memoryLimitBytes})`,
    );
  const reserveMb = options.runnerReserveMb ?? 512;
  const share = options.heapShare ?? 0.75;
  const minHeapMb = options.minHeapMb ?? 256;
  const kernels = 2 * jobs;
  const perKernelMb = (memoryLimitBytes / MIB - reserveMb) / kernels;
  const heapMb = Math.floor(perKernelMb * share);
  if (heapMb < minHeapMb) {
    throw new InputError(
      `memory limit of ${Math.floor(memoryLimitBytes / MIB)} MiB is too small for --jobs ${jobs}: ` +
        `${kernels} kernels would get a ${Math.max(0, heapMb)} MiB heap each (expected at least ` +
        `${minHeapMb} MiB; lower --jobs or raise the container's memory limit)`,
    );
  }
  return heapMb;
}
