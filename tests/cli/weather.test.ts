/**
 * `powerflow etl … --weather …` and `powerflow backtest … --weather …` end to end. The real
 * binary (`node bin/powerflow.js`) runs when the build in dist/ is fresh; otherwise the same CLI
 * runs in-process (`main`), with the reason printed once.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatLoadCsv, formatTemperatureCsv } from "../../src/generate/format-load-csv.js";
import { generateLoad } from "../../src/generate/generate-load.js";
import { checkPrebuiltSources } from "../../src/runner/prebuilt-sources.js";
import { runCli } from "../helpers/run-cli.js";
import { describeWithSharedData, sharedDataFile } from "../helpers/shared-data.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const TZ = "America/New_York";
const build = checkPrebuiltSources(ROOT);
let dir = "";
let load = "";
let weatherC = "";
let weatherK = "";

beforeAll(async () => {
  if (!build.usable)
    process.stderr.write(`weather CLI tests run in-process: ${build.reason} (run npm run build)\n`);
  dir = await mkdtemp(join(tmpdir(), "pf-cli-weather-"));
  const data = generateLoad({ days: 170, zones: [{ name: "A", baseMw: 1000 }], seed: 5 });
  load = join(dir, "A_hourly.csv");
  await writeFile(load, formatLoadCsv(data.zones[0]!, TZ));
  const t = data.temperature;
  weatherC = join(dir, "weather_hourly.csv");
  await writeFile(weatherC, formatTemperatureCsv(t.timeUtcMs, t.temperatureC));
  // a second station in kelvin, stamped in UTC, covering only from day 20 on
  const from = 20 * 24;
  const rows = Array.from(t.timeUtcMs.subarray(from), (ms, i) => {
    const k = t.temperatureC[from + i]! + 273.15 + 1;
    return `${new Date(ms).toISOString()},${k.toFixed(2)}`;
  });
  weatherK = join(dir, "station_k.csv");
  await writeFile(weatherK, `valid_time,t2m_k\n${rows.join("\n")}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function powerflow(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!build.usable) return runCli(args);
  try {
    const out = await promisify(execFile)(
      process.execPath,
      [join(ROOT, "bin", "powerflow.js"), ...args],
      {
        maxBuffer: 64 << 20,
      },
    );
    return { code: 0, stdout: out.stdout, stderr: out.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface Manifest {
  inputs: { kind: string; location: string; sha256: string }[];
  parameters: { enrich: { weather: { stations: { input: string[]; weight: number }[] } } };
  quality: {
    findings: { code: string; count: number; message: string }[];
    weather: {
      combine: string;
      stations: { name: string; weight: number; coverage: number; unit: string; column: string }[];
      overlap: { rowsWithTemperature: number; rowsBefore: number };
    };
  };
  counts: { rowsWritten: number };
}

describe("powerflow etl --weather", () => {
  it("etl --weather weather_hourly.csv (time_utc,temperature_c) joins temperatureC as before, with the weather report", async () => {
    const out = join(dir, "o1");
    const { code, stdout } = await powerflow([
      "etl",
      "--input",
      load,
      "--tz",
      TZ,
      "--weather",
      weatherC,
      "--out",
      out,
      "--formats",
      "csv",
      "--json",
      "--quiet",
    ]);
    expect(code).toBe(0);
    const m = JSON.parse(stdout) as Manifest;
    expect(m.quality.findings.find((f) => f.code === "weather")!.count).toBe(m.counts.rowsWritten);
    expect(m.quality.weather.stations[0]).toMatchObject({
      name: "weather_hourly",
      unit: "C",
      column: "temperature_c",
    });
    expect(m.inputs.map((i) => i.kind)).toEqual(["csv", "weather (weather_hourly)"]);
    const header = (await readFile(join(out, "A_hourly.csv"), "utf8")).split("\n")[0];
    expect(header).toMatch(/temperatureC,heatingDegreeHours,coolingDegreeHours,temperatureFilled$/);
    expect((await readdir(out)).sort()).toContain("A_hourly.weather-quarantine.csv");
  });

  it("etl --resample daily --weather gives each day the mean of its weather hours", async () => {
    const out = join(dir, "o-daily");
    const { code } = await powerflow([
      "etl",
      "--input",
      load,
      "--tz",
      TZ,
      "--resample",
      "daily",
      "--weather",
      weatherC,
      "--out",
      out,
      "--formats",
      "csv",
      "--quiet",
    ]);
    expect(code).toBe(0);
    const rows = (await readFile(join(out, "A_hourly.csv"), "utf8")).trim().split("\n");
    const header = rows[0]!.split(",");
    const day = rows.find((r) => r.startsWith("2021-03-02T05:00:00.000Z"))!.split(",");
    const temps = (await readFile(weatherC, "utf8"))
      .split("\n")
      .filter((r) => r >= "2021-03-02T05" && r < "2021-03-03T05")
      .map((r) => Number(r.split(",")[1]));
    expect(temps).toHaveLength(24);
    const mean = temps.reduce((a, b) => a + b, 0) / 24;
    expect(Number(day[header.indexOf("temperatureC")])).toBeCloseTo(mean, 6);
  });

  it("etl --config with enrich.weather.stations weights records stations, weights and coverage in the manifest", async () => {
    const config = join(dir, "etl.yaml");
    await writeFile(
      config,
      [
        `input: ${load}`,
        `tz: ${TZ}`,
        "enrich:",
        "  weather:",
        "    stations:",
        `      - { input: ${weatherC}, name: city, weight: 3 }`,
        `      - { input: ${weatherK}, name: airport, weight: 1, unit: K }`,
        "",
      ].join("\n"),
    );
    const { code, stdout } = await powerflow([
      "etl",
      "--config",
      config,
      "--out",
      join(dir, "o2"),
      "--formats",
      "csv",
      "--json",
      "--quiet",
    ]);
    expect(code).toBe(0);
    const m = JSON.parse(stdout) as Manifest;
    expect(m.parameters.enrich.weather.stations.map((s) => s.weight)).toEqual([3, 1]);
    const w = m.quality.weather;
    expect(w.combine).toBe("weighted mean");
    expect(w.stations.map((s) => [s.name, s.weight, s.unit, s.column])).toEqual([
      ["city", 3, "C", "temperature_c"],
      ["airport", 1, "K", "t2m_k"],
    ]);
    expect(w.stations[1]!.coverage).toBeGreaterThan(0.85);
    expect(w.stations[1]!.coverage).toBeLessThan(0.9);
    expect(m.quality.findings.find((f) => f.code === "weather-stations")!.message).toMatch(
      /weighted mean of city \(weight 3, coverage 100\.0 %\), airport \(weight 1/,
    );
    expect(m.inputs.filter((i) => i.kind.startsWith("weather")).map((i) => i.kind)).toEqual([
      "weather (city)",
      "weather (airport)",
    ]);
  });

  it("etl rejects a bad weather setting with the key's line, and a weather flag without --weather", async () => {
    const config = join(dir, "bad.yaml");
    await writeFile(
      config,
      `input: ${load}\nenrich:\n  weather:\n    stations:\n      - input: ${weatherC}\n        wieght: 2\n`,
    );
    const bad = await powerflow(["etl", "--config", config, "--out", join(dir, "o3")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:6: key "enrich\.weather\.stations\.0\.wieght" unknown/);
    const lone = await powerflow([
      "etl",
      "--input",
      load,
      "--weather-unit",
      "F",
      "--out",
      join(dir, "o4"),
    ]);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toMatch(/--weather-unit given without --weather: "F"/);
    const column = await powerflow([
      "etl",
      "--input",
      load,
      "--weather",
      weatherC,
      "--weather-column",
      "temp",
      "--out",
      join(dir, "o5"),
    ]);
    expect(column.code).toBe(2);
    expect(column.stderr).toMatch(
      /weather column missing: "temp" in .*weather_hourly\.csv \(expected --weather-column NAME, one of "temperature_c"\)/,
    );
  });
});

describe("powerflow backtest --weather", () => {
  it("backtest --weather on weather covering less than the load uses the overlap, says so on stderr and in the JSON", async () => {
    const { code, stdout, stderr } = await powerflow([
      "backtest",
      "--input",
      load,
      "--tz",
      TZ,
      "--weather",
      weatherK,
      "--weather-unit",
      "K",
      "--split",
      "2021-05-25",
      "--task",
      "day-ahead",
      "--models",
      "seasonal-naive-24,ridge",
      "--json",
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /warning: the weather covers 2021-01-21T05:00:00\.000Z … .* the backtest uses that overlap \(480 load rows left out\)/,
    );
    const r = JSON.parse(stdout) as {
      evaluation: string;
      weather: { usedFirstUtc: string; note: string; stations: { conversion: string }[] };
      models: { model: string; evaluation: string; metrics: { mapePct: number } }[];
    };
    expect(r.evaluation).toBe("ex post (observed weather)");
    expect(r.weather.usedFirstUtc).toBe("2021-01-21T05:00:00.000Z");
    expect(r.weather.note).toMatch(/uses that overlap/);
    expect(r.weather.stations[0]!.conversion).toBe("K → °C: x − 273.15");
    expect(r.models.map((m) => [m.model, m.evaluation])).toEqual([
      ["seasonal-naive-24", "ex post (observed weather)"],
      ["ridge", "ex post (observed weather)"],
    ]);
    expect(r.models[1]!.metrics.mapePct).toBeGreaterThan(0);
  });
});

describeWithSharedData("powerflow backtest on PJME with KDCA weather", () => {
  it("backtest --weather KDCA (°F, America/New_York, temp_dca) on a PJME slice names the weather and labels results ex post", async () => {
    const lines = (await readFile(sharedDataFile("PJME_hourly.csv"), "utf8")).split("\n");
    const slice = lines.filter((l) => /^\d\d-(0[5-9]|1[0-2])-2014 /.test(l));
    const path = join(dir, "pjme-2014.csv");
    await writeFile(path, `${lines[0]}\n${slice.join("\n")}\n`);
    const { code, stdout } = await powerflow([
      "backtest",
      "--input",
      path,
      "--tz",
      TZ,
      "--hour-ending",
      "--weather",
      sharedDataFile("KDCA_weather_2011_2016.csv"),
      "--weather-unit",
      "F",
      "--weather-tz",
      TZ,
      "--weather-column",
      "temp_dca",
      "--split",
      "2014-12-01",
      "--task",
      "day-ahead",
      "--models",
      "ridge",
      "--json",
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as {
      evaluation: string;
      weather: {
        stations: { name: string; column: string; conversion: string; timeZone: string }[];
        overlap: {
          rowsBefore: number;
          rowsAfter: number;
          rowsWithTemperature: number;
          rows: number;
        };
        quality: { stations: { nonexistentLocalDropped: number; ambiguousLocalFirst: number }[] };
      };
      origins: number;
      models: { metrics: { mapePct: number } }[];
    };
    expect(r.evaluation).toBe("ex post (observed weather)");
    expect(r.weather.stations[0]).toEqual({
      name: "KDCA_weather_2011_2016",
      inputs: [sharedDataFile("KDCA_weather_2011_2016.csv")],
      formats: ["csv"],
      weight: 1,
      conversion: "°F → °C: (x − 32) × 5/9",
      timeZone: TZ,
      column: "temp_dca",
      coverage: expect.any(Number) as number,
    });
    expect(r.weather.overlap).toMatchObject({ rowsBefore: 0, rowsAfter: 0 });
    expect(r.weather.overlap.rowsWithTemperature).toBe(r.weather.overlap.rows);
    expect(r.weather.quality.stations[0]).toMatchObject({
      nonexistentLocalDropped: 6,
      ambiguousLocalFirst: 6,
    });
    expect(r.origins).toBe(30); // 1-30 Dec: the hour-ending slice ends at 22:00 on the 31st
    expect(r.models[0]!.metrics.mapePct).toBeLessThan(6);
  });
});
