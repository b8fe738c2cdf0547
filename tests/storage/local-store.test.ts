import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeEffects, silentLogger } from "../../src/effects.js";
import { InputError } from "../../src/errors.js";
import { localStore } from "../../src/storage/local-store.js";
import { memoryEffects } from "../helpers/memory-effects.js";

let dir: string;
const effects = nodeEffects({ logger: silentLogger() });
const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
const text = new TextEncoder();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-local-store-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function* chunks(parts: string[], failAfter = Infinity): AsyncGenerator<Uint8Array> {
  for (const [i, part] of parts.entries()) {
    if (i >= failAfter) throw new Error("source broke");
    await Promise.resolve();
    yield text.encode(part);
  }
}

describe("localStore", () => {
  it("localStore(dir).write takes bytes, text and streamed chunks, hashing exactly what it wrote", async () => {
    const store = localStore(join(dir, "a", "b"), effects);
    const written = await store.write([
      { name: "x.bin", content: new Uint8Array([1, 2, 3]) },
      { name: "y.txt", content: "héllo" },
      { name: "z.csv", content: chunks(["a,b\n", "1,2\n", "3,4\n"]) },
      { name: "w.csv", content: [text.encode("sync\n"), text.encode("chunks\n")] },
    ]);
    expect(written).toEqual([
      {
        name: "x.bin",
        location: join(dir, "a", "b", "x.bin"),
        sha256: sha(new Uint8Array([1, 2, 3])),
        bytes: 3,
      },
      { name: "y.txt", location: join(dir, "a", "b", "y.txt"), sha256: sha("héllo"), bytes: 6 },
      {
        name: "z.csv",
        location: join(dir, "a", "b", "z.csv"),
        sha256: sha("a,b\n1,2\n3,4\n"),
        bytes: 12,
      },
      {
        name: "w.csv",
        location: join(dir, "a", "b", "w.csv"),
        sha256: sha("sync\nchunks\n"),
        bytes: 12,
      },
    ]);
    expect(await readFile(join(dir, "a", "b", "z.csv"), "utf8")).toBe("a,b\n1,2\n3,4\n");
    expect(store.describe("z.csv")).toBe(join(dir, "a", "b", "z.csv"));
    expect(store.location).toBe(join(dir, "a", "b"));
  });

  it("a streamed write whose source fails leaves neither the file nor a temp file, and the old file intact", async () => {
    const store = localStore(join(dir, "fail"), effects);
    await store.write([{ name: "out.csv", content: "old\n" }]);
    await expect(
      store.write([{ name: "out.csv", content: chunks(["new1\n", "new2\n", "new3\n"], 2) }]),
    ).rejects.toThrow(/source broke/);
    expect(await readdir(join(dir, "fail"))).toEqual(["out.csv"]);
    expect(await readFile(join(dir, "fail", "out.csv"), "utf8")).toBe("old\n");
  });

  it("read gives the bytes or undefined; list gives direct children or, recursive, every file", async () => {
    const root = join(dir, "tree");
    const store = localStore(root, effects);
    expect(await store.list()).toEqual([]);
    expect(await store.read("none.json")).toBeUndefined();
    await store.write([{ name: "index.html", content: "<p>" }]);
    await localStore(join(root, "zone=A"), effects).write([
      { name: "a.manifest.json", content: "{}" },
    ]);
    expect(await store.list()).toEqual(["index.html"]);
    expect(await store.list({ recursive: true })).toEqual(["index.html", "zone=A/a.manifest.json"]);
    expect(new TextDecoder().decode(await store.read("zone=A/a.manifest.json"))).toBe("{}");
    await expect(store.read("../escape")).rejects.toThrow(InputError);
    await expect(store.write([{ name: "zone=A/b.json", content: "" }])).rejects.toThrow(
      /^output name holds a path separator: "zone=A\/b.json"/,
    );
  });

  it("localStore runs on in-memory Effects: nothing touches the disk", async () => {
    const memory = memoryEffects();
    const root = join(dir, "memory");
    const store = localStore(root, memory);
    await store.write([
      { name: "a.csv", content: chunks(["1\n", "2\n"]) },
      { name: "b.json", content: "{}" },
    ]);
    expect([...memory.files.keys()]).toEqual([join(root, "a.csv"), join(root, "b.json")]);
    expect(await store.list()).toEqual(["a.csv", "b.json"]);
    expect(new TextDecoder().decode(await store.read("a.csv"))).toBe("1\n2\n");
    expect(await store.read("c.csv")).toBeUndefined();
    expect(existsSync(root)).toBe(false);
  });
});
