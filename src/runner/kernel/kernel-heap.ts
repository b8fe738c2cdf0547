/**
 * The heap limit of the kernels of one run, in this order: a `--max-old-space-size` in the
 * NODE_OPTIONS `powerflow run` was started with (the user's choice for this run); else, under a
 * memory limit, a size fitted to it and the job count; else the kernelspec's own flag; else none
 * (V8's default, sized from the machine). The chosen size replaces any other the kernelspec sets,
 * in its `env.NODE_OPTIONS` or its command line, with a warning. Only Node kernels get one.
 */
import { basename } from "node:path";
import { containerMemoryLimit } from "./container-memory-limit.js";
import { kernelHeapSizeMb } from "./kernel-heap-size.js";
import type { KernelSpec } from "./kernelspec.js";

/** A kernel heap limit and where it came from, as the manifest records it. */
export interface KernelHeap {
  /** The kernel's `--max-old-space-size` in MiB; null: none (V8's default). */
  maxOldSpaceSizeMb: number | null;
  /**
   * "user": NODE_OPTIONS of `powerflow run`; "memory-limit": fitted by the runner; "kernelspec":
   * the kernelspec's own flag (no memory limit); "default": none, as the kernel reported;
   * "kernel": a size the runner did not set, as the kernel reported it (see `plannedMb`).
   */
  from: "user" | "memory-limit" | "kernelspec" | "default" | "kernel";
  /** The memory limit it was fitted to, in bytes (from "memory-limit" only). */
  memoryLimitBytes?: number;
  /** The kernelspec's own sizes the runner replaced, e.g. "env NODE_OPTIONS: --max-old-space-size=8192". */
  replaced?: string[];
  /** V8's heap limit (old space plus young generation) in MiB, as the kernel reported it. */
  heapSizeLimitMb?: number;
  /** The size the runner set, when the kernel reported another one ("kernel"). */
  plannedMb?: number | null;
}

/** Options of `planKernelHeap`. */
export interface PlanKernelHeapOptions {
  jobs: number;
  /** The container's memory limit in bytes; null: none (default: read from cgroup v2, else v1). */
  memoryLimitBytes?: number | null;
}

/** What `planKernelHeap` decided: the kernels' environment and spec, the heap, a warning. */
export interface KernelHeapPlan {
  env: NodeJS.ProcessEnv;
  /** `spec` with its own `--max-old-space-size` replaced by the chosen one (else `spec` itself). */
  spec: KernelSpec;
  heap: KernelHeap | null;
  /** Set when a kernelspec size was replaced: say it once per run. */
  warning?: string;
}

const FLAG = /--max[-_]old[-_]space[-_]size=(\d+)/g;

/** Returns the environment, spec and heap limit of the run's kernels of `spec`. */
export async function planKernelHeap(
  spec: KernelSpec,
  env: NodeJS.ProcessEnv,
  options: PlanKernelHeapOptions,
): Promise<KernelHeapPlan> {
  if (!isNodeKernel(spec)) return { env, spec, heap: null };
  const userMb = lastFlag(env.NODE_OPTIONS ?? "");
  if (userMb !== null) return withHeap(spec, env, { maxOldSpaceSizeMb: userMb, from: "user" });
  const limit =
    options.memoryLimitBytes === undefined
      ? await containerMemoryLimit()
      : (options.memoryLimitBytes ?? undefined);
  if (limit !== undefined) {
    const mb = kernelHeapSizeMb(limit, { jobs: options.jobs });
    const fitted = { ...env, NODE_OPTIONS: withFlag(env.NODE_OPTIONS, mb) };
    const heap: KernelHeap = {
      maxOldSpaceSizeMb: mb,
      from: "memory-limit",
      memoryLimitBytes: limit,
    };
    return withHeap(spec, fitted, heap);
  }
  // Node applies NODE_OPTIONS first, then its command line: a flag in argv wins.
  const specMb = lastFlag(nodeArgs(spec).join(" ")) ?? lastFlag(spec.env.NODE_OPTIONS ?? "");
  if (specMb === null) return { env, spec, heap: null };
  return { env, spec, heap: { maxOldSpaceSizeMb: specMb, from: "kernelspec" } };
}

// The chosen size replaces the kernelspec's: its env.NODE_OPTIONS (which would replace the
// runner's NODE_OPTIONS, and the flag with it) and its command line (which beats NODE_OPTIONS).
function withHeap(spec: KernelSpec, env: NodeJS.ProcessEnv, heap: KernelHeap): KernelHeapPlan {
  const mb = heap.maxOldSpaceSizeMb!;
  const replaced: string[] = [];
  const launched: KernelSpec = { ...spec, env: { ...spec.env } };
  const own = spec.env.NODE_OPTIONS;
  if (own !== undefined) {
    const theirs = lastFlag(own);
    if (theirs !== null && theirs !== mb)
      replaced.push(`env NODE_OPTIONS: --max-old-space-size=${theirs}`);
    launched.env.NODE_OPTIONS = withFlag(own.replace(FLAG, "").replace(/\s+/g, " ").trim(), mb);
  }
  const count = nodeArgs(spec).length;
  launched.argv = spec.argv.map((arg, i) => {
    if (i === 0 || i > count) return arg;
    const theirs = lastFlag(arg);
    if (theirs === null) return arg;
    if (theirs !== mb) replaced.push(`argv: ${arg}`);
    return arg.replace(FLAG, `--max-old-space-size=${mb}`);
  });
  if (replaced.length === 0) return { env, spec: launched, heap };
  const why = heap.from === "user" ? "set in NODE_OPTIONS" : "fitted to the memory limit";
  return {
    env,
    spec: launched,
    heap: { ...heap, replaced },
    warning: `kernelspec "${spec.name}" sets its own heap size (${replaced.join("; ")}): replaced by --max-old-space-size=${mb} (${why}; see docs/security.md)`,
  };
}

/** Returns the last `--max-old-space-size` value in `text` (MiB), or null. */
export function lastFlag(text: string): number | null {
  let value: number | null = null;
  for (const match of text.matchAll(FLAG)) value = Number(match[1]);
  return value;
}

function withFlag(nodeOptions: string | undefined, mb: number): string {
  return [nodeOptions, `--max-old-space-size=${mb}`].filter(Boolean).join(" ");
}

// The options Node itself reads: argv after the program, up to the script (the first argument
// not starting with "-" that is not the value of --require/-r/--import/--loader).
function nodeArgs(spec: KernelSpec): string[] {
  const out: string[] = [];
  for (let i = 1; i < spec.argv.length; i++) {
    const arg = spec.argv[i]!;
    if (!arg.startsWith("-")) break;
    out.push(arg);
    if (/^(--require|-r|--import|--loader|--experimental-loader)$/.test(arg)) {
      const value = spec.argv[++i];
      if (value !== undefined) out.push(value);
    }
  }
  return out;
}

function isNodeKernel(spec: KernelSpec): boolean {
  const program = spec.argv[0] ?? "";
  return program === process.execPath || /^node(js)?(\d+)?(\.exe)?$/.test(basename(program));
}
