/**
 * Hashes the inputs a run recorded, as they are now: file contents (SHA-256, streamed), folder
 * listings and globs (the sorted names), existence, and HTTP response bodies. A file's hash is
 * kept while its size, mtime, ctime and inode stay the same, so a batch that checks many notebooks
 * over the same src/ hashes each file once; the cached value is never used once the file changed.
 */
import { createHash } from "node:crypto";
import { createReadStream, globSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { sha256Hex } from "../../util/sha256-hex.js";
import type { ProbeType } from "./read-records.js";

/** A path as it is now. */
export interface FileState {
  type: ProbeType;
  /** hex SHA-256 of a regular file's content; null for anything else. */
  sha256: string | null;
  bytes: number;
  /** null when absent. */
  mtimeMs: number | null;
}

/** Hashes inputs as they are now (absolute paths). */
export interface InputHasher {
  file(path: string): Promise<FileState>;
  listing(
    kind: "readdir" | "glob",
    path: string,
    patterns?: readonly string[],
  ): Promise<{ sha256: string | null; entries: number }>;
  /** hex SHA-256 of the body a GET of `url` returns now; null when it fails. */
  url(url: string): Promise<string | null>;
}

/** Returns a hasher; `fetch` (default: the global one) serves `url`. */
export function createInputHasher(options: { fetch?: typeof globalThis.fetch } = {}): InputHasher {
  const fetch = options.fetch ?? globalThis.fetch;
  const hashes = new Map<string, Promise<string>>();
  const urls = new Map<string, Promise<string | null>>();
  return {
    async file(path) {
      let info;
      try {
        info = await stat(path);
      } catch {
        return { type: "absent", sha256: null, bytes: 0, mtimeMs: null };
      }
      if (!info.isFile()) {
        const type = info.isDirectory() ? "dir" : "other";
        return { type, sha256: null, bytes: 0, mtimeMs: info.mtimeMs };
      }
      const signature = `${path}\0${info.size}\0${info.mtimeMs}\0${info.ctimeMs}\0${info.ino}`;
      let hash = hashes.get(signature);
      if (!hash) {
        hash = hashFile(path, info.size);
        hashes.set(signature, hash);
      }
      try {
        return { type: "file", sha256: await hash, bytes: info.size, mtimeMs: info.mtimeMs };
      } catch {
        hashes.delete(signature);
        return { type: "other", sha256: null, bytes: 0, mtimeMs: info.mtimeMs };
      }
    },
    async listing(kind, path, patterns = []) {
      let names: string[];
      try {
        names = kind === "glob" ? globSync([...patterns], { cwd: path }) : await readdir(path);
      } catch {
        return { sha256: null, entries: 0 };
      }
      const sorted = names.map(String).sort();
      return { sha256: sha256Hex(sorted.join("\n")), entries: sorted.length };
    },
    url(url) {
      let hash = urls.get(url);
      if (!hash) {
        hash = hashUrl(fetch, url);
        urls.set(url, hash);
      }
      return hash;
    },
  };
}

/**
 * Returns a hasher over `base` that looks at each path once: for one check of many notebooks at
 * one moment (they share src/ and data files), not for a check after files may have changed.
 */
export function snapshotHasher(base: InputHasher): InputHasher {
  const files = new Map<string, Promise<FileState>>();
  const listings = new Map<string, Promise<{ sha256: string | null; entries: number }>>();
  return {
    file(path) {
      let state = files.get(path);
      if (!state) {
        state = base.file(path);
        files.set(path, state);
      }
      return state;
    },
    listing(kind, path, patterns = []) {
      const key = JSON.stringify([kind, path, patterns]);
      let listing = listings.get(key);
      if (!listing) {
        listing = base.listing(kind, path, patterns);
        listings.set(key, listing);
      }
      return listing;
    },
    url: (url) => base.url(url),
  };
}

// Small files (most src modules) in one read; large ones streamed in 1 MiB chunks.
async function hashFile(path: string, size: number): Promise<string> {
  if (size <= 1 << 22)
    return createHash("sha256")
      .update(await readFile(path))
      .digest("hex");
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function hashUrl(fetch: typeof globalThis.fetch, url: string): Promise<string | null> {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    const hash = createHash("sha256");
    const reader = response.body?.getReader();
    for (let next = await reader?.read(); next && !next.done; next = await reader?.read())
      hash.update(next.value);
    return hash.digest("hex");
  } catch {
    return null;
  }
}
