/**
 * The Store contract on each target kind, with real peers: a local folder, the real
 * `@google-cloud/storage` client against the local fake GCS server, and a local bare git
 * repository driven by the git CLI.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/open-store.js";
import type { StoreKind } from "../../src/storage/store.js";
import { startFakeGcsServer, type FakeGcsServer } from "../helpers/fake-gcs-server.js";
import { recordingEffects } from "../helpers/http-fixture-server.js";

let dir: string;
let gcs: FakeGcsServer;
const sha = (b: string) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-open-store-"));
  gcs = await startFakeGcsServer();
  gcs.createBucket("pf-store");
  execFileSync("git", ["init", "-q", "--bare", join(dir, "repo.git")]);
});
afterAll(async () => {
  await gcs.close();
  await rm(dir, { recursive: true, force: true });
});

// A 3 MB streamed blob in 1,000 chunks, as the ETL streams a CSV.
async function* bigCsv(): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < 1000; i++) {
    await Promise.resolve();
    yield new TextEncoder().encode(`${String(i).padStart(2999, "x")}\n`);
  }
}
const BIG = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(2999, "x")}\n`).join("");

const roots: Record<StoreKind, () => string> = {
  local: () => join(dir, "out"),
  gcs: () => "gs://pf-store/runs/r1",
  git: () => `git+file://${join(dir, "repo.git")}#reports:runs/r1`,
};

describe.each(Object.keys(roots) as StoreKind[])("openStore on a %s target", (kind) => {
  const settings = { apiEndpoint: "", authorName: "Store Test" };
  const open = (suffix = "") => {
    settings.apiEndpoint = gcs.endpoint;
    return openStore(`${roots[kind]()}${suffix}`, recordingEffects(), settings);
  };

  it("writes streamed and whole blobs, reads them back, lists them and rewrites nothing unchanged", async () => {
    const store = open();
    expect(store.kind).toBe(kind);
    const blobs = () => [
      { name: "big.csv", content: bigCsv(), rows: 1000 },
      { name: "index.html", content: "<h1>run</h1>" },
    ];
    const written = await store.write(blobs(), {
      provenance: { startedAt: "2024-06-01T00:00:00Z" },
    });
    expect(written.map((w) => [w.name, w.sha256, w.bytes])).toEqual([
      ["big.csv", sha(BIG), 3_000_000],
      ["index.html", sha("<h1>run</h1>"), 12],
    ]);
    expect(written[0]!.location.startsWith(store.describe("big.csv"))).toBe(true);
    expect(new TextDecoder().decode(await store.read("big.csv"))).toBe(BIG);
    expect(await store.read("missing.json")).toBeUndefined();
    await open("/zone=A").write([{ name: "a.manifest.json", content: "{}" }]);
    expect(await store.list()).toEqual(["big.csv", "index.html"]);
    expect(await store.list({ recursive: true })).toEqual([
      "big.csv",
      "index.html",
      "zone=A/a.manifest.json",
    ]);
    expect(new TextDecoder().decode(await store.read("zone=A/a.manifest.json"))).toBe("{}");
    // The same content again: the same places (the GCS generation and git commit unchanged).
    expect(await store.write(blobs())).toEqual(written);
  }, 60_000);

  it("describes where a blob is, and a missing target lists nothing", async () => {
    const store = open("/never-written");
    expect(await store.list({ recursive: true })).toEqual([]);
    expect(store.describe("x.html")).toBe(
      {
        local: join(dir, "out/never-written", "x.html"),
        gcs: "gs://pf-store/runs/r1/never-written/x.html",
        git: `git+file://${join(dir, "repo.git")}#reports:runs/r1/never-written/x.html`,
      }[kind],
    );
  }, 30_000);
});

describe("openStore settings", () => {
  it("the GCS store stores the content's sha256, rows and redacted provenance as object metadata", async () => {
    const store = openStore("gs://pf-store/meta", recordingEffects(), {
      apiEndpoint: gcs.endpoint,
    });
    await store.write([{ name: "m.csv", content: bigCsv(), rows: 1000, contentType: "text/csv" }], {
      provenance: { input: "postgres://etl:hunter22@db/grid", startedAt: "2024-06-01T00:00:00Z" },
    });
    const object = gcs.object("pf-store", "meta/m.csv")!;
    expect(object.contentType).toBe("text/csv");
    expect(object.metadata).toEqual({
      input: "postgres://etl:***@db/grid",
      startedAt: "2024-06-01T00:00:00Z",
      rows: "1000",
      sha256: sha(BIG),
    });
    expect(gcs.log.some((l) => l.includes("name=meta%2Fm.csv") && l.includes("uploadType"))).toBe(
      true,
    );
  });
});
