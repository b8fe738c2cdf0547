import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeEffects, silentLogger, writeFileAtomic } from "../../src/effects.js";
import { normalizeEtlConfig } from "../../src/etl/etl-config.js";
import { readEtlConfigFile } from "../../src/etl/etl-config-file.js";
import { runEtl } from "../../src/etl/pipeline.js";
import { writeGeneratedData } from "../../src/generate/write-generated-data.js";
import { isInputError } from "../../src/errors.js";

let dir: string;
let faults: Awaited<ReturnType<typeof writeGeneratedData>>["faults"];
const effects = nodeEffects({ logger: silentLogger() });
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-etl-"));
  const generated = await writeGeneratedData(
    join(dir, "in"),
    {
      start: "2021-10-25",
      days: 28,
      zones: [{ name: "ALPHA", baseMw: 12000 }],
      faults: { gaps: 2, duplicates: 3, outliers: 2 },
    },
    { writeFileAtomic },
  );
  faults = generated.faults;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRowObjectsJS();
  connection.closeSync();
  return rows;
}

describe("runEtl", () => {
  it("runEtl(generated ALPHA with faults) reconciles, finds every injected fault and writes verifiable outputs", async () => {
    const out = join(dir, "out1");
    const config = normalizeEtlConfig({
      input: join(dir, "in", "ALPHA_hourly.csv"),
      out,
      tz: "America/New_York",
    });
    const manifest = await runEtl(config, effects);
    const c = manifest.counts;
    expect(c.reconciled).toBe(true);
    expect(c.rowsRead).toBe(
      c.rowsKept + c.rowsQuarantined + c.duplicatesMerged + c.outliersDropped,
    );
    expect(c.duplicatesMerged).toBe(faults.filter((f) => f.kind === "duplicate").length);
    const gapStarts = manifest.quality.gaps.map((g) => g.afterUtcMs + 3_600_000);
    for (const gap of faults.filter((f) => f.kind === "gap"))
      expect(gapStarts).toContain(gap.timeUtcMs);
    const codes = manifest.quality.findings.map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "timestamp-format",
        "local-time",
        "dst-repeat-resolved",
        "duplicates",
        "gaps",
        "outliers",
      ]),
    );
    expect(manifest.inputs[0]!.sha256).toBe(
      sha(await readFile(join(dir, "in", "ALPHA_hourly.csv"))),
    );
    for (const o of manifest.outputs) expect(sha(await readFile(o.location))).toBe(o.sha256);
    expect((await readdir(out)).sort()).toEqual([
      "ALPHA_hourly.csv",
      "ALPHA_hourly.manifest.json",
      "ALPHA_hourly.parquet",
      "ALPHA_hourly.quarantine.csv",
    ]);
    const written = JSON.parse(
      await readFile(join(out, "ALPHA_hourly.manifest.json"), "utf8"),
    ) as typeof manifest;
    expect(written.counts).toEqual(manifest.counts);
    // An independent reader (DuckDB) sees the same rows and values in the Parquet file as in the CSV.
    const parquet = join(out, "ALPHA_hourly.parquet");
    const csv = join(out, "ALPHA_hourly.csv");
    const [stats] = await duck(
      `select count(*)::INTEGER n, min(time_utc)::VARCHAR AS first_utc, sum(loadMw) total, sum(outlier)::INTEGER outliers from '${parquet}'`,
    );
    const [csvStats] = await duck(
      `select count(*)::INTEGER n, sum(loadMw) total from read_csv('${csv}')`,
    );
    expect(stats!.n).toBe(c.rowsWritten);
    expect(stats!.first_utc).toBe("2021-10-25 04:00:00");
    expect(stats!.total).toBeCloseTo(csvStats!.total as number, 3);
    expect(stats!.outliers).toBe(
      manifest.quality.findings.find((f) => f.code === "outliers")!.count,
    );
    for (const outlier of faults.filter((f) => f.kind === "outlier")) {
      const [row] = await duck(
        `select outlier from '${parquet}' where epoch_ms(time_utc) = ${outlier.timeUtcMs}`,
      );
      expect(row!.outlier).toBe(1);
    }
  });

  it("runEtl(fill linear, resample daily, calendar + holidays + weather) writes enriched daily rows with coverage", async () => {
    const out = join(dir, "out2");
    const config = normalizeEtlConfig({
      input: join(dir, "in", "ALPHA_hourly.csv"),
      out,
      tz: "America/New_York",
      fill: { method: "linear", maxSteps: 6 },
      enrich: {
        calendar: true,
        holidays: "US",
        weather: { input: join(dir, "in", "weather_hourly.csv") },
      },
      formats: ["parquet"],
    });
    const manifest = await runEtl(config, effects);
    const missing = manifest.quality.gaps.reduce((s, g) => s + g.missing, 0);
    expect(manifest.counts.rowsFilled).toBe(missing);
    expect(manifest.counts.rowsWritten).toBe(manifest.counts.rowsKept + missing);
    const parquet = join(out, "ALPHA_hourly.parquet");
    const [holiday] = await duck(
      `select count(*)::INTEGER n, min(holiday) AS holiday_name from '${parquet}' where isHoliday = 1`,
    );
    expect(holiday).toEqual({ n: 24, holiday_name: "Veterans Day" }); // 11 Nov 2021, the whole local day
    expect(manifest.quality.findings.find((f) => f.code === "weather")!.count).toBe(
      manifest.counts.rowsWritten,
    );
    const [weather] = await duck(
      `select count(*)::INTEGER n from '${parquet}' where temperatureC is null`,
    );
    expect(weather!.n).toBe(0);
    const [hdh] = await duck(
      `select count(*)::INTEGER bad from '${parquet}' where abs(heatingDegreeHours - greatest(0, 18 - temperatureC)) > 1e-9`,
    );
    expect(hdh!.bad).toBe(0);

    const daily = normalizeEtlConfig({
      input: join(dir, "in", "ALPHA_hourly.csv"),
      out: join(dir, "out3"),
      tz: "America/New_York",
      resample: "daily",
      formats: "csv",
    });
    const d = await runEtl(daily, effects);
    expect(d.counts.rowsWritten).toBe(28);
    const rows = (await readFile(join(dir, "out3", "ALPHA_hourly.csv"), "utf8")).trim().split("\n");
    expect(rows[0]).toBe("time_utc,loadMw,energyMwh,count,coverage");
    const fallBack = rows.find((r) => r.startsWith("2021-11-07T04:00:00.000Z"))!;
    expect(fallBack.split(",")[3]).toBe("25"); // the 25-hour local day (no gap fault on it or coverage < 1)
  });

  it("runEtl(resample hourly, duplicates first, outliers none) streams and matches the full path", async () => {
    const path = join(dir, "minutes.csv");
    const lines = ["time,load"];
    for (let m = 0; m < 180; m++) {
      if (m === 70 || (m >= 120 && m < 130)) continue; // one missing minute; ten at the start of hour 2
      const stamp = new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString();
      lines.push(`${stamp},${m}`);
      if (m % 50 === 0) lines.push(`${stamp},${m + 1000}`); // duplicate, later value ignored
    }
    lines.splice(5, 0, lines.splice(100, 1)[0]!); // one row out of order
    lines.push("2024-01-01T03:00:00Z,oops");
    await writeFile(path, `${lines.join("\n")}\n`);
    const base = { input: path, resample: "hourly", duplicates: "first", formats: "csv" };
    const streamed = await runEtl(
      normalizeEtlConfig({ ...base, out: join(dir, "s"), outliers: "none" }),
      effects,
    );
    const full = await runEtl(
      normalizeEtlConfig({ ...base, out: join(dir, "f"), outliers: "flag" }),
      effects,
    );
    expect(streamed.steps.map((s) => s.name)).toContain("extract+resample (streaming)");
    expect(full.steps.map((s) => s.name)).toContain("resample");
    expect(streamed.counts).toEqual({ ...full.counts, rowsWritten: 3 });
    expect(streamed.counts).toMatchObject({
      rowsRead: 174,
      rowsQuarantined: 1,
      duplicatesMerged: 4,
      rowsKept: 169,
    });
    const csv = async (d: string) =>
      (await readFile(join(dir, d, "minutes.csv"), "utf8")).trim().split("\n");
    const s = await csv("s");
    expect(s).toEqual(await csv("f"));
    expect(s[2]).toBe(`2024-01-01T01:00:00.000Z,${5300 / 59},${5300 / 60},59,${59 / 60}`);
    expect(streamed.quality.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining([
        "streamed",
        "unsorted",
        "duplicates",
        "partial-buckets",
        "quarantined",
      ]),
    );
  });

  it("runEtl(onBadRow fail) refuses a file with one bad row, naming file and line", async () => {
    const path = join(dir, "bad.csv");
    await writeFile(
      path,
      "time,load\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,oops\n2024-01-01T02:00Z,3\n",
    );
    const config = normalizeEtlConfig({ input: path, out: join(dir, "out4"), onBadRow: "fail" });
    await expect(runEtl(config, effects)).rejects.toThrow(
      /bad rows: 1 of 3.*\n.*bad\.csv, line 3: value not a number/,
    );
    await expect(readdir(join(dir, "out4"))).rejects.toThrow();
    await expect(
      runEtl(normalizeEtlConfig({ input: path, out: join(dir, "out4"), maxBadRows: 0 }), effects),
    ).rejects.toThrow(/bad rows: 1 of 3 rejected in .*bad\.csv \(expected --max-bad-rows 0\)/);
    const lenient = await runEtl(
      normalizeEtlConfig({ input: path, out: join(dir, "out4") }),
      effects,
    );
    expect(lenient.counts).toMatchObject({ rowsRead: 3, rowsKept: 2, rowsQuarantined: 1 });
    const quarantine = await readFile(join(dir, "out4", "bad.quarantine.csv"), "utf8");
    expect(quarantine).toContain(
      `${path},3,"value not a number: ""oops"" (expected a number)","2024-01-01T01:00Z,oops"`,
    );
  });

  it("normalizeEtlConfig(etl.yaml with a bad key) points at the key and its line", async () => {
    const path = join(dir, "etl.yaml");
    await writeFile(path, "input: x.csv\nout: out\nfill:\n  method: cubic\n");
    const file = await readEtlConfigFile(path, effects);
    const error = (() => {
      try {
        normalizeEtlConfig(file.spec, path, file.locate);
      } catch (e) {
        return e;
      }
    })();
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toBe(
      `${path}:4: key "fill.method" invalid: "cubic" (expected none, linear, seasonal)`,
    );
    expect(() => normalizeEtlConfig({ input: "x", out: "y", colour: 1 })).toThrow(
      /key "colour" unknown/,
    );
    expect(() => normalizeEtlConfig({ out: "y" })).toThrow(/key "input" missing/);
  });
});
