/**
 * Loads a heavy dependency (TensorFlow.js, date-holidays, Observable Plot, jsdom) on first use
 * rather than when `src/index` is imported, so notebooks, the CLI and the ETL path do not pay for
 * what they never call.
 * Works in the tslab kernel (CommonJS), vitest and the compiled ESM CLI: Node ≥ 22.12 can
 * `require()` ES modules.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "./package-root.js";

const cache = new Map<string, unknown>();

/** Returns the module `name`, resolved from the project root and cached. */
export function lazyModule<T>(name: string): T {
  let loaded = cache.get(name);
  if (loaded === undefined) {
    loaded = createRequire(join(packageRoot(), "package.json"))(name) as unknown;
    cache.set(name, loaded);
  }
  return loaded as T;
}
