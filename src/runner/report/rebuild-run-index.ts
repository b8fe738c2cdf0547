/**
 * The one writer of a run's `index.html`: it lists the report manifests in a store (the root's,
 * and with `folders` those of each shard folder, `<out>/zone=ALPHA/…`) and writes the index
 * linking them all, so the index stays complete across runs and across the shards of a fan-out.
 *
 * Shards finish in any order and may rebuild at the same time, so each one writes, lists again,
 * and writes again until the manifests it read are unchanged after its own write (a write refused
 * with 412 because another shard wrote in between also counts as a change). The last write of
 * all is then complete: every shard's manifests were uploaded before that shard's final write,
 * hence before the last writer's confirming listing, which matched what it had just written.
 */
import { createHash } from "node:crypto";
import type { Logger } from "../../effects.js";
import { isSourceError } from "../../errors.js";
import type { Store } from "../../storage/store.js";
import { parseRunManifest, type RunManifest } from "../manifest/run-manifest.js";
import { renderIndex } from "./render-index.js";

/** Options of `rebuildRunIndex`. */
export interface RebuildRunIndexOptions {
  /** Write-and-verify rounds before giving up with a warning (default 5). */
  maxRounds?: number;
  logger?: Logger;
  /** Also list the reports one folder down, i.e. the shard folders (default true). */
  folders?: boolean;
  /** Manifests in hand (this run's), used instead of reading their files (default none). */
  known?: readonly RunManifest[];
  /**
   * Manifests (`outputs.manifest`) whose reports this run reused instead of running them again:
   * marked "cached" in the index (default none).
   */
  reused?: ReadonlySet<string>;
}

/** What the rebuild wrote. */
export interface RunIndexResult {
  /** Reports listed in index.html. */
  reports: number;
  /** Shard folders found (e.g. ["zone=ALPHA", "zone=BETA"]). */
  folders: string[];
  /** Write rounds it took to see a stable set of manifests. */
  rounds: number;
}

const MANIFEST = /^(?:([^/]+)\/)?[^/]+\.manifest\.json$/;

interface Snapshot {
  fingerprint: string;
  manifests: RunManifest[];
  folders: string[];
}

async function snapshot(store: Store, options: RebuildRunIndexOptions): Promise<Snapshot> {
  const folders = options.folders ?? true;
  const known = new Map((options.known ?? []).map((m) => [m.outputs.manifest, m]));
  const listed = (await store.list({ recursive: folders })).filter((n) => MANIFEST.test(n));
  const names = [...new Set([...listed, ...known.keys()])].sort();
  const hash = createHash("sha256");
  const manifests: RunManifest[] = [];
  const found = new Set<string>();
  for (const name of names) {
    const mine = known.get(name);
    const text = mine ? JSON.stringify(mine) : new TextDecoder().decode(await store.read(name));
    hash.update(`${name}\0${text}\0`);
    const manifest = mine ?? parseRunManifest(text);
    if (!manifest) continue; // not ours or half-written by a crashed writer: left out of the index
    const folder = MANIFEST.exec(name)![1];
    if (folder !== undefined) found.add(folder);
    manifests.push(folder === undefined ? manifest : inFolder(manifest, folder));
  }
  return { fingerprint: hash.digest("hex"), manifests, folders: [...found].sort() };
}

function inFolder(m: RunManifest, folder: string): RunManifest {
  return {
    ...m,
    title: `${m.title} · ${folder}`,
    outputs: {
      html: `${folder}/${m.outputs.html}`,
      ipynb: `${folder}/${m.outputs.ipynb}`,
      manifest: `${folder}/${m.outputs.manifest}`,
    },
  };
}

/**
 * Writes `index.html` at the root of `store` listing the reports there (and, with `folders`, in
 * every shard folder); returns how many reports it lists.
 */
export async function rebuildRunIndex(
  store: Store,
  options: RebuildRunIndexOptions = {},
): Promise<RunIndexResult> {
  const maxRounds = options.maxRounds ?? 5;
  let current = await snapshot(store, options);
  for (let round = 1; ; round++) {
    let conflict = false;
    try {
      const content = renderIndex(current.manifests, { reused: options.reused });
      await store.write([{ name: "index.html", content }]);
    } catch (error) {
      // 412: another shard wrote index.html between our read of its generation and our write.
      if (!(isSourceError(error) && error.httpStatus === 412)) throw error;
      conflict = true;
    }
    const after = await snapshot(store, options);
    const stable = !conflict && after.fingerprint === current.fingerprint;
    if (stable || round >= maxRounds) {
      if (!stable) {
        options.logger?.warn(
          `run index still changing after ${round} rounds (other shards writing); a later shard rewrites it`,
        );
      }
      return { reports: current.manifests.length, folders: current.folders, rounds: round };
    }
    current = after;
  }
}
