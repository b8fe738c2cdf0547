/**
 * The Store a run writes its reports to: `--out` as a local folder (resolved, so log lines show
 * where the files are) or `gs://bucket/prefix`. A bucket root and git targets are refused: a
 * run's reports and index need a folder of their own, and shards rebuilding one index rely on
 * the object store's generation checks.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Effects } from "../effects.js";
import { InputError } from "../errors.js";
import { openStore } from "../storage/open-store.js";
import { parseTarget, type StoreTarget } from "../storage/parse-target.js";
import type { Store } from "../storage/store.js";
import { redactSecrets } from "../util/redact-secrets.js";

/** Returns the checked target of a run's `--out`; throws InputError for other destinations. */
export function reportTarget(out: string): StoreTarget {
  const target = parseTarget(out);
  if (target.kind === "local") return { kind: "local", path: resolve(target.path) };
  if (target.kind === "gcs" && target.prefix === "")
    throw new InputError(`invalid --out: ${out} (expected gs://bucket/prefix)`);
  if (target.kind === "git")
    throw new InputError(
      `unsupported --out destination: ${redactSecrets(out)} (expected a local folder or gs://bucket/prefix)`,
    );
  return target;
}

/** Returns the Store of a run's `--out` (see `reportTarget`). */
export function openReportStore(out: string, effects: Effects): Store {
  return openStore(reportTarget(out), effects);
}

/**
 * Returns the Store of reports a run wrote (`powerflow verify`): as `openReportStore`, but a local
 * folder must exist (InputError otherwise).
 */
export function openWrittenReportStore(out: string, effects: Effects): Store {
  const target = reportTarget(out);
  if (target.kind === "local" && !statSync(target.path, { throwIfNoEntry: false })?.isDirectory())
    throw new InputError(
      `reports folder not found: ${out} (expected a folder written by powerflow run)`,
    );
  return openStore(target, effects);
}
