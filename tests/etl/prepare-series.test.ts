import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeEtlConfig, type EtlSpec } from "../../src/etl/etl-config.js";
import { extractCsv } from "../../src/etl/extract/csv-extract.js";
import { nodeEffects, silentLogger } from "../../src/effects.js";
import { prepareSeries } from "../../src/etl/prepare-series.js";
import { readLoadSeries } from "../../src/etl/read-load-series.js";
import { runSeriesSteps } from "../../src/etl/series-steps.js";
import { seriesQuality } from "../../src/etl/steps/series-quality.js";
import { checkBadRows } from "../../src/etl/validate/check-bad-rows.js";
import { seededRandom } from "../../src/util/seeded-random.js";

let dir: string;
let path: string;
const tz = "America/New_York";

// Local minute stamps over both DST changes of 2021/22 (seven months, several stream chunks; the
// fall-back hour once, the spring-forward hour present and so quarantined), with duplicates
// (other values), outliers, gaps, a few rows out of order and one bad value.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-prepare-"));
  path = join(dir, "minutes.csv");
  const random = seededRandom(11);
  const lines: string[] = ["Datetime,Load_kW"];
  const start = Date.UTC(2021, 9, 1);
  for (let m = 0; m < 212 * 1440; m++) {
    if ((m >= 50_000 && m < 50_003) || (m >= 200_000 && m < 200_090)) continue; // gaps
    const local = new Date(start + m * 60_000).toISOString().replace("T", " ").slice(0, 19);
    const hour = (m / 60) % 24;
    let kw = 9000 + 2000 * Math.sin(((hour - 7) / 24) * 2 * Math.PI) + 200 * random.next();
    if (m % 37_003 === 1000) kw *= 3; // outliers
    lines.push(`${local},${kw.toFixed(1)}`);
    if (m % 20_011 === 5) lines.push(`${local},${(kw + 40).toFixed(1)}`); // duplicate
  }
  for (const i of [1_000, 120_000, 250_000])
    [lines[i], lines[i + 30]] = [lines[i + 30]!, lines[i]!];
  lines.splice(77_777, 0, "2021-11-20 10:00:00,n/a");
  await writeFile(path, `${lines.join("\n")}\n`);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function wholeSeries(spec: EtlSpec) {
  const config = normalizeEtlConfig({ input: path, out: "-", timeZone: tz, ...spec });
  const extracted = await extractCsv(path, { timeZone: tz });
  checkBadRows(extracted, config);
  const { series, stats } = runSeriesSteps(extracted.frame as never, config);
  return { series, quality: seriesQuality(extracted, stats, config) };
}

describe("prepareSeries", () => {
  for (const spec of [
    { resample: "hourly" },
    { resample: "daily", outliers: "drop", fill: "linear", unit: "kW", duplicates: "last" },
  ] as const) {
    it(`readLoadSeries(${JSON.stringify(spec)}) streams and equals the whole-series run`, async () => {
      const streamed = await readLoadSeries(path, { tz, ...spec });
      const whole = await wholeSeries(spec);
      const codes = streamed.quality.findings.map((f) => f.code);
      expect(codes).toContain("streamed");
      expect(codes).toEqual(
        expect.arrayContaining([
          "unsorted",
          "duplicates",
          "outliers",
          "gaps",
          "dst-ambiguous",
          "dst-nonexistent",
          "dst-spring-forward",
          "dst-fall-back-missing",
        ]),
      );
      expect(streamed.quality.findings.filter((f) => f.code !== "streamed")).toEqual(
        whole.quality.findings,
      );
      expect({ ...streamed.quality, findings: [] }).toEqual({ ...whole.quality, findings: [] });
      expect(Object.keys(streamed.series.columns)).toEqual(Object.keys(whole.series.columns));
      for (const [name, values] of Object.entries(whole.series.columns))
        expect(Array.from(streamed.series.columns[name] as ArrayLike<unknown>), name).toEqual(
          Array.from(values as ArrayLike<unknown>),
        );
      expect(whole.quality.outliersDropped + whole.quality.rowsWritten).toBeGreaterThan(300_000);
    }, 60_000);
  }

  it("prepareSeries(a row days out of order) stops streaming, reads again and equals the whole-series run", async () => {
    const late = join(dir, "late.csv");
    const lines = ["time,load"];
    for (let m = 0; m < 100_000; m++)
      lines.push(`${new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString()},${1000 + (m % 60)}`);
    lines.push("2024-01-01T00:30:30Z,5000"); // 69 days behind the rows before it
    await writeFile(late, `${lines.join("\n")}\n`);
    const config = normalizeEtlConfig({ input: late, out: "-", resample: "hourly" });
    const effects = nodeEffects({ logger: silentLogger() });
    const input = {
      streamsRows: true,
      extract: (onRow?: (t: number, v: number, line: number) => void) =>
        extractCsv(late, onRow ? { onRow } : {}),
    };
    const prepared = await prepareSeries(input, config, effects);
    expect(prepared.steps.map((s) => s.name)).toContain(
      "stream stopped: rows out of order, read again",
    );
    expect(prepared.quality.findings.map((f) => f.code)).not.toContain("streamed");
    const extracted = await extractCsv(late);
    const whole = runSeriesSteps(extracted.frame as never, config);
    expect(prepared.quality).toEqual(seriesQuality(extracted, whole.stats, config));
    expect(Array.from(prepared.series.columns.loadMw)).toEqual(
      Array.from(whole.series.columns.loadMw),
    );
    expect(prepared.quality.rowsWritten).toBe(100_001);
  }, 60_000);

  it("readLoadSeries(maxBadRows 0) refuses the file's bad row as powerflow etl does", async () => {
    await expect(readLoadSeries(path, { tz, maxBadRows: 0, resample: "hourly" })).rejects.toThrow(
      /bad rows: 61 of \d+ rejected in .*minutes\.csv \(expected --max-bad-rows 0\)/,
    );
    await expect(readLoadSeries(path, { tz, onBadRow: "fail" })).rejects.toThrow(
      /--on-bad-row fail allows none/,
    );
  }, 60_000);
});
