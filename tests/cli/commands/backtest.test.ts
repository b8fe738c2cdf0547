import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatLoadCsv, formatTemperatureCsv } from "../../../src/generate/format-load-csv.js";
import { generateLoad } from "../../../src/generate/generate-load.js";
import { startFixtureServer } from "../../helpers/http-fixture-server.js";
import { runCli } from "../../helpers/run-cli.js";

let dir = "";
let csv = "";
const TZ = "America/New_York";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-backtest-"));
  csv = join(dir, "load.csv");
  const zone = generateLoad({ days: 170, zones: [{ name: "A", baseMw: 1000 }], seed: 3 }).zones[0]!;
  await writeFile(csv, formatLoadCsv(zone, TZ));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("powerflow backtest / forecast", () => {
  it("backtest --json prints every metric, timings and backend per model; --save writes models", async () => {
    const save = join(dir, "models");
    const { code, stdout, stderr } = await runCli([
      "backtest",
      "--input",
      csv,
      "--tz",
      TZ,
      "--split",
      "2021-06-01",
      "--task",
      "day-ahead",
      "--models",
      "seasonal-naive-24,ridge",
      "--json",
      "--save",
      save,
    ]);
    expect(stderr).toMatch(/ridge: origins done 19\/19/);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      task: string;
      models: { model: string; backend: string; fitMs: number; metrics: Record<string, number> }[];
    };
    expect(result.task).toBe("day-ahead");
    expect(result.models.map((m) => m.model)).toEqual(["seasonal-naive-24", "ridge"]);
    expect(Object.keys(result.models[1]!.metrics)).toEqual([
      "n",
      "maeMw",
      "rmseMw",
      "mapePct",
      "smapePct",
      "mase",
      "pinballMw",
      "coverage80",
      "coverage95",
      "width80Mw",
      "width95Mw",
    ]);
    expect(result.models[1]!.backend).toBe("none");
    expect(
      JSON.parse(await readFile(join(save, "ridge", "model-card.json"), "utf8")),
    ).toMatchObject({
      model: "ridge",
    });

    const out = join(dir, "forecast.csv");
    const forecast = await runCli([
      "forecast",
      "--model",
      join(save, "ridge"),
      "--input",
      csv,
      "--tz",
      TZ,
      "--horizon",
      "24",
      "--out",
      out,
    ]);
    expect(forecast.code).toBe(0);
    const lines = (await readFile(out, "utf8")).trim().split("\n");
    expect(lines[0]).toBe("timeUtc,forecastMw,lower80Mw,upper80Mw,lower95Mw,upper95Mw");
    expect(lines).toHaveLength(25);
    expect(lines[1]).toMatch(/^2021-06-20T04:00:00\.000Z,\d+(\.\d)?,/);
  });

  it("backtest with an unknown model exits 2 and lists the known names", async () => {
    const { code, stderr } = await runCli([
      "backtest",
      "--input",
      csv,
      "--tz",
      TZ,
      "--split",
      "2021-06-01",
      "--task",
      "day-ahead",
      "--models",
      "arima",
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /unknown model: "arima" \(expected one of seasonal-naive-24, seasonal-naive-168, calendar-profile, vanilla-benchmark, ridge, hourly-ridge, gbt, mlp, gru\)/,
    );
  });

  it("backtest with a split outside the data, too little history or a bad task exits 2", async () => {
    const base = ["backtest", "--input", csv, "--tz", TZ, "--task", "day-ahead"];
    const outside = await runCli([...base, "--split", "2035-01-01"]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/split outside the data/);
    const early = await runCli([...base, "--split", "2021-01-20"]);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/too little history before the split/);
    const task = await runCli([
      "backtest",
      "--input",
      csv,
      "--split",
      "2021-06-01",
      "--task",
      "weekly",
    ]);
    expect(task.code).toBe(2);
    expect(task.stderr).toMatch(/unknown task: "weekly"/);
  });

  it("backtest of a non-numeric series exits 2", async () => {
    const bad = join(dir, "bad.csv");
    await writeFile(bad, "Datetime,A_MW\n2021-01-01 01:00:00,abc\n2021-01-01 02:00:00,n/a\n");
    const { code } = await runCli([
      "backtest",
      "--input",
      bad,
      "--split",
      "2021-01-01",
      "--task",
      "day-ahead",
    ]);
    expect(code).toBe(2);
  });

  it("backtest --weather <URL with an API key> --json --save keeps the key out of stdout, stderr and the saved models", async () => {
    const zone = generateLoad({ days: 170, zones: [{ name: "A", baseMw: 1000 }], seed: 3 });
    const body = formatTemperatureCsv(zone.temperature.timeUtcMs, zone.temperature.temperatureC);
    const server = await startFixtureServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/csv" });
      response.end(body);
    });
    const save = join(dir, "weather-models");
    try {
      const url = `${server.baseUrl}/archive/hourly.csv?apikey=s3cret-value`;
      const run = await runCli([
        ...["backtest", "--input", csv, "--tz", TZ, "--split", "2021-06-01"],
        ...["--task", "day-ahead", "--models", "ridge", "--json", "--save", save],
        ...["--weather", url, "--weather-format", "csv"],
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(server.requests.map((r) => r.url.searchParams.get("apikey"))).toEqual([
        "s3cret-value",
      ]);
      const result = JSON.parse(run.stdout) as {
        weather: { quality: { stations: { inputs: string[] }[] } };
        models: { usesWeather: boolean }[];
      };
      expect(result.models[0]!.usesWeather).toBe(true);
      expect(result.weather.quality.stations[0]!.inputs[0]).toMatch(
        /\/archive\/hourly\.csv\?apikey=\*\*\*$/,
      );
      expect(run.stdout + run.stderr).not.toMatch(/s3cret/);
      for (const file of await readdir(join(save, "ridge"), { recursive: true })) {
        const path = join(save, "ridge", String(file));
        if (!(await stat(path)).isFile()) continue;
        expect(await readFile(path, "utf8"), path).not.toMatch(/s3cret/);
      }
    } finally {
      await server.close();
    }
  });
});
