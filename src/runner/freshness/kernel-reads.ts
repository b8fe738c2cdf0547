/**
 * The read trace as PowerFlow's kernel reports it in kernel_info_reply (`powerflow.reads`, see
 * bin/kernel-read-trace.cjs): absolute paths, each file with what it looked like when first read.
 */

/** A file's type, size and mtime when the kernel first read it; null: absent then. */
export type FirstSeen = { type: "file" | "dir" | "other"; size: number; mtimeMs: number } | null;

/** The kernel's trace of one execution. */
export interface KernelReads {
  files: { path: string; via: "fs" | "module" | "kernel"; first: FirstSeen }[];
  listings: {
    kind: "readdir" | "glob";
    path: string;
    patterns?: string[];
    sha256: string | null;
    entries: number;
  }[];
  probes: { path: string; type: "file" | "dir" | "other" | "absent" }[];
  env: { name: string; sha256: string | null }[];
  network: {
    url: string;
    method: string;
    credentials: boolean;
    body: boolean;
    status: number | null;
    sha256: string | null;
  }[];
  /** Why the execution cannot be keyed (a child process, a database connection, …). */
  reasons: string[];
}

/**
 * Returns the read trace in a kernel_info_reply `info`, or undefined when the kernel sent none
 * (not PowerFlow's tslab launcher, or no cell ran) or sent something malformed.
 */
export function parseKernelReads(
  info: Record<string, unknown> | undefined,
): KernelReads | undefined {
  const powerflow = info?.powerflow as
    { reads?: Partial<KernelReads> & { version?: unknown } } | undefined;
  const reads = powerflow?.reads;
  if (typeof reads !== "object" || reads === null || reads.version !== 1) return undefined;
  const lists = ["files", "listings", "probes", "env", "network", "reasons"] as const;
  if (!lists.every((key) => Array.isArray(reads[key]))) return undefined;
  return reads as KernelReads;
}
