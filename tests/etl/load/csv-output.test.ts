import { describe, expect, it } from "vitest";
import { renderCsv, renderCsvChunks } from "../../../src/etl/load/csv-output.js";
import type { Frame } from "../../../src/frame.js";

// What the CSV must say, written the slow, obvious way: toISOString, String(), quoting.
function oracle(frame: Frame, names: string[]): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const t = frame.columns.timeUtcMs as Float64Array;
  const lines = [`time_utc,${names.map(quote).join(",")}`];
  for (let i = 0; i < frame.length; i++) {
    const cells = names.map((n) => {
      const v = frame.columns[n]![i]!;
      if (typeof v === "string") return quote(v);
      return Number.isNaN(v) ? "" : String(v);
    });
    lines.push([new Date(t[i]!).toISOString(), ...cells].join(","));
  }
  return `${lines.join("\n")}\n`;
}

const SPECIAL = [
  Number.NaN,
  -0,
  0,
  1e-7,
  -1e-7,
  1e21,
  -1e21,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  123.456,
  -5,
  1e300,
  Infinity,
  -Infinity,
  0.1 + 0.2,
];
const STAMPS = [
  0, 1, 86_399_999, 86_400_000, 951_782_400_123, 253_402_300_799_999, 253_402_300_800_000, -1,
  -62_198_755_200_000, 1.5,
];

describe("renderCsvChunks", () => {
  it("renderCsvChunks(frame) writes what toISOString and String() write, every column kind, in chunks of about 1 MiB", () => {
    const n = 60_000;
    const frame: Frame = {
      length: n,
      columns: {
        timeUtcMs: Float64Array.from(
          { length: n },
          (_, i) => STAMPS[i] ?? 1_420_070_400_000 + i * 61_237,
        ),
        line: Int32Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * i * 40_000),
        loadMw: Float64Array.from(
          { length: n },
          (_, i) => SPECIAL[i] ?? (i % 3 ? (i - 20_000) / 7 : i * 3),
        ),
        outlier: Uint8Array.from({ length: n }, (_, i) => i % 256),
        zone: Array.from({ length: n }, (_, i) => (i % 5 ? `Zone ${i}` : `Zürich "${i}", a\nb`)),
      },
    };
    const chunks = [...renderCsvChunks(frame)];
    const text = new TextDecoder().decode(renderCsv(frame));
    expect(text).toBe(oracle(frame, ["loadMw", "line", "outlier", "zone"]));
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(1 << 20);
      expect(chunk.length).toBeLessThan((1 << 20) + 4096);
    }
    expect(chunks.reduce((s, c) => s + c.length, 0)).toBe(new TextEncoder().encode(text).length);
  });

  it("renderCsvChunks(empty frame) yields the header alone", () => {
    const empty: Frame = {
      length: 0,
      columns: { timeUtcMs: new Float64Array(0), loadMw: new Float64Array(0) },
    };
    expect([...renderCsvChunks(empty)].map((c) => new TextDecoder().decode(c))).toEqual([
      "time_utc,loadMw\n",
    ]);
  });
});
