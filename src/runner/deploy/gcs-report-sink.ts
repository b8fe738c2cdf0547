/**
 * The ReportSink of `powerflow run --out gs://bucket/prefix`: each report file becomes an object
 * under the prefix, written through the storage layer (checksum-verified, generation-guarded,
 * retried), with a Content-Type that lets a browser open the HTML straight from the bucket.
 */
import {
  isGcsUri,
  listObjects,
  readObject,
  writeObject,
  type GcsOptions,
} from "../../etl/load/storage.js";
import { InputError, isSourceError } from "../../errors.js";
import type { ReportSink } from "../report-sink.js";
import { reportContentType } from "./report-content-type.js";

/** Returns `gs://bucket/prefix` without trailing slashes; throws InputError for other URIs. */
export function gcsPrefix(uri: string): string {
  const prefix = uri.replace(/\/+$/, "");
  if (!isGcsUri(uri) || !/^gs:\/\/[^/]+\/.+/.test(prefix)) {
    throw new InputError(`invalid --out: ${uri} (expected gs://bucket/prefix)`);
  }
  return prefix;
}

/** Reads an object as text; undefined when it does not exist. */
export async function readTextObject(
  uri: string,
  options: GcsOptions,
): Promise<string | undefined> {
  try {
    return new TextDecoder().decode((await readObject(uri, options)).bytes);
  } catch (error) {
    if (isSourceError(error) && error.httpStatus === 404) return undefined;
    throw error;
  }
}

/** Returns a sink writing report files as objects under `uri` (gs://bucket/prefix). */
export function gcsReportSink(uri: string, options: GcsOptions = {}): ReportSink {
  const prefix = gcsPrefix(uri);
  return {
    location: `${prefix}/`,
    write: async (name, data) => {
      const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
      await writeObject(`${prefix}/${name}`, bytes, {
        ...options,
        contentType: reportContentType(name),
      });
    },
    // Direct children only, like a folder listing: shard folders below are not this run's files.
    list: async () =>
      (await listObjects(`${prefix}/`, options))
        .map((info) => info.uri.slice(prefix.length + 1))
        .filter((name) => name !== "" && !name.includes("/"))
        .sort(),
    read: (name) => readTextObject(`${prefix}/${name}`, options),
    describe: (name) => `${prefix}/${name}`,
  };
}
