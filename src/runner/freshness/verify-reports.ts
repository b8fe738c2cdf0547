/**
 * `powerflow verify`: re-hashes every input a folder (or bucket prefix) of reports recorded — the
 * notebook file, the lockfile and PowerFlow's version, every file, listing, probe and environment
 * variable the execution read, and string parameters naming files — and says, per report,
 * whether it is still fresh. The Node version and kernelspec are not compared: they belong to
 * the machine that runs the notebooks (`powerflow run` compares them).
 */
import { packageRoot } from "../../util/package-root.js";
import type { Store } from "../../storage/store.js";
import { collectVersions } from "../manifest/collect-provenance.js";
import { readRunManifest } from "../manifest/read-run-manifest.js";
import type { RunManifest } from "../manifest/run-manifest.js";
import { unreusable } from "./check-freshness.js";
import { changedReads, type InputChange } from "./find-changes.js";
import { createInputHasher, type InputHasher } from "./input-hasher.js";
import { absolutePath } from "./record-reads.js";

/** Options of `verifyReports`. */
export interface VerifyReportsOptions {
  /** Project root that recorded paths are relative to (default: packageRoot()). */
  root?: string;
  /** The variables the notebooks read are compared with these (default process.env); false: not compared. */
  env?: NodeJS.ProcessEnv | false;
  /** Fetch recorded HTTP responses again and compare them (default false: such a report is stale). */
  fetch?: boolean;
  hasher?: InputHasher;
}

/** The verdict on one report. */
export interface ReportVerdict {
  /** The manifest's name in the store, e.g. "zone=A/02-explore.manifest.json". */
  manifest: string;
  /** The notebook path the report was run from. */
  notebook: string;
  fresh: boolean;
  /** Why it cannot be fresh whatever its inputs (a failed or untraced run), when so. */
  why?: string;
  /** The inputs that changed since the run, with old and new hashes. */
  changes: InputChange[];
}

/**
 * Returns a verdict for every run manifest in `store` and its folders (the shards of a fan-out),
 * sorted by name; fresh means every input it recorded hashes as it did when it ran.
 */
export async function verifyReports(
  store: Pick<Store, "list" | "read">,
  options: VerifyReportsOptions = {},
): Promise<ReportVerdict[]> {
  const root = options.root ?? packageRoot();
  const hasher = options.hasher ?? createInputHasher();
  const version = (await collectVersions(root)).versions.powerflow ?? null;
  const verdicts: ReportVerdict[] = [];
  const names = await store.list({ recursive: true });
  for (const name of names.filter((n) => n.endsWith(".manifest.json")).sort()) {
    const manifest = await readRunManifest(store, name);
    if (!manifest) continue; // not a run manifest: not a report
    verdicts.push(await verifyOne(name, manifest, { ...options, root, hasher, version }));
  }
  return verdicts;
}

async function verifyOne(
  name: string,
  manifest: RunManifest,
  options: VerifyReportsOptions & { root: string; hasher: InputHasher; version: string | null },
): Promise<ReportVerdict> {
  const { root, hasher } = options;
  const base = { manifest: name, notebook: manifest.notebook.path };
  const why = unreusable(manifest);
  if (why !== undefined) return { ...base, fresh: false, why, changes: [] };
  const changes: InputChange[] = [];
  const add = (input: string, old: string | null, now: string | null): void => {
    if (old !== now) changes.push({ input, old, new: now });
  };
  const notebook = await hasher.file(absolutePath(manifest.notebook.path, root));
  add(`notebook ${manifest.notebook.path}`, manifest.notebook.sha256, notebook.sha256);
  const basis = manifest.cache!.basis;
  const lockfile = await hasher.file(absolutePath("package-lock.json", root));
  add("package-lock.json", basis.lockfileSha256, lockfile.sha256);
  add("powerflow version", basis.powerflow, options.version);
  const read = new Set(manifest.reads!.files.map((f) => absolutePath(f.path, root)));
  for (const input of manifest.inputs) {
    if (input.sha256 === null || read.has(absolutePath(input.path, root))) continue;
    add(
      `input ${input.path}`,
      input.sha256,
      (await hasher.file(absolutePath(input.path, root))).sha256,
    );
  }
  changes.push(
    ...(await changedReads(manifest.reads!, {
      root,
      hasher,
      env: options.env === false ? undefined : (options.env ?? process.env),
      fetch: options.fetch ?? false,
    })),
  );
  return { ...base, fresh: changes.length === 0, changes };
}
