/**
 * Finds the real public data sets beside the checkout (../shared/data), overridable with
 * POWERFLOW_SHARED_DATA. Tests that need them use `describeWithSharedData`, which skips with a
 * visible reason (printed once) when the folder is absent, as in a user's clone.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");

/** Absolute path of the shared data folder (it may not exist). */
export const SHARED_DATA_DIR = resolve(
  process.env.POWERFLOW_SHARED_DATA ?? join(root, "..", "shared", "data"),
);

/** True when the shared data folder exists. */
export const HAS_SHARED_DATA = existsSync(SHARED_DATA_DIR);

let warned = false;

/** Returns the absolute path of `file` inside the shared data folder. */
export function sharedDataFile(file: string): string {
  return join(SHARED_DATA_DIR, file);
}

/** `describe` when the shared data exists, else `describe.skip` with the reason printed once. */
export function describeWithSharedData(name: string, body: () => void): void {
  if (HAS_SHARED_DATA) {
    describe(name, body);
    return;
  }
  if (!warned) {
    warned = true;
    process.stderr.write(
      `SKIPPED real-data tests: ${SHARED_DATA_DIR} not found (set POWERFLOW_SHARED_DATA to the folder of PJME_hourly.csv etc.)\n`,
    );
  }
  describe.skip(`${name} [skipped: no shared data at ${SHARED_DATA_DIR}]`, body);
}
