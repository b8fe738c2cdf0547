/**
 * Opens the Store of an output target: the one place that maps a target kind to its
 * implementation. To add a kind, extend `parseTarget` and add a case here (see CONTRIBUTING.md,
 * "Add a sink").
 */
import type { Effects } from "../effects.js";
import { gcsStore, type GcsStoreOptions } from "./gcs-store.js";
import { gitStore, type LoadToGitOptions } from "./git-store.js";
import { localStore } from "./local-store.js";
import { parseTarget, type StoreTarget } from "./parse-target.js";
import type { Store } from "./store.js";

/**
 * Returns the Store of `target` (a string is parsed with `parseTarget`, which throws InputError
 * for anything but a local folder, `gs://…` or `git+…`). `settings` are the target's own, as in
 * the ETL config's `sink:` block; unknown keys and wrongly typed values are ignored:
 * - gs: `apiEndpoint`, `projectId` (default: from `env`, see GcsOptions), `retries` (default 4),
 *   `overwrite` (default false), `env` (default process.env);
 * - git: `authorName` (default "PowerFlow ETL"), `authorEmail` (default "powerflow@localhost"),
 *   `committerName`, `committerEmail` (default: the author).
 */
export function openStore(
  target: string | StoreTarget,
  effects: Effects,
  settings: Record<string, unknown> = {},
): Store {
  const t = typeof target === "string" ? parseTarget(target) : target;
  if (t.kind === "local") return localStore(t.path, effects);
  if (t.kind === "gcs") {
    const options: GcsStoreOptions = { overwrite: settings.overwrite === true };
    for (const key of ["apiEndpoint", "projectId"] as const) {
      const value = settings[key];
      if (typeof value === "string") options[key] = value;
    }
    if (typeof settings.retries === "number") options.retries = settings.retries;
    if (typeof settings.env === "object" && settings.env !== null)
      options.env = settings.env as Record<string, string | undefined>;
    return gcsStore(t, effects, options);
  }
  const options: LoadToGitOptions = {};
  for (const key of ["authorName", "authorEmail", "committerName", "committerEmail"] as const) {
    const value = settings[key];
    if (typeof value === "string") options[key] = value;
  }
  return gitStore(t, effects, options);
}
