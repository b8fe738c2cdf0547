/**
 * The private temp folder of one kernel's connection file. Each folder names the runner that
 * owns it (owner.pid), so a later launch removes the folders of runners that are gone
 * (a runner and its kernel killed together never remove their own).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "powerflow-kernel-";
const OWNER_FILE = "owner.pid";

/** Returns a new connection folder owned by this process, after sweeping stale ones. */
export async function createConnectionFolder(parent: string = tmpdir()): Promise<string> {
  await removeStaleConnectionFolders(parent);
  const dir = await mkdtemp(join(parent, PREFIX));
  await writeFile(join(dir, OWNER_FILE), String(process.pid), { mode: 0o600 });
  return dir;
}

/**
 * Removes the connection folders in `parent` whose owner process no longer runs; returns their
 * paths. Folders without an owner file, or whose owner runs (another live runner), are kept.
 */
export async function removeStaleConnectionFolders(parent: string = tmpdir()): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(parent)).filter((name) => name.startsWith(PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const dir = join(parent, name);
    const owner = await readFile(join(dir, OWNER_FILE), "utf8").catch(() => undefined);
    const pid = Number(owner);
    if (owner === undefined || !Number.isInteger(pid) || pid <= 0 || isRunning(pid)) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
