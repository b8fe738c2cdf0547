import { describe, expect, it } from "vitest";
import { rebuildRunIndex } from "../../../src/runner/report/rebuild-run-index.js";
import type { BlobInput, Store } from "../../../src/storage/store.js";
import { sampleManifest as manifest } from "../deploy/sample-manifest.js";

/** An in-memory store; `onList` lets a test add objects between listings (another shard). */
function memoryStore(
  files: Record<string, string>,
  onList?: (n: number) => void,
): Store & { files: Map<string, string>; writes: number } {
  const store = {
    kind: "local" as const,
    location: "memory",
    describe: (name: string) => name,
    files: new Map(Object.entries(files)),
    writes: 0,
    lists: 0,
    list: ({ recursive = false } = {}) => {
      onList?.(store.lists++);
      return Promise.resolve([...store.files.keys()].filter((n) => recursive || !n.includes("/")));
    },
    read: (name: string) => {
      const text = store.files.get(name);
      return Promise.resolve(text === undefined ? undefined : new TextEncoder().encode(text));
    },
    write: (blobs: readonly BlobInput[]) => {
      for (const blob of blobs) {
        if (typeof blob.content !== "string") throw new Error("memoryStore holds text only");
        store.writes++;
        store.files.set(blob.name, blob.content);
      }
      return Promise.resolve([]);
    },
  };
  return store;
}

const links = (html: string): string[] =>
  [...html.matchAll(/<a href="([^"]+\.html)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);

describe("rebuildRunIndex", () => {
  it("rebuildRunIndex(store) lists every shard folder's reports with folder-relative links", async () => {
    const store = memoryStore({
      "zone=BETA/01-ingest.manifest.json": JSON.stringify(manifest("01-ingest", "Ingest")),
      "zone=ALPHA/01-ingest.manifest.json": JSON.stringify(manifest("01-ingest", "Ingest")),
      "zone=ALPHA/02-forecast.manifest.json": JSON.stringify(
        manifest("02-forecast", "Forecast", "failed"),
      ),
      "zone=ALPHA/index.html": "<html>shard index</html>",
      "zone=ALPHA/01-ingest.html": "<html></html>",
      "notes/other.json": "{}",
      "zone=ALPHA/broken.manifest.json": "{not json",
      "zone=ALPHA/foreign.manifest.json": JSON.stringify({ schema: "something-else" }),
    });
    const result = await rebuildRunIndex(store);
    expect(result).toEqual({ reports: 3, folders: ["zone=ALPHA", "zone=BETA"], rounds: 1 });
    expect(links(store.files.get("index.html")!)).toEqual([
      "zone=ALPHA/01-ingest.html Ingest · zone=ALPHA",
      "zone=BETA/01-ingest.html Ingest · zone=BETA",
      "zone=ALPHA/02-forecast.html Forecast · zone=ALPHA",
    ]);
  });

  it("writes again when another shard's manifest appears between its write and its check", async () => {
    const store = memoryStore(
      { "zone=ALPHA/01-ingest.manifest.json": JSON.stringify(manifest("01-ingest", "Ingest")) },
      (n) => {
        if (n === 1)
          store.files.set(
            "zone=BETA/01-ingest.manifest.json",
            JSON.stringify(manifest("01-ingest", "Ingest")),
          );
      },
    );
    const result = await rebuildRunIndex(store);
    expect(result.rounds).toBe(2);
    expect(result.folders).toEqual(["zone=ALPHA", "zone=BETA"]);
    expect(links(store.files.get("index.html")!)).toHaveLength(2);
  });

  it("notices a rewritten manifest (a retried shard) and stops after maxRounds with a warning", async () => {
    let flips = 0;
    const warnings: string[] = [];
    const store = memoryStore(
      { "zone=A/x.manifest.json": JSON.stringify(manifest("x", "X")) },
      () => {
        store.files.set("zone=A/x.manifest.json", JSON.stringify(manifest("x", `X${flips++}`)));
      },
    );
    const logger = {
      info: () => undefined,
      debug: () => undefined,
      warn: (m: string) => void warnings.push(m),
    };
    const result = await rebuildRunIndex(store, { maxRounds: 3, logger });
    expect(result.rounds).toBe(3);
    expect(store.writes).toBe(3);
    expect(warnings).toEqual([
      "run index still changing after 3 rounds (other shards writing); a later shard rewrites it",
    ]);
  });

  it("lists root-level reports of an unsharded run too", async () => {
    const store = memoryStore({ "a.manifest.json": JSON.stringify(manifest("a", "A")) });
    expect(await rebuildRunIndex(store)).toEqual({ reports: 1, folders: [], rounds: 1 });
    expect(links(store.files.get("index.html")!)).toEqual(["a.html A"]);
  });
});
