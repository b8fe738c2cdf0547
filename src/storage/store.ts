/**
 * The storage layer's one interface. A `Store` is a place named by an output target (a local
 * folder, `gs://bucket/prefix` or `git+<url>#branch[:path]`, see `parseTarget`) holding named
 * blobs: the ETL's outputs and manifest, the runner's reports, the run index, saved models.
 * Every implementation writes atomically (a reader never sees half a blob), checks each name with
 * the output-name guard before writing anything, and keeps credentials out of every location,
 * metadata entry and commit message it writes.
 */

/** A blob's content: bytes, text (UTF-8), or chunks produced once, in order, as they are written. */
export type BlobContent = Uint8Array | string | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** One blob to write. */
export interface BlobInput {
  /** a plain file name inside the store, e.g. "PJME_hourly.csv" (no `/`, no `..`) */
  name: string;
  content: BlobContent;
  /** default: from the name's extension (see `contentTypeOf`) */
  contentType?: string;
  /** data rows in the blob, for object metadata and commit messages; default: not stated */
  rows?: number;
}

/** Where a blob went, with the fingerprint of exactly the bytes written. */
export interface StoredBlob {
  name: string;
  /** a path, `gs://bucket/name#generation`, or `git+<url>#branch:path@commit` (redacted) */
  location: string;
  /** SHA-256 of the content, hex */
  sha256: string;
  /** content length in bytes */
  bytes: number;
}

/** What a write may say about the run that produced the blobs. */
export interface WriteContext {
  /**
   * run id, input and start time (`startedAt`, ISO 8601), stored redacted as GCS object metadata
   * and in git commit messages; a GCS store refuses to replace an object written by a run that
   * started later than `startedAt` unless its `overwrite` setting is true
   */
  provenance?: Record<string, string>;
  /** first words of a git commit subject; default "powerflow" */
  tool?: string;
}

/** The kinds of target `parseTarget` recognises. */
export type StoreKind = "local" | "gcs" | "git";

/** A target's blobs: write atomically, read, list, and say where each one is. */
export interface Store {
  kind: StoreKind;
  /** the target for log lines: a folder, `gs://bucket/prefix/` or `git+<url>#branch:path` (redacted) */
  location: string;
  /** Returns where `name` is (or would be), for log lines and links. */
  describe(name: string): string;
  /**
   * Writes `blobs` in order, each atomically (git: one commit for all), after checking every
   * name; resolves with where each went, in the same order.
   */
  write(blobs: readonly BlobInput[], context?: WriteContext): Promise<StoredBlob[]>;
  /** Returns the blob's bytes, or undefined when there is none. `name` may hold `/` (folders). */
  read(name: string): Promise<Uint8Array | undefined>;
  /**
   * Returns the names of the blobs, sorted, "/"-separated: direct children only, or every blob
   * below the target with `recursive` (e.g. "zone=ALPHA/a.manifest.json").
   */
  list(options?: { recursive?: boolean }): Promise<string[]>;
}
