import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Returns the PowerFlow project root: $POWERFLOW_ROOT when set (the CLI sets it), else the
 * nearest folder above `start` whose package.json is named "powerflow". Works the same in the
 * tslab kernel (CommonJS, no import.meta), in vitest and in the compiled CLI.
 */
export function packageRoot(start: string = process.cwd()): string {
  const fromEnv = process.env.POWERFLOW_ROOT;
  if (fromEnv) return fromEnv;
  let dir = resolve(start);
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && isPowerFlowManifest(manifest)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

function isPowerFlowManifest(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { name?: unknown }).name === "powerflow";
  } catch {
    return false;
  }
}
