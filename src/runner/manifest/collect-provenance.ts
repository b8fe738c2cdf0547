/** Gathers run-wide provenance: git commit and dirty flag, lockfile hash, tool versions. */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { sha256Hex } from "../../util/sha256-hex.js";
import type { RunProvenance } from "./run-manifest.js";

const run = promisify(execFile);

/** Returns the provenance of a run started in project `root`; missing pieces become null. */
export async function collectProvenance(root: string): Promise<RunProvenance> {
  const [git, rest] = await Promise.all([gitState(root), collectVersions(root)]);
  return { git, ...rest };
}

/** Returns the provenance without git (no process started): the lockfile's hash and versions. */
export async function collectVersions(
  root: string,
): Promise<Pick<RunProvenance, "lockfileSha256" | "versions">> {
  const [lockfileSha256, versions] = await Promise.all([
    fileSha256(join(root, "package-lock.json")),
    toolVersions(root),
  ]);
  return { lockfileSha256, versions };
}

/** Returns the hex SHA-256 of a file, or null when it cannot be read. */
export async function fileSha256(path: string): Promise<string | null> {
  try {
    return sha256Hex(await readFile(path));
  } catch {
    return null;
  }
}

async function gitState(root: string): Promise<RunProvenance["git"]> {
  try {
    const head = await run("git", ["rev-parse", "HEAD"], { cwd: root });
    const status = await run("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd: root,
    });
    return { commit: head.stdout.trim(), dirty: status.stdout.trim() !== "" };
  } catch {
    return null;
  }
}

async function toolVersions(root: string): Promise<Record<string, string>> {
  const versions: Record<string, string> = { node: process.version };
  for (const [name, file] of [
    ["powerflow", "package.json"],
    ["tslab", "node_modules/tslab/package.json"],
    ["typescript-for-tslab", "node_modules/@tslab/typescript-for-tslab/package.json"],
  ] as const) {
    try {
      const manifest = JSON.parse(await readFile(join(root, file), "utf8")) as { version?: string };
      if (manifest.version) versions[name] = manifest.version;
    } catch {
      // not installed: left out
    }
  }
  return versions;
}
