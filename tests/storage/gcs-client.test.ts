import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, SourceError } from "../../src/errors.js";
import { gcsList, gcsRead, gcsStat, gcsWrite } from "../../src/storage/gcs-client.js";
import { startFakeGcsServer, type FakeGcsServer } from "../helpers/fake-gcs-server.js";

let gcs: FakeGcsServer;
let dir: string;
let opts: { apiEndpoint: string; projectId: string };
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("base64");

beforeAll(async () => {
  gcs = await startFakeGcsServer();
  gcs.createBucket("pf-data");
  opts = { apiEndpoint: gcs.endpoint, projectId: "test-project" };
  dir = await mkdtemp(join(tmpdir(), "pf-storage-"));
});
afterAll(async () => {
  await gcs.close();
  await rm(dir, { recursive: true, force: true });
});

describe("gcsWrite / gcsRead with the real client", () => {
  it("gcsWrite(gs://…) stores bytes, content type and provenance metadata; gcsRead returns them", async () => {
    const bytes = new TextEncoder().encode("time_utc,load_mw\n2024-06-01T00:00:00Z,1\n");
    const info = await gcsWrite("gs://pf-data/runs/a/PJME.csv", bytes, {
      ...opts,
      contentType: "text/csv",
      metadata: { input: "PJME_hourly.csv", startedAt: "2024-06-01T00:00:00.000Z" },
    });
    expect(info).toMatchObject({
      size: bytes.length,
      md5Base64: md5(bytes),
      contentType: "text/csv",
    });
    expect(info.generation).toMatch(/^\d+$/);
    expect(
      gcs.log.some(
        (l) =>
          l.startsWith("POST /upload/storage/v1/b/pf-data/o?") &&
          l.includes("uploadType=multipart"),
      ),
    ).toBe(true);
    const read = await gcsRead("gs://pf-data/runs/a/PJME.csv", opts);
    expect(new TextDecoder().decode(read.bytes)).toBe(new TextDecoder().decode(bytes));
    expect(read.info.metadata).toEqual({
      input: "PJME_hourly.csv",
      startedAt: "2024-06-01T00:00:00.000Z",
    });
    expect(read.info.generation).toBe(info.generation);
  });

  it("gcsWrite(ifGenerationMatch: 0) refuses to replace an existing object with 412 and keeps it", async () => {
    const first = await gcsWrite("gs://pf-data/keep.txt", new TextEncoder().encode("first"), opts);
    const error = await gcsWrite("gs://pf-data/keep.txt", new TextEncoder().encode("second"), {
      ...opts,
      ifGenerationMatch: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).httpStatus).toBe(412);
    expect((error as Error).message).toMatch(
      /GCS object changed by another writer: gs:\/\/pf-data\/keep.txt \(expected no object yet; nothing was overwritten\)/,
    );
    expect(gcs.object("pf-data", "keep.txt")!.data.toString()).toBe("first");
    expect(String(gcs.object("pf-data", "keep.txt")!.generation)).toBe(first.generation);
  });

  it("gcsWrite with a stale generation fails instead of clobbering a newer object", async () => {
    const v1 = await gcsWrite("gs://pf-data/race.txt", new TextEncoder().encode("v1"), opts);
    await gcsWrite("gs://pf-data/race.txt", new TextEncoder().encode("v2 by someone else"), opts);
    await expect(
      gcsWrite("gs://pf-data/race.txt", new TextEncoder().encode("v3 from stale view"), {
        ...opts,
        ifGenerationMatch: v1.generation!,
      }),
    ).rejects.toThrow(/changed by another writer.*expected generation \d+/);
    expect(gcs.object("pf-data", "race.txt")!.data.toString()).toBe("v2 by someone else");
  });

  it("gcsWrite retries a 503 on the upload and stores the object once", async () => {
    gcs.inject({
      method: "POST",
      path: /^\/upload\/storage\/v1\/b\/pf-data\/o\?.*name=retry.bin/,
      status: 503,
    });
    const bytes = randomBytes(4096);
    const before = gcs.log.length;
    const info = await gcsWrite("gs://pf-data/retry.bin", bytes, opts);
    expect(gcs.log.slice(before).filter((l) => l.startsWith("POST /upload")).length).toBe(2);
    expect(info.md5Base64).toBe(md5(bytes));
    expect(Buffer.compare(gcs.object("pf-data", "retry.bin")!.data, bytes)).toBe(0);
  }, 30_000);

  it("gcsWrite(resumable) survives a connection dropped mid-chunk: never half-visible, nothing lost", async () => {
    const bytes = randomBytes(1_200_000);
    const visibleAtDrop: (string | undefined)[] = [];
    gcs.inject({
      method: "PUT",
      path: /upload_id=/,
      dropAfterBytes: 100_000,
      onFire: () =>
        visibleAtDrop.push(gcs.object("pf-data", "big/model.bin")?.data.length.toString()),
    });
    const info = await gcsWrite("gs://pf-data/big/model.bin", bytes, {
      ...opts,
      resumableThresholdBytes: 1 << 20,
      chunkSizeBytes: 256 * 1024,
      metadata: { kind: "model" },
    });
    expect(visibleAtDrop).toEqual([undefined]);
    // 5 chunks of 256 KiB, plus the interrupted one resent after the client asked for the offset
    expect(
      gcs.log.filter((l) => l.startsWith("PUT") && l.includes("upload_id=")).length,
    ).toBeGreaterThanOrEqual(6);
    expect(gcs.log.some((l) => l.includes("uploadType=resumable") && l.startsWith("POST"))).toBe(
      true,
    );
    expect(info.size).toBe(bytes.length);
    const stored = gcs.object("pf-data", "big/model.bin")!;
    expect(Buffer.compare(stored.data, bytes)).toBe(0);
    expect(stored.metadata).toEqual({ kind: "model" });
    const read = await gcsRead("gs://pf-data/big/model.bin", opts);
    expect(md5(read.bytes)).toBe(md5(bytes));
  }, 60_000);

  it("gcsWrite retries a multipart upload whose connection dropped mid-body", async () => {
    const bytes = randomBytes(200_000);
    const visibleAtDrop: boolean[] = [];
    gcs.inject({
      method: "POST",
      path: /name=cut.bin/,
      dropAfterBytes: 50_000,
      onFire: () => visibleAtDrop.push(gcs.object("pf-data", "cut.bin") !== undefined),
    });
    const info = await gcsWrite("gs://pf-data/cut.bin", bytes, opts);
    expect(visibleAtDrop).toEqual([false]);
    expect(info.md5Base64).toBe(md5(bytes));
    expect(Buffer.compare(gcs.object("pf-data", "cut.bin")!.data, bytes)).toBe(0);
  }, 30_000);

  it("gcsWrite gives up after the retry budget on a 503 storm and leaves no object", async () => {
    gcs.inject({ method: "POST", path: /name=storm.bin/, status: 503, times: 10 });
    const error = await gcsWrite("gs://pf-data/storm.bin", randomBytes(100), {
      ...opts,
      retries: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/^GCS write failed: gs:\/\/pf-data\/storm.bin/);
    expect(gcs.object("pf-data", "storm.bin")).toBeUndefined();
  }, 30_000);

  it("gcsWrite finds the endpoint in POWERFLOW_GCS_ENDPOINT or STORAGE_EMULATOR_HOST", async () => {
    const host = gcs.endpoint.replace("http://", "");
    await gcsWrite("gs://pf-data/env/a.txt", new Uint8Array([1]), {
      env: { STORAGE_EMULATOR_HOST: host },
    });
    await gcsWrite("gs://pf-data/env/b.txt", new Uint8Array([2]), {
      env: { POWERFLOW_GCS_ENDPOINT: gcs.endpoint },
    });
    expect(gcs.object("pf-data", "env/a.txt")!.data).toEqual(Buffer.from([1]));
    expect(gcs.object("pf-data", "env/b.txt")!.data).toEqual(Buffer.from([2]));
  });

  it("gcsList(gs://bucket/prefix) lists only that prefix; gcsStat says undefined when absent", async () => {
    for (const n of ["list/a.csv", "list/b.csv", "lister.csv"])
      await gcsWrite(`gs://pf-data/${n}`, new Uint8Array([1]), opts);
    const listed = await gcsList("gs://pf-data/list/", opts);
    expect(listed.map((o) => o.uri)).toEqual([
      "gs://pf-data/list/a.csv",
      "gs://pf-data/list/b.csv",
    ]);
    expect(await gcsStat("gs://pf-data/list/none.csv", opts)).toBeUndefined();
    await expect(gcsRead("gs://pf-data/list/none.csv", opts)).rejects.toThrow(
      /GCS object not found/,
    );
    await expect(gcsWrite("gs://Bad_Bucket/x", new Uint8Array(), opts)).rejects.toThrow(InputError);
  });

  it("gcsWrite(spooled file) streams it from disk (resumable above the threshold) and checks its MD5", async () => {
    const bytes = randomBytes(600_000);
    const path = join(dir, "spool.bin");
    await writeFile(path, bytes);
    const spooled = { path, size: bytes.length, md5Base64: md5(bytes) };
    const before = gcs.log.length;
    const info = await gcsWrite("gs://pf-data/spooled/a.bin", spooled, {
      ...opts,
      resumableThresholdBytes: 256 * 1024,
      chunkSizeBytes: 256 * 1024,
      metadata: { sha256: "x" },
    });
    expect(info).toMatchObject({ size: bytes.length, md5Base64: md5(bytes) });
    expect(info.generation).toMatch(/^\d+$/);
    const requests = gcs.log.slice(before);
    expect(requests.some((l) => l.startsWith("POST") && l.includes("uploadType=resumable"))).toBe(
      true,
    );
    expect(requests.filter((l) => l.startsWith("PUT") && l.includes("upload_id=")).length).toBe(3);
    expect(Buffer.compare(gcs.object("pf-data", "spooled/a.bin")!.data, bytes)).toBe(0);
    expect(gcs.object("pf-data", "spooled/a.bin")!.metadata).toEqual({ sha256: "x" });
    const wrong = { ...spooled, md5Base64: md5(new Uint8Array([1])) };
    await expect(gcsWrite("gs://pf-data/spooled/b.bin", wrong, opts)).rejects.toThrow(
      /^GCS object checksum mismatch after upload: gs:\/\/pf-data\/spooled\/b.bin MD5 /,
    );
  }, 30_000);
});
