import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractCsv } from "../../../src/etl/extract/csv-extract.js";
import { seededRandom } from "../../../src/util/seeded-random.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-scan-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TEXT =
  '\uFEFFtime,load,note\r\n2024-01-01T00:00Z,1.5,plain\r\n\r\n"2024-01-01T01:00Z","2","quoted, with comma"\r\n' +
  '2024-01-01T02:00Z,3,"two\r\nlines"\r\n2024-01-01T03:00Z,x,bad\r\n2024-01-01T04:00Z,5,"say ""hi"""\r\n2024-01-01T05:00Z,6';

function chunked(bytes: Uint8Array, sizes: () => number) {
  return async function* () {
    for (let i = 0; i < bytes.length;) {
      const n = Math.max(1, sizes());
      yield await Promise.resolve(bytes.slice(i, i + n));
      i += n;
    }
  };
}

describe("CSV scanner chunk boundaries", () => {
  it("extractCsv gives identical rows, lines and quarantine whatever the chunk sizes", async () => {
    const path = join(dir, "mixed.csv");
    const bytes = new TextEncoder().encode(TEXT);
    await writeFile(path, bytes);
    const whole = await extractCsv(path);
    expect(Array.from(whole.frame.columns.loadMw as Float64Array)).toEqual([1.5, 2, 3, 5, 6]);
    expect(Array.from(whole.frame.columns.line as Int32Array)).toEqual([2, 4, 5, 8, 9]);
    expect(whole.quarantine.map((q) => [q.line, q.raw])).toEqual([[7, "2024-01-01T03:00Z,x,bad"]]);
    expect(whole.rowsRead).toBe(6);
    const random = seededRandom(3);
    for (const maxChunk of [1, 2, 3, 7, 64]) {
      const open = chunked(bytes, () => Math.ceil(random.next() * maxChunk));
      const r = await extractCsv(path, { open: () => open() });
      expect(Array.from(r.frame.columns.loadMw as Float64Array)).toEqual([1.5, 2, 3, 5, 6]);
      expect(Array.from(r.frame.columns.line as Int32Array)).toEqual([2, 4, 5, 8, 9]);
      expect(r.quarantine).toEqual(whole.quarantine);
      expect(r.source.sha256).toBe(whole.source.sha256);
    }
  });

  it("extractCsv(glob) reads several files as one series with per-file hashes", async () => {
    await writeFile(join(dir, "part-a.csv"), "time,load\n2024-01-01T00:00Z,1\n");
    await writeFile(join(dir, "part-b.csv"), "time,load\n2024-01-01T01:00Z,2\n");
    const r = await extractCsv(join(dir, "part-*.csv"));
    expect(r.files.map((f) => f.path.split("/").pop())).toEqual(["part-a.csv", "part-b.csv"]);
    expect(r.rowsRead).toBe(2);
    expect(Array.from(r.frame.columns.loadMw as Float64Array)).toEqual([1, 2]);
    await expect(extractCsv(join(dir, "none-*.csv"))).rejects.toThrow(/CSV input matches no files/);
  });
});
