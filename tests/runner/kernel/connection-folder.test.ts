// Connection folders name their owner; those of runners that are gone are swept by the next launch.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createConnectionFolder,
  removeStaleConnectionFolders,
} from "../../../src/runner/kernel/connection-folder.js";
import { cleanedTempDirs } from "../helpers/run-fixture.js";

const tempDir = cleanedTempDirs();

// The pid of a process that has exited.
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid;
}

async function folder(parent: string, name: string, owner?: string): Promise<string> {
  const dir = join(parent, name);
  await mkdir(dir);
  await writeFile(join(dir, "kernel.json"), "{}");
  if (owner !== undefined) await writeFile(join(dir, "owner.pid"), owner);
  return dir;
}

describe("connection folders", () => {
  it("removes folders whose owner is gone; keeps live owners', ownerless and unrelated ones", async () => {
    const parent = await tempDir("powerflow-folders-");
    const dead = await folder(parent, "powerflow-kernel-dead", String(deadPid()));
    const live = await folder(parent, "powerflow-kernel-live", String(process.pid));
    const ownerless = await folder(parent, "powerflow-kernel-old");
    const other = await folder(parent, "something-else", String(deadPid()));
    expect(await removeStaleConnectionFolders(parent)).toEqual([dead]);
    expect([dead, live, ownerless, other].map((d) => existsSync(d))).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it("a new folder names this process as owner and sweeps stale ones first", async () => {
    const parent = await tempDir("powerflow-folders-");
    const dead = await folder(parent, "powerflow-kernel-dead", String(deadPid()));
    const created = await createConnectionFolder(parent);
    expect(await readFile(join(created, "owner.pid"), "utf8")).toBe(String(process.pid));
    expect(existsSync(dead)).toBe(false);
  });
});
