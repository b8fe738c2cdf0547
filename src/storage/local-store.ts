/**
 * The Store of a local folder: each blob is written atomically (temp file + rename, streamed
 * chunks included) under the folder, created when missing. All I/O goes through `Effects`.
 */
import { join } from "node:path";
import { isMissingFileError, type Effects } from "../effects.js";
import { checkBlobPath, checkOutputName } from "./check-output-name.js";
import { MeasuredContent } from "./measure-content.js";
import type { Store, StoredBlob } from "./store.js";

/** Returns the Store of the folder `dir` (locations are `join(dir, name)`). */
export function localStore(dir: string, effects: Effects): Store {
  return {
    kind: "local",
    location: dir,
    describe: (name) => join(dir, name),
    write: async (blobs) => {
      for (const blob of blobs) checkOutputName(blob.name);
      const written: StoredBlob[] = [];
      for (const blob of blobs) {
        const location = join(dir, blob.name);
        const content = new MeasuredContent(blob.content);
        await effects.writeFileAtomic(location, content.chunks());
        const { sha256, bytes } = content.measure();
        written.push({ name: blob.name, location, sha256, bytes });
      }
      return written;
    },
    read: async (name) => {
      try {
        return await effects.readFile(join(dir, checkBlobPath(name)));
      } catch (error) {
        if (isMissingFileError(error)) return undefined;
        throw error;
      }
    },
    list: (options) => effects.listFiles(dir, options),
  };
}
