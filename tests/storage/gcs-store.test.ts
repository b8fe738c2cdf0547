import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SourceError } from "../../src/errors.js";
import { normalizeEtlConfig } from "../../src/etl/etl-config.js";
import { runEtl } from "../../src/etl/pipeline.js";
import { gcsList } from "../../src/storage/gcs-client.js";
import { openStore } from "../../src/storage/open-store.js";
import type { BlobInput } from "../../src/storage/store.js";
import { sha256Hex } from "../../src/util/sha256-hex.js";
import { recordingEffects } from "../helpers/http-fixture-server.js";
import { startFakeGcsServer, type FakeGcsServer } from "../helpers/fake-gcs-server.js";

let gcs: FakeGcsServer;
let dir: string;
const file = (name: string, text: string) => ({
  name,
  content: new TextEncoder().encode(text),
  rows: 1,
  contentType: "text/csv",
});
// The GCS store as the ETL opens it: settings from the config's sink: block, then one write.
const gcsSink = {
  write: (
    target: string,
    files: BlobInput[],
    context: { provenance: Record<string, string>; settings: Record<string, unknown> },
    effects: ReturnType<typeof recordingEffects>,
  ) => openStore(target, effects, context.settings).write(files, context),
};

beforeAll(async () => {
  gcs = await startFakeGcsServer();
  gcs.createBucket("pf-data");
  dir = await mkdtemp(join(tmpdir(), "pf-gcs-sink-"));
});
afterAll(async () => {
  await gcs.close();
  await rm(dir, { recursive: true, force: true });
});

describe("gcsStore", () => {
  it("gcsStore.write stores each file with provenance; an identical re-run changes nothing", async () => {
    const context = {
      provenance: {
        input: "x.csv",
        source: "postgres://etl:hunter22@db/grid?table=load",
        startedAt: "2024-06-01T00:00:00.000Z",
      },
      settings: { apiEndpoint: gcs.endpoint },
    };
    const first = await gcsSink.write(
      "gs://pf-data/runs/a",
      [file("x.csv", "a,b\n1,2\n")],
      context,
      recordingEffects(),
    );
    const stored = gcs.object("pf-data", "runs/a/x.csv")!;
    expect(first).toEqual([
      {
        name: "x.csv",
        location: `gs://pf-data/runs/a/x.csv#${stored.generation}`,
        sha256: sha256Hex("a,b\n1,2\n"),
        bytes: 8,
      },
    ]);
    expect(stored.contentType).toBe("text/csv");
    expect(stored.metadata).toMatchObject({
      input: "x.csv",
      startedAt: "2024-06-01T00:00:00.000Z",
      rows: "1",
    });
    expect(stored.metadata.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.metadata.source).toBe("postgres://etl:***@db/grid?table=load");
    const uploads = gcs.log.filter((l) => l.startsWith("POST /upload")).length;
    const again = await gcsSink.write(
      "gs://pf-data/runs/a/",
      [file("x.csv", "a,b\n1,2\n")],
      context,
      recordingEffects(),
    );
    expect(again).toEqual(first);
    expect(gcs.log.filter((l) => l.startsWith("POST /upload")).length).toBe(uploads);
  });

  it("gcsStore.write refuses to replace an object from a later run unless overwrite is set", async () => {
    const later = {
      provenance: { startedAt: "2024-06-02T00:00:00.000Z" },
      settings: { apiEndpoint: gcs.endpoint },
    };
    const earlier = {
      provenance: { startedAt: "2024-06-01T00:00:00.000Z" },
      settings: { apiEndpoint: gcs.endpoint },
    };
    await gcsSink.write(
      "gs://pf-data/runs/b",
      [file("y.csv", "later\n")],
      later,
      recordingEffects(),
    );
    const error = await gcsSink
      .write("gs://pf-data/runs/b", [file("y.csv", "earlier\n")], earlier, recordingEffects())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(
      /GCS object is newer than this run: gs:\/\/pf-data\/runs\/b\/y.csv written by a run started 2024-06-02/,
    );
    expect(gcs.object("pf-data", "runs/b/y.csv")!.data.toString()).toBe("later\n");
    await gcsSink.write(
      "gs://pf-data/runs/b",
      [file("y.csv", "earlier\n")],
      { ...earlier, settings: { ...earlier.settings, overwrite: true } },
      recordingEffects(),
    );
    expect(gcs.object("pf-data", "runs/b/y.csv")!.data.toString()).toBe("earlier\n");
  });

  it("openStore(gs://…) is the GCS store and runEtl writes outputs and manifest to the bucket", async () => {
    expect(openStore("gs://pf-data/x", recordingEffects()).kind).toBe("gcs");
    const input = join(dir, "in.csv");
    const rows = Array.from(
      { length: 48 },
      (_, h) => `${new Date(Date.UTC(2024, 5, 1, h)).toISOString()},${1000 + h}`,
    );
    await writeFile(input, `time_utc,load_mw\n${rows.join("\n")}\n`);
    const config = normalizeEtlConfig({
      input,
      out: "gs://pf-data/etl/run1",
      sink: { apiEndpoint: gcs.endpoint },
    });
    const manifest = await runEtl(config, recordingEffects());
    expect(manifest.counts.reconciled).toBe(true);
    for (const output of manifest.outputs) {
      const [uri, generation] = output.location.split("#");
      const stored = gcs.object("pf-data", uri!.replace("gs://pf-data/", ""))!;
      expect(String(stored.generation)).toBe(generation);
      expect(stored.metadata.input).toBe(input);
    }
    const names = (await gcsList("gs://pf-data/etl/run1/", { apiEndpoint: gcs.endpoint })).map(
      (o) => o.uri,
    );
    expect(names).toContain("gs://pf-data/etl/run1/in.manifest.json");
    expect(names.length).toBe(manifest.outputs.length + 1);
  });
});
