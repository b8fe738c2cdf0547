/**
 * The object storage layer used by the ETL sinks, the runner (`--out gs://…`) and model
 * save/load: one small API over local paths (`/x/y`, `file:///x/y`) and Cloud Storage
 * (`gs://bucket/prefix/…`). Local writes are atomic (temp file + rename); GCS writes are
 * checksum-verified and guarded by generation preconditions (see gcs.ts).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../../effects.js";
import { SourceError } from "../../errors.js";
import {
  gcsList,
  gcsRead,
  gcsReadStream,
  gcsStat,
  gcsWrite,
  type GcsOptions,
  type GcsWriteOptions,
  type ObjectInfo,
} from "./gcs.js";

export type { GcsOptions, ObjectInfo } from "./gcs.js";

/** Options of `writeObject` (GCS fields are ignored for local paths, except ifGenerationMatch 0). */
export type WriteObjectOptions = GcsWriteOptions;

/** True when `uri` names a Cloud Storage object or prefix. */
export function isGcsUri(uri: string): boolean {
  return uri.startsWith("gs://");
}

/**
 * Writes `bytes` to `uri` and returns the stored object's info. Options: contentType, metadata
 * (provenance, stored as object metadata on GCS), ifGenerationMatch (0 = only if absent; default
 * the generation seen just before writing), resumableThresholdBytes (default 8 MiB),
 * chunkSizeBytes, retries (default 4), apiEndpoint/projectId.
 */
export async function writeObject(
  uri: string,
  bytes: Uint8Array,
  options: WriteObjectOptions = {},
): Promise<ObjectInfo> {
  if (isGcsUri(uri)) return gcsWrite(uri, bytes, options);
  const path = localPath(uri);
  if (String(options.ifGenerationMatch) === "0" && (await statObject(path)) !== undefined) {
    throw new SourceError("local", `file exists: ${path} (expected no file, ifGenerationMatch 0)`, {
      location: path,
    });
  }
  await writeFileAtomic(path, bytes);
  return localInfo(uri, bytes, options.contentType);
}

/** Reads the object at `uri` (GCS: hash-validated, one pinned generation). */
export async function readObject(
  uri: string,
  options: GcsOptions = {},
): Promise<{ bytes: Uint8Array; info: ObjectInfo }> {
  if (isGcsUri(uri)) return gcsRead(uri, options);
  const path = localPath(uri);
  try {
    const bytes = new Uint8Array(await readFile(path));
    return { bytes, info: localInfo(uri, bytes) };
  } catch (error) {
    throw new SourceError("local", `file not readable: ${path} (expected an existing file)`, {
      location: path,
      cause: error,
    });
  }
}

/**
 * Streams the object at `uri` in chunks (GCS: one pinned generation, CRC32C-checked at the end,
 * which fails the stream; local: read in 1 MiB chunks).
 */
export function readObjectStream(uri: string, options: GcsOptions = {}): AsyncIterable<Uint8Array> {
  if (isGcsUri(uri)) return gcsReadStream(uri, options);
  return createReadStream(localPath(uri), { highWaterMark: 1 << 20 });
}

/** Returns the object's info, or undefined when it does not exist. */
export async function statObject(
  uri: string,
  options: GcsOptions = {},
): Promise<ObjectInfo | undefined> {
  if (isGcsUri(uri)) return gcsStat(uri, options);
  try {
    const path = localPath(uri);
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    return localInfo(uri, new Uint8Array(await readFile(path)));
  } catch {
    return undefined;
  }
}

/** Lists objects whose URI starts with `prefix` (GCS prefix, or a local path prefix), sorted. */
export async function listObjects(prefix: string, options: GcsOptions = {}): Promise<ObjectInfo[]> {
  if (isGcsUri(prefix)) return gcsList(prefix, options);
  const path = localPath(prefix);
  const root = prefix.endsWith("/") ? path : dirname(path);
  let names: string[];
  try {
    names = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
  const infos = [];
  for (const name of names.filter((n) => n.startsWith(path)).sort()) {
    infos.push(localInfo(name, new Uint8Array(await readFile(name))));
  }
  return infos;
}

function localPath(uri: string): string {
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}

function localInfo(uri: string, bytes: Uint8Array, contentType?: string): ObjectInfo {
  const info: ObjectInfo = {
    uri,
    size: bytes.length,
    md5Base64: createHash("md5").update(bytes).digest("base64"),
    metadata: {},
  };
  if (contentType !== undefined) info.contentType = contentType;
  return info;
}
