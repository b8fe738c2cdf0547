/** The local folder sink: each file is written atomically (temp file + rename) under the folder. */
import { join } from "node:path";
import type { EtlSink } from "../sinks.js";
import { checkOutputName } from "./check-output-name.js";

/** Writes outputs into a local folder (created when missing). */
export const localDirSink: EtlSink = {
  name: "dir",
  matches: (target) =>
    !/^[a-z][a-z0-9+.-]*:/i.test(target) ||
    /^[a-z]:[\\/]/i.test(target) ||
    target.startsWith("file:"),
  write: async (target, files, _context, effects) => {
    const dir = target.startsWith("file://")
      ? new URL(target).pathname
      : target.replace(/^file:/, "");
    for (const file of files) checkOutputName(file.name);
    const written = [];
    for (const file of files) {
      const location = join(dir, file.name);
      await effects.writeFileAtomic(location, file.bytes);
      written.push({ name: file.name, location });
    }
    return written;
  },
};
