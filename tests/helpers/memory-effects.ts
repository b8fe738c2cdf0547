/**
 * Effects whose files live in a Map (path → bytes): a test of a store or a load step runs without
 * touching the disk and can look at exactly what was written. Writes are all-or-nothing like the
 * file-backed ones: a chunk source that fails leaves no entry.
 */
import { silentLogger, type Effects, type FileData } from "../../src/effects.js";
import { concatBytes } from "../../src/util/concat-bytes.js";

/** Returns in-memory Effects; `files` holds what was written, keyed by path. */
export function memoryEffects(nowIso = "2024-06-02T00:00:00Z"): Effects & {
  files: Map<string, Uint8Array>;
} {
  const files = new Map<string, Uint8Array>();
  const missing = (path: string) =>
    Object.assign(new Error(`ENOENT: no such file: ${path}`), { code: "ENOENT" });
  return {
    files,
    readFile: (path) => {
      const bytes = files.get(path);
      return bytes ? Promise.resolve(bytes) : Promise.reject(missing(path));
    },
    writeFileAtomic: async (path, data) => {
      files.set(path, await bytesOf(data));
    },
    listFiles: (dir, options = {}) => {
      const prefix = `${dir.replace(/\/+$/, "")}/`;
      const names = [...files.keys()]
        .filter((p) => p.startsWith(prefix))
        .map((p) => p.slice(prefix.length))
        .filter((name) => options.recursive === true || !name.includes("/"));
      return Promise.resolve(names.sort());
    },
    fetch: () => Promise.reject(new Error("memoryEffects: no network in this test")),
    logger: silentLogger(),
    now: () => new Date(nowIso),
  };
}

async function bytesOf(data: FileData): Promise<Uint8Array> {
  if (typeof data === "string") return new TextEncoder().encode(data);
  if (data instanceof Uint8Array) return data;
  const parts: Uint8Array[] = [];
  for await (const chunk of data) parts.push(chunk);
  return concatBytes(parts);
}
