/**
 * Google Cloud Storage through the official `@google-cloud/storage` client: object write
 * (simple/multipart below a size threshold, resumable above it, CRC32C validated by the client
 * and MD5 checked against the stored object), read (a pinned generation, hash-validated), stat
 * and list. Every write carries an `ifGenerationMatch` precondition — the generation seen just
 * before writing, or 0 for "must not exist" — so retries are safe and a concurrent writer's
 * object is never silently replaced (the server answers 412 instead). The GCS store and the
 * CSV source's `gs://` inputs are built on it.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { File, FileMetadata, Storage, StorageOptions } from "@google-cloud/storage";
import { InputError, SourceError } from "../errors.js";
import { packageRoot } from "../util/package-root.js";
import { gcsError, statusOf } from "./gcs-error.js";

interface StorageModule {
  Storage: new (options: StorageOptions) => Storage;
}

/** Connection and retry settings of the GCS layer. */
export interface GcsOptions {
  /** JSON API root, e.g. http://127.0.0.1:4443; default env POWERFLOW_GCS_ENDPOINT, then STORAGE_EMULATOR_HOST, else Google's */
  apiEndpoint?: string;
  /** project id; default env POWERFLOW_GCS_PROJECT or GOOGLE_CLOUD_PROJECT */
  projectId?: string;
  /** retries of a failed request (503, reset, timeout); default 4 */
  retries?: number;
  /** environment to read the defaults from; default process.env */
  env?: Record<string, string | undefined>;
}

/** What is known about a stored object. */
export interface ObjectInfo {
  uri: string;
  size: number;
  /** base64 MD5 of the content, as GCS reports it */
  md5Base64?: string;
  /** base64 big-endian CRC32C, as GCS reports it */
  crc32c?: string;
  /** GCS generation (decimal string); absent for local files */
  generation?: string;
  contentType?: string;
  metadata: Record<string, string>;
  updated?: string;
}

/** Options of a GCS write. */
export interface GcsWriteOptions extends GcsOptions {
  contentType?: string;
  metadata?: Record<string, string>;
  /** write only if the live generation is this (0: only if absent); default: the current one */
  ifGenerationMatch?: number | string;
  /** sizes from this many bytes use a resumable upload; default 8 MiB */
  resumableThresholdBytes?: number;
  /** resumable chunk size, a multiple of 256 KiB; default 8 MiB */
  chunkSizeBytes?: number;
}

const clients = new Map<string, Storage>();

/** Splits `gs://bucket/name` into its parts; throws InputError. */
export function parseGsUri(uri: string): { bucket: string; name: string } {
  const m = /^gs:\/\/([a-z0-9][a-z0-9._-]{1,221}[a-z0-9])(?:\/(.*))?$/.exec(uri);
  if (!m) throw new InputError(`GCS URI malformed: "${uri}" (expected gs://bucket/path)`);
  return { bucket: m[1]!, name: m[2] ?? "" };
}

/** Returns a (cached) client for the endpoint and project in `options` or the environment. */
export function gcsStorage(options: GcsOptions = {}): Storage {
  const env = options.env ?? process.env;
  const apiEndpoint = options.apiEndpoint ?? env.POWERFLOW_GCS_ENDPOINT ?? emulator(env);
  const projectId = options.projectId ?? env.POWERFLOW_GCS_PROJECT ?? env.GOOGLE_CLOUD_PROJECT;
  const retries = options.retries ?? 4;
  const key = `${apiEndpoint ?? ""}|${projectId ?? ""}|${retries}`;
  let client = clients.get(key);
  if (!client) {
    // Loaded on first use: the client is large and most runs never touch a bucket.
    const { Storage: StorageClass } = createRequire(join(packageRoot(), "package.json"))(
      "@google-cloud/storage",
    ) as StorageModule;
    client = new StorageClass({
      ...(apiEndpoint === undefined ? {} : { apiEndpoint: apiEndpoint.replace(/\/+$/, "") }),
      ...(projectId === undefined ? {} : { projectId }),
      retryOptions: {
        autoRetry: retries > 0,
        maxRetries: retries,
        retryDelayMultiplier: 2,
        maxRetryDelay: 16,
        totalTimeout: 600,
        // Writes always carry a generation precondition, which makes them safe to retry.
        idempotencyStrategy: 1, // IdempotencyStrategy.RetryConditional
      },
    });
    clients.set(key, client);
  }
  return client;
}

/** Content already written to a local file (spooled), with its size and base64 MD5. */
export interface SpooledFile {
  path: string;
  size: number;
  md5Base64: string;
}

/**
 * Writes `content` (bytes, or a spooled file streamed from disk) to `uri` under a generation
 * precondition; returns the stored object's info.
 */
