/**
 * Hashes one candidate input file of a notebook run (a string parameter that names a file).
 * Only regular files are read — never a device (/dev/zero), FIFO, socket or folder — and they
 * are streamed, up to a size cap; a file over the cap is recorded with a note instead of a hash.
 */
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { RUN_DEFAULTS } from "../run-defaults.js";

/** An input file as the manifest records it: hashed, or over the cap with a note. */
export interface InputFile {
  path: string;
  /** hex SHA-256, or null when the file was not hashed (see `note`) */
  sha256: string | null;
  bytes: number;
  note?: string;
}

/**
 * Returns the SHA-256 of the regular file at `absolutePath` (recorded as `path`), a note when it
 * is larger than `maxBytes`, or undefined when nothing readable and regular is there.
 */
export async function hashInputFile(
  path: string,
  absolutePath: string,
  maxBytes: number = RUN_DEFAULTS.inputHashMaxBytes,
): Promise<InputFile | undefined> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked on the open
    // descriptor, so the path cannot be swapped between the check and the read.
    handle = await open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined; // not a readable file: an ordinary string parameter
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return undefined;
    if (stat.size > maxBytes) return overCap(path, stat.size, maxBytes);
    const hash = createHash("sha256");
    const buffer = Buffer.alloc(1 << 20);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return overCap(path, total, maxBytes); // grew while read
      hash.update(buffer.subarray(0, bytesRead));
    }
    return { path, sha256: hash.digest("hex"), bytes: total };
  } finally {
    await handle.close();
  }
}

function overCap(path: string, bytes: number, maxBytes: number): InputFile {
  return {
    path,
    sha256: null,
    bytes,
    note: `not hashed: ${bytes} bytes is over the ${maxBytes}-byte cap (powerflow run --input-hash-max-bytes)`,
  };
}
