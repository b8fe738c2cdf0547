/**
 * Rebuilds the index page of a fanned-out run: every shard writes its reports into its own
 * folder (`<out>/zone=ALPHA/…`) and then calls this on `<out>`, which lists every shard's
 * manifests and writes `<out>/index.html` linking them all.
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
import { parseRunManifest, type RunManifest } from "../manifest/run-manifest.js";
import { renderIndex } from "../report/render-index.js";

/** The storage a run's output lives in, addressed by names relative to the run's root. */
export interface IndexStore {
  /** Every object name under the root, recursively, "/"-separated (e.g. "zone=A/x.html"). */
  listAll(): Promise<string[]>;
  read(name: string): Promise<string | undefined>;
  write(name: string, data: string): Promise<void>;
}

/** Options of `rebuildRunIndex`. */
export interface RebuildRunIndexOptions {
  /** Write-and-verify rounds before giving up with a warning (default 5). */
  maxRounds?: number;
  logger?: Logger;
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

async function snapshot(store: IndexStore): Promise<Snapshot> {
  const names = (await store.listAll()).filter((n) => MANIFEST.test(n)).sort();
  const hash = createHash("sha256");
  const manifests: RunManifest[] = [];
  const folders = new Set<string>();
  for (const name of names) {
    const text = (await store.read(name)) ?? "";
    hash.update(`${name}\0${text}\0`);
    const manifest = parseRunManifest(text);
    if (!manifest) continue; // not ours or half-written by a crashed writer: left out of the index
    const folder = MANIFEST.exec(name)![1];
    if (folder !== undefined) folders.add(folder);
    manifests.push(folder === undefined ? manifest : inFolder(manifest, folder));
  }
  return { fingerprint: hash.digest("hex"), manifests, folders: [...folders].sort() };
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
 * Writes `index.html` at the root of `store` listing the reports of every shard folder (and of
 * the root itself); returns how many reports it lists.
 */
export async function rebuildRunIndex(
  store: IndexStore,
  options: RebuildRunIndexOptions = {},
): Promise<RunIndexResult> {
  const maxRounds = options.maxRounds ?? 5;
  let current = await snapshot(store);
  for (let round = 1; ; round++) {
    let conflict = false;
    try {
      await store.write("index.html", renderIndex(current.manifests));
    } catch (error) {
      // 412: another shard wrote index.html between our read of its generation and our write.
      if (!(isSourceError(error) && error.httpStatus === 412)) throw error;
      conflict = true;
    }
    const after = await snapshot(store);
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
