/**
 * Turns the kernel's read trace into the manifest's `reads`: every file hashed now (after the last
 * cell) and compared with what the kernel saw at its first read, so a file that changed during the
 * run is caught; listings and probes taken again for the same check; network reads checked for
 * whether they can key the run (`--cache-http`).
 */
import { relative, resolve, sep } from "node:path";
import { redactSecrets } from "../../util/redact-secrets.js";
import type { InputHasher } from "./input-hasher.js";
import type { FirstSeen, KernelReads } from "./kernel-reads.js";
import type { RecordedFile, RecordedProbe, RecordedReads } from "./read-records.js";

/** Options of `recordReads`. */
export interface RecordReadsOptions {
  /** Project root: paths inside it are recorded relative to it. */
  root: string;
  /** Let HTTP responses key the run (`--cache-http`); otherwise a network read rules caching out. */
  cacheHttp: boolean;
  hasher: InputHasher;
}

/** Returns the recorded reads of `trace` and the reasons the run cannot be reused (if any). */
export async function recordReads(
  trace: KernelReads,
  options: RecordReadsOptions,
): Promise<{ reads: RecordedReads; reasons: string[] }> {
  const { root, hasher } = options;
  const reasons = [...trace.reasons];
  const shown = (path: string): string => recordedPath(path, root);
  const files: RecordedFile[] = [];
  const probes: RecordedProbe[] = trace.probes.map((p) => ({ path: shown(p.path), type: p.type }));
  for (const file of trace.files) {
    const now = await hasher.file(file.path);
    const again = await hasher.file(file.path);
    if (changedSince(file.first, now) || again.sha256 !== now.sha256)
      reasons.push(`${shown(file.path)} changed during the run`);
    if (now.type === "file" || now.type === "absent")
      files.push({ path: shown(file.path), sha256: now.sha256, bytes: now.bytes, via: file.via });
    else probes.push({ path: shown(file.path), type: now.type });
  }
  for (const probe of trace.probes) {
    if ((await hasher.file(probe.path)).type !== probe.type)
      reasons.push(`${shown(probe.path)} changed during the run`);
  }
  const listings = [];
  for (const listing of trace.listings) {
    const now = await hasher.listing(listing.kind, listing.path, listing.patterns);
    if (now.sha256 !== listing.sha256)
      reasons.push(`the listing of ${shown(listing.path)} changed during the run`);
    listings.push({ ...listing, path: shown(listing.path) });
  }
  const network = trace.network.map((r) => ({
    url: redactSecrets(r.url),
    method: r.method,
    status: r.status,
    sha256: r.sha256,
  }));
  reasons.push(...trace.network.flatMap((r) => networkReason(r, options.cacheHttp)));
  return {
    reads: {
      files: files.sort(byPath),
      listings: listings.sort(
        (a, b) =>
          byPath(a, b) || (a.patterns ?? []).join().localeCompare((b.patterns ?? []).join()),
      ),
      probes: probes.sort(byPath),
      env: [...trace.env].sort((a, b) => a.name.localeCompare(b.name)),
      network: network.sort(
        (a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method),
      ),
    },
    reasons: [...new Set(reasons)],
  };
}

/** Returns `path` relative to `root` ("/"-separated) when inside it, else as it is. */
export function recordedPath(path: string, root: string): string {
  const rel = relative(root, path);
  return rel === "" || rel.startsWith("..") || resolve(root, rel) !== path
    ? path
    : rel.split(sep).join("/");
}

/** Returns the absolute path of a recorded `path` (see `recordedPath`). */
export function absolutePath(path: string, root: string): string {
  return resolve(root, path);
}

function changedSince(
  first: FirstSeen,
  now: { type: string; bytes: number; mtimeMs: number | null },
): boolean {
  if (first === null) return now.type !== "absent";
  if (first.type !== now.type || first.mtimeMs !== now.mtimeMs) return true;
  return first.type === "file" && first.size !== now.bytes;
}

function networkReason(request: KernelReads["network"][number], cacheHttp: boolean): string[] {
  const what = `${request.method} ${redactSecrets(request.url)}`;
  if (!cacheHttp)
    return [`read the network (${what}); powerflow run --cache-http keys a run on HTTP responses`];
  const why =
    request.method !== "GET"
      ? "only GET requests are fetched again to check them"
      : request.credentials || redactSecrets(request.url) !== request.url
        ? "it carries credentials, which are not recorded"
        : request.body
          ? "it sent a body"
          : request.status === null || request.status < 200 || request.status > 299
            ? `its status was ${request.status ?? "none"}`
            : request.sha256 === null
              ? "its body was not read to the end"
              : undefined;
  return why === undefined ? [] : [`read the network (${what}), which cannot key the run: ${why}`];
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
