/** The IndexStore of a run written to Cloud Storage (`--out gs://bucket/prefix --shard …`). */
import { listObjects, writeObject, type GcsOptions } from "../../etl/load/storage.js";
import { gcsPrefix, readTextObject } from "./gcs-report-sink.js";
import type { IndexStore } from "./rebuild-run-index.js";
import { reportContentType } from "./report-content-type.js";

/** Returns an IndexStore over every object under `uri` (gs://bucket/prefix). */
export function gcsIndexStore(uri: string, options: GcsOptions = {}): IndexStore {
  const prefix = gcsPrefix(uri);
  return {
    listAll: async () =>
      (await listObjects(`${prefix}/`, options))
        .map((info) => info.uri.slice(prefix.length + 1))
        .sort(),
    read: (name) => readTextObject(`${prefix}/${name}`, options),
    write: async (name, data) => {
      await writeObject(`${prefix}/${name}`, new TextEncoder().encode(data), {
        ...options,
        contentType: reportContentType(name),
      });
    },
  };
}
