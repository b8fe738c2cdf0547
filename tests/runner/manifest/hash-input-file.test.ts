import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashInputFile } from "../../../src/runner/manifest/hash-input-file.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-hash-input-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("hashInputFile", () => {
  it("hashInputFile(regular file) streams its SHA-256 (also through a symlink)", async () => {
    const bytes = Buffer.alloc(3 * (1 << 20) + 17, 7);
    await writeFile(join(dir, "data.bin"), bytes);
    await symlink(join(dir, "data.bin"), join(dir, "link.bin"));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(await hashInputFile("data.bin", join(dir, "data.bin"))).toEqual({
      path: "data.bin",
      sha256,
      bytes: bytes.length,
    });
    expect((await hashInputFile("link.bin", join(dir, "link.bin")))?.sha256).toBe(sha256);
  });

  it("hashInputFile(/dev/zero, a FIFO, a folder, a missing path) reads nothing and returns undefined", async () => {
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    for (const path of ["/dev/zero", "/dev/urandom", fifo, dir, join(dir, "missing")])
      expect(await hashInputFile(path, path)).toBeUndefined();
  });

  it("hashInputFile(file over the cap) records its size and a note instead of a hash", async () => {
    await writeFile(join(dir, "big.csv"), Buffer.alloc(2048, 1));
    expect(await hashInputFile("big.csv", join(dir, "big.csv"), 1024)).toEqual({
      path: "big.csv",
      sha256: null,
      bytes: 2048,
      note: "not hashed: 2048 bytes is over the 1024-byte cap (powerflow run --input-hash-max-bytes)",
    });
  });
});
