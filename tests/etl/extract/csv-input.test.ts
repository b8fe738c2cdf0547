import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractCsv } from "../../../src/etl/extract/csv-extract.js";
import { openCsvInput } from "../../../src/etl/extract/csv-input.js";
import { findSource } from "../../../src/etl/sources.js";
import { gcsWrite } from "../../../src/storage/gcs-client.js";
import { startFakeGcsServer, type FakeGcsServer } from "../../helpers/fake-gcs-server.js";

let gcs: FakeGcsServer;
// Three years of hourly rows: about 1 MB, several network chunks.
const HOURS = 3 * 8760;
const bigCsv =
  "time,load\n" +
  Array.from(
    { length: HOURS },
    (_, h) => `${new Date(Date.UTC(2020, 0, 1) + h * 3_600_000).toISOString()},${1000 + (h % 97)}`,
  ).join("\n") +
  "\n";
const saved = { ...process.env };

beforeAll(async () => {
  gcs = await startFakeGcsServer();
  gcs.createBucket("pf-in");
  process.env.POWERFLOW_GCS_ENDPOINT = gcs.endpoint;
  process.env.POWERFLOW_GCS_PROJECT = "test-project";
  const csv = (h: number) => `time,load\n2024-01-01T0${h}:00Z,${h}\n`;
  await gcsWrite("gs://pf-in/load/a.csv", new TextEncoder().encode(csv(0)));
  await gcsWrite("gs://pf-in/load/b.csv.gz", new Uint8Array(gzipSync(csv(1))));
  await gcsWrite("gs://pf-in/other/c.csv", new TextEncoder().encode(csv(2)));
  await gcsWrite("gs://pf-in/big/year.csv", new TextEncoder().encode(bigCsv));
  await gcsWrite("gs://pf-in/big/year.csv.gz", new Uint8Array(gzipSync(bigCsv)));
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

  it("streams a gs:// object in chunks rather than reading it whole, .gz included", async () => {
    for (const uri of ["gs://pf-in/big/year.csv", "gs://pf-in/big/year.csv.gz"]) {
      let chunks = 0;
      let bytes = 0;
      for await (const chunk of openCsvInput(uri)) {
        chunks += 1;
        bytes += chunk.length;
      }
      expect(bytes).toBe(Buffer.byteLength(bigCsv));
      expect(chunks).toBeGreaterThan(1);
    }
    const r = await extractCsv("gs://pf-in/big/year.csv");
    expect(r.frame.length).toBe(HOURS);
    expect(r.rowsRead).toBe(HOURS);
  });

  it("fails a corrupt gs:// download on its checksum, naming the object, plain or gzipped", async () => {
    for (const uri of ["gs://pf-in/big/year.csv", "gs://pf-in/big/year.csv.gz"]) {
      gcs.inject({ method: "GET", path: /alt=media/, corruptBody: true });
      await expect(extractCsv(uri)).rejects.toThrow(
        new RegExp(
          `GCS read failed: ${uri.replace(/[.]/g, "\\.")}: the downloaded bytes do not match the object's CRC32C`,
        ),
      );
    }
    // The next, clean download succeeds.
    expect((await extractCsv("gs://pf-in/big/year.csv")).frame.length).toBe(HOURS);
  });

  it("extractCsv(missing gs:// object or empty glob) fails naming it", async () => {
    await expect(extractCsv("gs://pf-in/load/nope.csv")).rejects.toThrow(/nope\.csv/);
    await expect(extractCsv("gs://pf-in/none/*.csv")).rejects.toThrow(
      /CSV input matches no objects: "gs:\/\/pf-in\/none\/\*\.csv"/,
    );
  });
});
