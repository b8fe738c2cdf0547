/** The manifest's `reads` and `cache` blocks of a finished notebook run. */
import type { KernelClient } from "../kernel/kernel-client.js";
import type { KernelSpec } from "../kernel/kernelspec.js";
import { redactEchoesDeep, type RedactedParameters } from "../params/redact-parameters.js";
import type { PreparedNotebook } from "../prepare-notebook.js";
import { RUN_DEFAULTS } from "../run-defaults.js";
import { cacheBasis, cacheRecord, type BasisContext } from "./cache-key.js";
import type { InputHasher } from "./input-hasher.js";
import { parseKernelReads } from "./kernel-reads.js";
import { recordReads } from "./record-reads.js";
import type { CacheRecord, RecordedReads } from "./read-records.js";

/** The run options the cache basis is made from (see `CacheBasis`). */
export interface BasisOptions {
  kernelSpec: KernelSpec;
  sources?: "prebuilt" | "live";
  noInput?: boolean;
  allowErrors?: boolean;
  maxCellOutputBytes?: number;
  cacheHttp?: boolean;
}

/** Returns the basis context of a batch run with `options` (defaults as `runNotebook`'s). */
export function basisContext(
  options: BasisOptions,
  provenance: BasisContext["provenance"],
): BasisContext {
  return {
    kernelSpec: options.kernelSpec,
    provenance,
    sources: options.sources ?? null,
    options: {
      noInput: options.noInput ?? false,
      allowErrors: options.allowErrors ?? false,
      maxCellOutputBytes: options.maxCellOutputBytes ?? RUN_DEFAULTS.maxCellOutputBytes,
      cacheHttp: options.cacheHttp ?? false,
    },
  };
}

/**
 * Returns the kernel's read trace (its kernel_info_reply after the last cell), or undefined when
 * the kernel sends none. Call it before the kernel shuts down.
 */
export async function requestKernelReads(
  kernel: KernelClient,
): Promise<Record<string, unknown> | undefined> {
  return kernel.requestInfo ? await kernel.requestInfo() : undefined;
}

/** What one run gives `recordFreshness`. */
export interface FinishedRun {
  /** The kernel_info_reply taken after the last cell (undefined: none, or no kernel). */
  info: Record<string, unknown> | undefined;
  /** False for a notebook without code: nothing ran, nothing was read. */
  ran: boolean;
  ok: boolean;
}

/** Returns the `reads` and `cache` blocks of `prepared`'s finished run. */
export async function recordFreshness(
  prepared: PreparedNotebook,
  run: FinishedRun,
  context: BasisContext & { root: string; hasher: InputHasher },
): Promise<{ reads: RecordedReads | null; cache: CacheRecord }> {
  const basis = cacheBasis(prepared, context);
  const trace = parseKernelReads(run.info);
  const recorded = trace
    ? await recordReads(trace, {
        root: context.root,
        cacheHttp: basis.options.cacheHttp,
        hasher: context.hasher,
      })
    : run.ran
      ? undefined
      : { reads: EMPTY_READS, reasons: [] };
  const reported = (run.info?.powerflow ?? {}) as { node?: unknown; tslab?: unknown };
  const cache = cacheRecord(basis, recorded?.reads ?? null, recorded?.reasons ?? [], {
    node: typeof reported.node === "string" ? reported.node : null,
    tslab: typeof reported.tslab === "string" ? reported.tslab : null,
    ok: run.ok,
  });
  return { reads: recorded?.reads ?? null, cache };
}

/**
 * Returns `record` as it may be written: parameter values echoed in its paths, URLs and reasons
 * rewritten (see `redactEchoes`). A run whose reads held one is not keyed, since what it read
 * can no longer be checked.
 */
export function redactFreshness(
  record: { reads: RecordedReads | null; cache: CacheRecord },
  redacted: RedactedParameters,
): { reads: RecordedReads | null; cache: CacheRecord } {
  const reads = redactEchoesDeep(record.reads, redacted);
  const reasons = redactEchoesDeep(record.cache.reasons, redacted);
  if (JSON.stringify(reads) === JSON.stringify(record.reads))
    return { reads, cache: { ...record.cache, reasons } };
  const why = "it read a path or URL holding a secret or credentials, which are not written";
  return { reads, cache: { ...record.cache, key: null, reasons: [...reasons, why] } };
}

const EMPTY_READS: RecordedReads = { files: [], listings: [], probes: [], env: [], network: [] };
