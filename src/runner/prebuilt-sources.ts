/**
 * Whether notebooks may import the build (dist/src) in place of src/: only when every source file
 * has an output at least as new as itself. With it, the kernel skips type-checking and emitting
 * src/ (see bin/tslab-kernel.cjs, POWERFLOW_KERNEL_PREBUILT).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** The verdict on dist/ for one project root. */
export type PrebuiltSources = { usable: true } | { usable: false; reason: string };

/** Checks that dist/src holds a .js and a .d.ts no older than each src/**\/*.ts of `root`. */
export function checkPrebuiltSources(root: string): PrebuiltSources {
  const srcDir = join(root, "src");
  let sources: string[];
  try {
    sources = listTypeScript(srcDir);
  } catch {
    // An install without src/ can only use the build.
    return existsSync(join(root, "dist", "src"))
      ? { usable: true }
      : { usable: false, reason: "neither src/ nor dist/src exists" };
  }
  for (const source of sources) {
    const rel = relative(srcDir, source);
    const stem = join(root, "dist", "src", rel.replace(/\.ts$/, ""));
    const sourceTime = statSync(source).mtimeMs;
    for (const output of [`${stem}.js`, `${stem}.d.ts`]) {
      let outputTime: number;
      try {
        outputTime = statSync(output).mtimeMs;
      } catch {
        return { usable: false, reason: `${relative(root, output)} is missing` };
      }
      if (outputTime < sourceTime)
        return {
          usable: false,
          reason: `src/${rel} is newer than ${relative(root, output)}`,
        };
    }
  }
  return { usable: true };
}

function listTypeScript(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listTypeScript(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(path);
  }
  return files.sort();
}