export async function gcsWrite(
  uri: string,
  content: Uint8Array | SpooledFile,
  options: GcsWriteOptions = {},
): Promise<ObjectInfo> {
  const { bucket, name } = objectUri(uri);
  const storage = gcsStorage(options);
  const ifGenerationMatch =
    options.ifGenerationMatch ?? (await gcsStat(uri, options))?.generation ?? 0;
  const file = storage.bucket(bucket).file(name);
  const size = content instanceof Uint8Array ? content.length : content.size;
  const resumable = size >= (options.resumableThresholdBytes ?? 8 << 20);
  const metadata: FileMetadata = { contentType: options.contentType ?? "application/octet-stream" };
  if (options.metadata) metadata.metadata = options.metadata;
  const settings = {
    resumable,
    ...(resumable ? { chunkSize: options.chunkSizeBytes ?? 8 << 20 } : {}),
    validation: "crc32c" as const,
    metadata,
    preconditionOpts: { ifGenerationMatch: Number(ifGenerationMatch) },
  };
  try {
    if (content instanceof Uint8Array)
      await file.save(
        Buffer.from(content.buffer, content.byteOffset, content.byteLength),
        settings,
      );
    else await storage.bucket(bucket).upload(content.path, { ...settings, destination: file });
  } catch (error) {
    throw gcsError(error, uri, "write", ifGenerationMatch);
  }
  const info = toInfo(uri, file.metadata);
  const md5 =
    content instanceof Uint8Array
      ? createHash("md5").update(content).digest("base64")
      : content.md5Base64;
  if (info.md5Base64 !== undefined && info.md5Base64 !== md5) {
    throw new SourceError(
      "gcs",
      `GCS object checksum mismatch after upload: ${uri} MD5 ${info.md5Base64} (expected ${md5})`,
      {
        location: uri,
      },
    );
  }
  return info;
}

/** Returns the object's info, or undefined when it does not exist. */
export async function gcsStat(
  uri: string,
  options: GcsOptions = {},
): Promise<ObjectInfo | undefined> {
  const { bucket, name } = objectUri(uri);
  try {
    const [metadata] = await gcsStorage(options).bucket(bucket).file(name).getMetadata();
    return toInfo(uri, metadata);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw gcsError(error, uri, "stat");
  }
}

/** Reads the live generation of `uri`, validating its CRC32C/MD5; throws SourceError if absent. */
export async function gcsRead(
  uri: string,
  options: GcsOptions = {},
): Promise<{ bytes: Uint8Array; info: ObjectInfo }> {
  const { file, info } = await liveGeneration(uri, options);
  try {
    const [contents] = await file.download({ validation: "crc32c" });
    return {
      bytes: new Uint8Array(contents.buffer, contents.byteOffset, contents.byteLength),
      info,
    };
  } catch (error) {
    throw gcsError(error, uri, "read");
  }
}

/**
 * Streams the live generation of `uri` chunk by chunk (pinned, so a concurrent overwrite cannot
 * mix generations). The CRC32C is checked as the stream ends: a corrupt download fails there,
 * after its last chunk, so a consumer must not commit anything before the stream is done.
 */
export async function* gcsReadStream(
  uri: string,
  options: GcsOptions = {},
): AsyncGenerator<Uint8Array> {
  const { file } = await liveGeneration(uri, options);
  try {
    for await (const chunk of file.createReadStream({
      validation: "crc32c",
    }) as AsyncIterable<Buffer>)
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  } catch (error) {
    throw gcsError(error, uri, "read");
  }
}

// The object's live generation, as a File pinned to it; SourceError when there is none.
async function liveGeneration(
  uri: string,
  options: GcsOptions,
): Promise<{ file: File; info: ObjectInfo }> {
  const { bucket, name } = objectUri(uri);
  const info = await gcsStat(uri, options);
  if (!info)
    throw new SourceError("gcs", `GCS object not found: ${uri} (expected an existing object)`, {
      location: uri,
      httpStatus: 404,
    });
  const file = gcsStorage(options)
    .bucket(bucket)
    .file(name, { generation: Number(info.generation) });
  return { file, info };
}

/** Lists the objects whose names start with the prefix of `prefixUri` (gs://bucket/prefix). */
export async function gcsList(prefixUri: string, options: GcsOptions = {}): Promise<ObjectInfo[]> {
  const { bucket, name: prefix } = parseGsUri(prefixUri);
  try {
    const [files] = await gcsStorage(options)
      .bucket(bucket)
      .getFiles({ prefix, autoPaginate: true });
    return files.map((f) => toInfo(`gs://${bucket}/${f.name}`, f.metadata));
  } catch (error) {
    throw gcsError(error, prefixUri, "list");
  }
}

/** `STORAGE_EMULATOR_HOST` as an endpoint URL (it may be given without a scheme). */
function emulator(env: Record<string, string | undefined>): string | undefined {
  const host = env.STORAGE_EMULATOR_HOST;
  if (!host) return undefined;
  return /^https?:\/\//.test(host) ? host : `http://${host}`;
}

function objectUri(uri: string): { bucket: string; name: string } {
  const parsed = parseGsUri(uri);
  if (parsed.name === "" || parsed.name.endsWith("/")) {
    throw new InputError(`GCS object name missing: "${uri}" (expected gs://bucket/path/to/object)`);
  }
  return parsed;
}

function toInfo(uri: string, m: FileMetadata): ObjectInfo {
  const info: ObjectInfo = { uri, size: Number(m.size ?? 0), metadata: {} };
  if (m.md5Hash) info.md5Base64 = m.md5Hash;
  if (m.crc32c) info.crc32c = m.crc32c;
  if (m.generation !== undefined) info.generation = String(m.generation);
  if (m.contentType) info.contentType = m.contentType;
  if (m.updated) info.updated = m.updated;
  for (const [k, v] of Object.entries(m.metadata ?? {}))
    if (v !== null && v !== undefined) info.metadata[k] = String(v);
  return info;
}
