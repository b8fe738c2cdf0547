/**
 * Compares what a manifest recorded with how things are now: its cache basis with the basis a run
 * would have now, and every recorded read (re-hashed, listed or probed again) with the present.
 */
import { absolutePath } from "./record-reads.js";
import { sha256Hex } from "../../util/sha256-hex.js";
import type { InputHasher } from "./input-hasher.js";
import type { CacheBasis, RecordedReads } from "./read-records.js";

/** One input that differs from its record; hashes are hex SHA-256, null meaning absent. */
export interface InputChange {
  /** What changed, e.g. "file data/raw/a.csv", "env TZ", "notebook", "option noInput". */
  input: string;
  old: string | null;
  new: string | null;
  /** Said instead of "changed" when the input was not compared (an HTTP response not fetched again). */
  note?: string;
}

/** Options of `changedReads`. */
export interface ChangedReadsOptions {
  root: string;
  hasher: InputHasher;
  /** The environment the kernel would get now; undefined: variables are not compared. */
  env?: NodeJS.ProcessEnv;
  /** Fetch recorded HTTP responses again and compare their bodies (default false: each is a change). */
  fetch?: boolean;
}

/** Returns the recorded reads that differ now, in the order recorded. */
export async function changedReads(
  reads: RecordedReads,
  options: ChangedReadsOptions,
): Promise<InputChange[]> {
  const { root, hasher } = options;
  const changes: InputChange[] = [];
  const add = (input: string, old: string | null, now: string | null): void => {
    if (old !== now) changes.push({ input, old, new: now });
  };
  for (const file of reads.files)
    add(
      `file ${file.path}`,
      file.sha256,
      (await hasher.file(absolutePath(file.path, root))).sha256,
    );
  for (const listing of reads.listings) {
    const now = await hasher.listing(
      listing.kind,
      absolutePath(listing.path, root),
      listing.patterns,
    );
    const what =
      listing.kind === "glob"
        ? `glob ${(listing.patterns ?? []).join(", ")} in ${listing.path}`
        : `listing ${listing.path}`;
    add(what, listing.sha256, now.sha256);
  }
  for (const probe of reads.probes)
    add(`path ${probe.path}`, probe.type, (await hasher.file(absolutePath(probe.path, root))).type);
  if (options.env) {
    for (const variable of reads.env) {
      const value = options.env[variable.name];
      add(`env ${variable.name}`, variable.sha256, value === undefined ? null : sha256Hex(value));
    }
  }
  for (const request of reads.network) {
    const now = options.fetch ? await hasher.url(request.url) : null;
    const input = `${request.method} ${request.url}`;
    if (options.fetch) add(input, request.sha256, now);
    else
      changes.push({
        input,
        old: request.sha256,
        new: null,
        note: "was not fetched again (--cache-http fetches it)",
      });
  }
  return changes;
}

/** Returns the fields of `now` that differ from `old`, as changes. */
export function changedBasis(old: CacheBasis, now: CacheBasis): InputChange[] {
  const pairs: [string, unknown, unknown][] = [
    ["notebook (as run, parameters injected)", old.notebookSha256, now.notebookSha256],
    ["kernel argv", old.kernel.argv, now.kernel.argv],
    ["kernel env", old.kernel.env, now.kernel.env],
    ["powerflow version", old.powerflow, now.powerflow],
    ["package-lock.json", old.lockfileSha256, now.lockfileSha256],
    ["Node version", old.node, now.node],
    ["tslab version", old.tslab, now.tslab],
    ["src/ from", old.sources, now.sources],
    ...Object.entries(now.options).map(([name, value]): [string, unknown, unknown] => [
      `option ${name}`,
      (old.options as Record<string, unknown>)[name],
      value,
    ]),
  ];
  return pairs
    .filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b))
    .map(([input, a, b]) => ({ input, old: text(a), new: text(b) }));
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}
