import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractCsv } from "../../../src/etl/extract/csv-extract.js";
import { findSource } from "../../../src/etl/sources.js";
import { writeObject } from "../../../src/etl/load/storage.js";
import { startFakeGcsServer, type FakeGcsServer } from "../../helpers/fake-gcs-server.js";

let gcs: FakeGcsServer;
const saved = { ...process.env };

beforeAll(async () => {
  gcs = await startFakeGcsServer();
  gcs.createBucket("pf-in");
  process.env.POWERFLOW_GCS_ENDPOINT = gcs.endpoint;
  process.env.POWERFLOW_GCS_PROJECT = "test-project";
  const csv = (h: number) => `time,load\n2024-01-01T0${h}:00Z,${h}\n`;
  await writeObject("gs://pf-in/load/a.csv", new TextEncoder().encode(csv(0)));
  await writeObject("gs://pf-in/load/b.csv.gz", new Uint8Array(gzipSync(csv(1))));
  await writeObject("gs://pf-in/other/c.csv", new TextEncoder().encode(csv(2)));
});
afterAll(async () => {
  process.env = saved;
  await gcs.close();
});

describe("CSV input from gs://", () => {
  it("extractCsv(gs://bucket/load/*) reads the matching objects (.gz too) with their hashes", async () => {
    expect(findSource("gs://pf-in/load/a.csv").name).toBe("csv");
    const r = await extractCsv("gs://pf-in/load/*");
    expect(r.files.map((f) => f.path)).toEqual([
      "gs://pf-in/load/a.csv",
      "gs://pf-in/load/b.csv.gz",
    ]);
    expect(Array.from(r.frame.columns.loadMw as Float64Array)).toEqual([0, 1]);
    expect(r.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("extractCsv(missing gs:// object or empty glob) fails naming it", async () => {
    await expect(extractCsv("gs://pf-in/load/nope.csv")).rejects.toThrow(/nope\.csv/);
    await expect(extractCsv("gs://pf-in/none/*.csv")).rejects.toThrow(
      /CSV input matches no objects: "gs:\/\/pf-in\/none\/\*\.csv"/,
    );
  });
});
