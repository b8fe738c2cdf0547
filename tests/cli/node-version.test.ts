/**
 * `bin/powerflow.js` under a Node.js older than package.json's engines: a clear message naming
 * the version and the fix, exit code 2 — not a SyntaxError from deep inside dist/. Runs with the
 * system Node when it is older than 22.12; skips with the reason otherwise.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const SYSTEM_NODE = "/usr/bin/node";

function olderNode(): { path: string; version: string } | undefined {
  if (!existsSync(SYSTEM_NODE)) return undefined;
  const probe = spawnSync(SYSTEM_NODE, ["-p", "process.versions.node"], { encoding: "utf8" });
  const version = probe.stdout.trim();
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major < 22 || (major === 22 && minor < 12) ? { path: SYSTEM_NODE, version } : undefined;
}

const old = olderNode();
if (!old)
  process.stderr.write(`node-version test skipped: no Node older than 22.12 at ${SYSTEM_NODE}\n`);

describe.skipIf(!old)("powerflow under an old Node.js", () => {
  it("exits 2 naming the version, the requirement and the fix", () => {
    const run = spawnSync(old!.path, [resolve(ROOT, "bin", "powerflow.js"), "--help"], {
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Node.js ${old!.version} is too old`);
    expect(run.stderr).toContain("22.12");
    expect(run.stderr).toContain("source scripts/ensure-node.sh");
    expect(run.stderr).not.toContain("SyntaxError");
  });
});
