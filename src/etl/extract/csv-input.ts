/**
 * Resolves CSV inputs (a path, a glob such as `data/*_hourly.csv`, a `gs://` object or object
 * glob, or a list) to files, and opens one as a byte stream, gunzipping `.gz` files on the fly.
 */
import { createReadStream } from "node:fs";
import { glob, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { InputError } from "../../errors.js";
import { gcsList, gcsReadStream } from "../../storage/gcs-client.js";
import { urlSchemeOf } from "../../util/url-scheme-of.js";

const isGcsUri = (input: string): boolean => urlSchemeOf(input) === "gs";

/** Opens `path` as a stream of bytes (a test or a remote store may pass its own). */
export type OpenBytes = (path: string) => AsyncIterable<Uint8Array>;

/** Returns the sorted files matched by `input`; throws InputError when nothing matches. */
export async function resolveCsvInputs(input: string | readonly string[]): Promise<string[]> {
  const patterns = typeof input === "string" ? [input] : [...input];
  const files: string[] = [];
  for (const pattern of patterns) {
    if (isGcsUri(pattern)) {
      files.push(...(await resolveGcs(pattern)));
      continue;
    }
    if (/[*?[]/.test(pattern)) {
      const matches: string[] = [];
      for await (const match of glob(pattern)) matches.push(match);
      if (matches.length === 0) {
        throw new InputError(
          `CSV input matches no files: "${pattern}" (expected a glob matching at least one file)`,
        );
      }
      files.push(...matches.sort());
    } else files.push(pattern);
  }
  for (const file of files) if (!isGcsUri(file)) await checkFile(file);
  return files;
}

/** gs://bucket/path, or a glob over object names (`*` within a segment, `?` one character). */
async function resolveGcs(pattern: string): Promise<string[]> {
  const star = pattern.search(/[*?]/);
  if (star < 0) return [pattern];
  const escaped = pattern.replace(/[.+^${}()|\\[\]]/g, "\\$&");
  const regex = new RegExp(`^${escaped.replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
  const matches = (await gcsList(pattern.slice(0, star)))
    .map((o) => o.uri)
    .filter((u) => regex.test(u));
  if (matches.length === 0) {
    throw new InputError(
      `CSV input matches no objects: "${pattern}" (expected a glob matching at least one object)`,
    );
  }
  return matches.sort();
}

async function checkFile(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile())
      throw new InputError(`CSV input not a file: "${file}" (expected a regular file)`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`CSV input not found: "${file}" (expected an existing file)`, {
      cause: error,
    });
  }
}

/** Opens `path` (gunzipped when it ends in .gz) with `open`, or from the file system. */
export function openCsvInput(path: string, open?: OpenBytes): AsyncIterable<Uint8Array> {
  if (open) return open(path);
  if (isGcsUri(path)) return gcsBytes(path);
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  return path.endsWith(".gz") ? gunzipped(stream) : stream;
}

// Unlike .pipe(), a pipeline passes a failure of the source (a read error, a GCS checksum
// mismatch) on to the reader instead of ending the output quietly.
function gunzipped(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const gunzip = createGunzip();
  pipeline(Readable.from(source), gunzip).catch((error: unknown) =>
    gunzip.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return gunzip;
}

// A Cloud Storage object streams like a file; its checksum is verified as the stream ends, before
// the extractor hands anything on.
function gcsBytes(uri: string): AsyncIterable<Uint8Array> {
  const stream = gcsReadStream(uri);
  return uri.endsWith(".gz") ? gunzipped(stream) : stream;
}
