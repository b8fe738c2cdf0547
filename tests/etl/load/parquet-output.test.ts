import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { renderParquet, renderParquetChunks } from "../../../src/etl/load/parquet-output.js";
import type { Frame } from "../../../src/frame.js";

const n = 201_500;
const frame: Frame = {
  length: n,
  columns: {
    timeUtcMs: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000),
    loadMw: Float64Array.from({ length: n }, (_, i) => (i % 50_000 === 7 ? Number.NaN : i / 4)),
    outlier: Uint8Array.from({ length: n }, (_, i) => (i % 1000 === 0 ? 1 : 0)),
    zone: Array.from({ length: n }, (_, i) => `Z${i % 3}`),
  },
};

describe("renderParquetChunks", () => {
  it("renderParquetChunks(frame) yields a row group at a time (1,000 rows, then 100,000) and then the footer, making renderParquet's file", async () => {
    const chunks = [...renderParquetChunks(frame, { "powerflow.input": "x.csv" })];
    expect(chunks).toHaveLength(5); // groups of 1,000 + 100,000 + 100,000 + 500 rows, footer
    const whole = renderParquet(frame, { "powerflow.input": "x.csv" });
    expect(chunks.reduce((s, c) => s + c.length, 0)).toBe(whole.length);
    const file = whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength);
    const meta = parquetMetadata(file as ArrayBuffer);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([1_000, 100_000, 100_000, 500]);
    expect(meta.key_value_metadata).toEqual([{ key: "powerflow.input", value: "x.csv" }]);
    const rows = await parquetReadObjects({
      file: file as ArrayBuffer,
      rowStart: 49_999,
      rowEnd: 50_009,
    });
    expect(
      (rows as Record<string, unknown>[]).map((r): unknown[] => [
        r.time_utc instanceof Date ? r.time_utc.getTime() : Number(r.time_utc),
        r.loadMw,
        r.outlier,
        r.zone,
      ]),
    ).toEqual(
      Array.from({ length: 10 }, (_, k) => {
        const i = 49_999 + k;
        return [
          Date.UTC(2024, 0, 1) + i * 60_000,
          i === 50_007 ? null : i / 4,
          i % 1000 === 0 ? 1 : 0,
          `Z${i % 3}`,
        ];
      }),
    );
  });
});
