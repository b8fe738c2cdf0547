/**
 * The cache key of a notebook run: the notebook as the kernel ran it (parameters injected), the
 * kernelspec's argv and env, PowerFlow's version and the lockfile's hash (which stand for
 * node_modules), Node's and tslab's versions, where src/ came from, the options that shape the
 * outputs, and the hashes of everything the execution read (files, listings, probes, environment
 * variables, HTTP responses). Mtimes are never part of it.
 */
import type { KernelSpec } from "../kernel/kernelspec.js";
import type { RunProvenance } from "../manifest/run-manifest.js";
import type { PreparedNotebook } from "../prepare-notebook.js";
import { sha256Hex } from "../../util/sha256-hex.js";
import type { CacheBasis, CacheRecord, RecordedReads } from "./read-records.js";

/** What the basis of every notebook of one batch is made from. */
export interface BasisContext {
  kernelSpec: KernelSpec;
  provenance: Pick<RunProvenance, "lockfileSha256" | "versions">;
  sources: "prebuilt" | "live" | null;
  options: CacheBasis["options"];
}

/** Returns the cache basis of running `prepared` in `context`. */
export function cacheBasis(prepared: PreparedNotebook, context: BasisContext): CacheBasis {
  const { kernelSpec: spec, provenance } = context;
  return {
    notebookSha256: sha256Hex(JSON.stringify(prepared.notebook)),
    // The kernelspec's env may hold a credential: its values are only hashed.
    kernel: { argv: [...spec.argv], env: hashedValues(spec.env) },
    powerflow: provenance.versions.powerflow ?? null,
    lockfileSha256: provenance.lockfileSha256,
    // Known without starting the kernel only when it runs on this very Node.
    node: spec.argv[0] === process.execPath ? process.version : null,
    tslab: provenance.versions.tslab ?? null,
    sources: context.sources,
    options: { ...context.options },
  };
}

/** Returns the hex SHA-256 key of `basis` and `reads` (the hashes and names only). */
export function cacheKey(basis: CacheBasis, reads: RecordedReads): string {
  return sha256Hex(
    JSON.stringify({
      basis,
      files: reads.files.map((f) => [f.path, f.sha256]),
      listings: reads.listings.map((l) => [l.kind, l.path, l.patterns ?? [], l.sha256]),
      probes: reads.probes.map((p) => [p.path, p.type]),
      env: reads.env.map((e) => [e.name, e.sha256]),
      network: reads.network.map((r) => [r.method, r.url, r.sha256]),
    }),
  );
}

/**
 * Returns the cache record of a finished run: keyed when it succeeded and every read could be
 * keyed, else with the reasons it may not be reused. `kernel` is what the kernel reported of
 * itself (its Node and tslab versions must be the basis's).
 */
export function cacheRecord(
  basis: CacheBasis,
  reads: RecordedReads | null,
  reasons: readonly string[],
  kernel: { node: string | null; tslab: string | null; ok: boolean },
): CacheRecord {
  const why = [...reasons];
  if (!kernel.ok) why.unshift("the run failed");
  if (reads === null && kernel.ok)
    why.push("the kernel reported no read trace (only PowerFlow's tslab launcher traces reads)");
  if (basis.node === null)
    why.push(`the kernel's Node version is not known before it starts (${basis.kernel.argv[0]})`);
  else if (kernel.node !== null && kernel.node !== basis.node)
    why.push(`the kernel ran Node ${kernel.node}, not ${basis.node}`);
  if (kernel.tslab !== null && basis.tslab !== null && kernel.tslab !== basis.tslab)
    why.push(`the kernel ran tslab ${kernel.tslab}, not ${basis.tslab}`);
  const key = why.length === 0 && reads !== null ? cacheKey(basis, reads) : null;
  return { key, reasons: why, basis };
}

function hashedValues(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, `sha256:${sha256Hex(value)}`]),
  );
}
