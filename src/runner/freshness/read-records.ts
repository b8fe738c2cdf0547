/**
 * What a manifest records about a notebook run's inputs: `reads` (what its execution read, traced
 * inside the kernel by bin/kernel-read-trace.cjs) and `cache` (the run's cache key and what the
 * key was computed from). Paths inside the project root are relative to it, "/"-separated.
 */

/** A file the execution read, hashed after the last cell. */
export interface RecordedFile {
  path: string;
  /** hex SHA-256 of the content; null: the file was absent (a read that failed). */
  sha256: string | null;
  bytes: number;
  /** "fs": an fs read or stream; "module": loaded by require/import; "kernel": the kernel's own code. */
  via: "fs" | "module" | "kernel";
}

/** A folder listing (readdir) or a glob the execution ran: a hash of the sorted names. */
export interface RecordedListing {
  kind: "readdir" | "glob";
  /** The folder listed, or the folder a glob ran in. */
  path: string;
  /** The glob's patterns (kind "glob" only). */
  patterns?: string[];
  /** hex SHA-256 of the sorted names joined by "\n"; null: the folder was absent. */
  sha256: string | null;
  entries: number;
}

/** What an existence check (exists, stat, access) found. */
export type ProbeType = "file" | "dir" | "other" | "absent";

/** An existence check the execution made, on a path it did not read. */
export interface RecordedProbe {
  path: string;
  type: ProbeType;
}

/** An environment variable the execution read. */
export interface RecordedEnv {
  name: string;
  /** hex SHA-256 of the value the kernel was started with; null: unset. */
  sha256: string | null;
}

/** An HTTP request the execution made. */
export interface RecordedRequest {
  /** With credentials removed (see `redactSecrets`). */
  url: string;
  method: string;
  /** Response status; null: no response. */
  status: number | null;
  /** hex SHA-256 of the response body; null: not read to its end. */
  sha256: string | null;
}

/** Everything the execution read, each list sorted. */
export interface RecordedReads {
  files: RecordedFile[];
  listings: RecordedListing[];
  probes: RecordedProbe[];
  env: RecordedEnv[];
  network: RecordedRequest[];
}

/** What a cache key is computed from besides the reads: the run as the runner set it up. */
export interface CacheBasis {
  /** hex SHA-256 of the notebook as the kernel ran it: every cell, parameters injected. */
  notebookSha256: string;
  /** The kernelspec's command line, and its environment with each value hashed ("sha256:<hex>"). */
  kernel: { argv: string[]; env: Record<string, string> };
  powerflow: string | null;
  lockfileSha256: string | null;
  /** Node and tslab versions of the kernel. */
  node: string | null;
  tslab: string | null;
  /** Where the kernel took src/ from ("prebuilt": dist/src, "live": compiled in the kernel). */
  sources: "prebuilt" | "live" | null;
  /** Run options that shape the outputs. */
  options: {
    noInput: boolean;
    allowErrors: boolean;
    maxCellOutputBytes: number;
    cacheHttp: boolean;
  };
}

/** The cache record of one run, as its manifest holds it. */
export interface CacheRecord {
  /** hex SHA-256 over `basis` and the reads' hashes; null: the run may not be reused (`reasons`). */
  key: string | null;
  /** Why the run may not be reused (empty when `key` is set). */
  reasons: string[];
  basis: CacheBasis;
}
