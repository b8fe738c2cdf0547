/**
 * Where a run's outputs go. `powerflow run --out <dir>` writes into a local folder through
 * `localReportSink`; other destinations (e.g. gs://bucket/prefix) plug in by returning another
 * ReportSink from `createReportSink`.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Effects } from "../effects.js";
import { InputError } from "../errors.js";
import { isGcsUri } from "../etl/load/storage.js";
import { gcsReportSink } from "./deploy/gcs-report-sink.js";

/** A destination for report files, addressed by file name relative to the output root. */
export interface ReportSink {
  /** Human-readable location, for log lines. */
  location: string;
  /** Writes one file atomically (readers never see half a file). */
  write(name: string, data: string | Uint8Array): Promise<void>;
  /** Lists the file names already present (used to keep index.html complete across runs). */
  list(): Promise<string[]>;
  read(name: string): Promise<string | undefined>;
  /** Returns a path or URL to show for `name`. */
  describe(name: string): string;
}

/** Returns the sink for `out`: gs://bucket/prefix (Cloud Storage) or a local folder. */
export function createReportSink(out: string, effects: Effects): ReportSink {
  if (isGcsUri(out)) return gcsReportSink(out);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(out)) {
    throw new InputError(
      `unsupported --out destination: ${out} (expected a local folder or gs://bucket/prefix)`,
    );
  }
  return localReportSink(out, effects);
}

/** Returns a sink writing into the local folder `dir`. */
export function localReportSink(dir: string, effects: Effects): ReportSink {
  const root = resolve(dir);
  return {
    location: root,
    write: (name, data) => effects.writeFileAtomic(join(root, name), data),
    list: async () => {
      try {
        return (await readdir(root)).sort();
      } catch {
        return [];
      }
    },
    read: async (name) => {
      try {
        return await readFile(join(root, name), "utf8");
      } catch {
        return undefined;
      }
    },
    describe: (name) => join(root, name),
  };
}
