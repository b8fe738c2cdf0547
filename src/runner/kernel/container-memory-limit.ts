/** Reads the memory limit of the container (cgroup) this process runs in. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../../errors.js";

// cgroup v1 reports "no limit" as a huge number near 2^63 (rounded down to the page size).
const UNLIMITED_V1 = 2 ** 60;

/**
 * Returns the memory limit in bytes from cgroup v2 (`<root>/memory.max`), else cgroup v1
 * (`<root>/memory/memory.limit_in_bytes`); undefined when there is no limit or no cgroup file.
 * `root` defaults to /sys/fs/cgroup.
 */
export async function containerMemoryLimit(
  root: string = "/sys/fs/cgroup",
): Promise<number | undefined> {
  const v2 = await readTrimmed(join(root, "memory.max"));
  if (v2 !== undefined) return v2 === "max" ? undefined : bytes(v2, join(root, "memory.max"));
  const v1Path = join(root, "memory", "memory.limit_in_bytes");
  const v1 = await readTrimmed(v1Path);
  if (v1 === undefined) return undefined;
  const limit = bytes(v1, v1Path);
  return limit >= UNLIMITED_V1 ? undefined : limit;
}

async function readTrimmed(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch {
    return undefined;
  }
}

function bytes(text: string, path: string): number {
  if (!/^\d+$/.test(text))
    throw new InputError(`${path} holds "${text}" (expected a number of bytes or "max")`);
  return Number(text);
}
