/**
 * Decides whether a notebook's previous outputs can stand for a run now, without starting a
 * kernel: its manifest must hold a key (a successful, fully traced run), the key must match what
 * the manifest records, and neither the run's basis nor anything it read may have changed.
 */
import type { RunManifest } from "../manifest/run-manifest.js";
import { cacheKey } from "./cache-key.js";
import { changedBasis, changedReads, type InputChange } from "./find-changes.js";
import type { InputHasher } from "./input-hasher.js";
import type { CacheBasis } from "./read-records.js";

/** The verdict on a previous run. */
export type Freshness =
  | { fresh: true }
  | {
      fresh: false;
      /** One line: why the previous outputs cannot be reused. */
      why: string;
      /** The inputs that changed (empty when the run was never reusable). */
      changes: InputChange[];
    };

/** What a run would be now. */
export interface CurrentRun {
  basis: CacheBasis;
  /** The environment the kernel would be started with. */
  env: NodeJS.ProcessEnv;
  root: string;
  hasher: InputHasher;
}

/** Returns whether `manifest`'s run can be reused for `current`. */
export async function checkFreshness(
  manifest: RunManifest,
  current: CurrentRun,
): Promise<Freshness> {
  const never = unreusable(manifest);
  if (never !== undefined) return { fresh: false, why: never, changes: [] };
  const changes = changedBasis(manifest.cache!.basis, current.basis);
  if (changes.length === 0) {
    // The notebook's own inputs are read only when the run would otherwise be the same.
    changes.push(
      ...(await changedReads(manifest.reads!, {
        root: current.root,
        hasher: current.hasher,
        env: current.env,
        fetch: current.basis.options.cacheHttp,
      })),
    );
  }
  if (changes.length === 0) return { fresh: true };
  return { fresh: false, why: describeChanges(changes), changes };
}

/**
 * Returns why `manifest`'s run can never be reused (no key, failed, not cacheable, a key that
 * does not match its record), or undefined when its inputs decide.
 */
export function unreusable(manifest: RunManifest): string | undefined {
  const cache = manifest.cache;
  if (!cache || !("key" in cache))
    return "its manifest has no cache key (written without read tracing)";
  if (manifest.status !== "ok") return "its last run failed";
  if (cache.key === null || !manifest.reads)
    return `it cannot be reused: ${cache.reasons[0] ?? "not keyed"}`;
  if (cacheKey(cache.basis, manifest.reads) !== cache.key)
    return "its manifest does not match its cache key (edited by hand?)";
  return undefined;
}

/** One line naming the first changes, e.g. "file data/a.csv changed (and 2 more)". */
export function describeChanges(changes: readonly InputChange[]): string {
  const [first] = changes;
  if (!first) return "nothing changed";
  const more = changes.length > 1 ? ` (and ${changes.length - 1} more)` : "";
  return `${first.input} changed${more}`;
}
