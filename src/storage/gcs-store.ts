/**
 * The Store of a Cloud Storage prefix (`gs://bucket/prefix`). Each blob becomes one object,
 * visible only once fully uploaded and checksum-verified, with its Content-Type and metadata:
 * the run's provenance (redacted), `rows` when stated and the content's `sha256`. Streamed
 * content is spooled to a temp file first (hashed on the way), then uploaded from it, so memory
 * stays flat and the object is still written in one piece. A re-write never silently clobbers:
 * identical content is left alone (its location names the generation already there), an object
 * written by a run that started later is refused unless `overwrite` is set, and every upload is
 * conditional on the generation seen just before it (a concurrent writer gets a 412 SourceError).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Effects } from "../effects.js";
import { isSourceError, SourceError } from "../errors.js";
import { redactSecrets } from "../util/redact-secrets.js";
import { checkBlobPath, checkOutputName } from "./check-output-name.js";
import { contentTypeOf } from "./content-type-of.js";
import {
  gcsList,
  gcsRead,
  gcsStat,
  gcsWrite,
  type GcsOptions,
  type SpooledFile,
} from "./gcs-client.js";
import {
  MeasuredContent,
  measureBytes,
  wholeBytes,
  type ContentMeasure,
} from "./measure-content.js";
import type { GcsTarget } from "./parse-target.js";
import type { BlobInput, Store, StoredBlob, WriteContext } from "./store.js";

/** Settings of a GCS store: the client's (apiEndpoint, projectId, retries, env) and `overwrite`. */
export interface GcsStoreOptions extends GcsOptions {
  /** replace objects written by runs that started later; default false */
  overwrite?: boolean;
}

/** Returns the Store of `target`; objects are named `<prefix>/<name>`. */
export function gcsStore(
  target: GcsTarget,
  effects: Effects,
  options: GcsStoreOptions = {},
): Store {
  const root = `gs://${target.bucket}/${target.prefix === "" ? "" : `${target.prefix}/`}`;
  return {
    kind: "gcs",
    location: root,
    describe: (name) => `${root}${name}`,
    write: async (blobs, context = {}) => {
      for (const blob of blobs) checkOutputName(blob.name);
      const written: StoredBlob[] = [];
      for (const blob of blobs) written.push(await writeBlob(`${root}${blob.name}`, blob, context));
      return written;
    },
    read: async (name) => {
      try {
        return (await gcsRead(`${root}${checkBlobPath(name)}`, options)).bytes;
      } catch (error) {
        if (isSourceError(error) && error.httpStatus === 404) return undefined;
        throw error;
      }
    },
    // Object names below the prefix; without `recursive`, direct children only, like a folder.
    list: async ({ recursive = false } = {}) =>
      (await gcsList(root, options))
        .map((info) => info.uri.slice(root.length))
        .filter((name) => name !== "" && (recursive || !name.includes("/")))
        .sort(),
  };

  async function writeBlob(
    uri: string,
    blob: BlobInput,
    context: WriteContext,
  ): Promise<StoredBlob> {
    const bytes = wholeBytes(blob.content);
    const spool = bytes === undefined ? await spoolContent(blob, effects) : undefined;
    try {
      const measure = spool?.measure ?? measureBytes(bytes!);
      const existing = await gcsStat(uri, options);
      const stored = { name: blob.name, sha256: measure.sha256, bytes: measure.bytes };
      if (existing?.md5Base64 === measure.md5Base64)
        return { ...stored, location: `${uri}#${existing.generation ?? ""}` };
      checkNotNewer(uri, existing?.metadata.startedAt, context.provenance?.startedAt);
      const metadata = redacted(context.provenance ?? {});
      if (blob.rows !== undefined) metadata.rows = String(blob.rows);
      metadata.sha256 = measure.sha256;
      const info = await gcsWrite(uri, spool?.file ?? bytes!, {
        ...options,
        contentType: blob.contentType ?? contentTypeOf(blob.name),
        metadata,
        ifGenerationMatch: existing?.generation ?? 0,
      });
      return { ...stored, location: `${uri}#${info.generation ?? ""}` };
    } finally {
      if (spool) await rm(spool.dir, { recursive: true, force: true });
    }
  }

  function checkNotNewer(uri: string, theirs?: string, ours?: string): void {
    if (options.overwrite || theirs === undefined || ours === undefined || theirs <= ours) return;
    throw new SourceError(
      "gcs",
      `GCS object is newer than this run: ${uri} written by a run started ${theirs} (expected runs started before ${ours}; set sink.overwrite: true to replace it)`,
      { location: uri, httpStatus: 412 },
    );
  }
}

// Streamed content goes to a private temp file first: its MD5 decides whether to upload at all.
async function spoolContent(
  blob: BlobInput,
  effects: Effects,
): Promise<{ dir: string; file: SpooledFile; measure: ContentMeasure }> {
  const dir = await mkdtemp(join(tmpdir(), "powerflow-gcs-"));
  try {
    const path = join(dir, "blob");
    const content = new MeasuredContent(blob.content, { md5: true });
    await effects.writeFileAtomic(path, content.chunks());
    const measure = content.measure();
    return { dir, file: { path, size: measure.bytes, md5Base64: measure.md5Base64 }, measure };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Provenance values without credentials (an input URI may carry a password). */
function redacted(provenance: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(provenance).map(([k, v]) => [k, redactSecrets(v)]));
}
