/** The IndexStore of a local output folder (`powerflow run --out reports/ --shard …`). */
import { readdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Effects } from "../../effects.js";
import { localReportSink } from "../report-sink.js";
import type { IndexStore } from "./rebuild-run-index.js";

/** Returns an IndexStore over the folder `dir` (missing folder: empty). */
export function localIndexStore(dir: string, effects: Effects): IndexStore {
  const root = resolve(dir);
  const sink = localReportSink(root, effects);
  return {
    listAll: async () => {
      try {
        const entries = await readdir(root, { recursive: true, withFileTypes: true });
        return entries
          .filter((e) => e.isFile())
          .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
          .sort();
      } catch {
        return [];
      }
    },
    read: (name) => sink.read(name),
    write: (name, data) => sink.write(name, data),
  };
}
