// `powerflow forecast --weather` with a long-horizon weather model (hourly-ridge, saved by
// `backtest --task long-horizon --weather … --save`): a week ahead from a weather file that
// covers the 72 hours before the forecast and the forecast week (kelvin, stamped UTC); the
// forecast equals forecastAhead given the same temperatures, and follows a warmer week.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLoadSeries } from "../../../src/etl/read-load-series.js";
import { createLoadSeries, sliceRows } from "../../../src/frame.js";
import { formatLoadCsv, formatTemperatureCsv } from "../../../src/generate/format-load-csv.js";
import { generateLoad } from "../../../src/generate/generate-load.js";
import { forecastAhead } from "../../../src/ml/forecast-ahead.js";
import { loadModel } from "../../../src/ml/save-model.js";
import { runCli } from "../../helpers/run-cli.js";

const TZ = "America/New_York";
const DAYS = 400;
const HORIZON = 168;
let dir = "";
let load = "";
let model = "";
let timeUtcMs: Float64Array = new Float64Array();
let celsius: Float64Array = new Float64Array();
let origin = -1;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-forecast-lh-"));
  const data = generateLoad({ days: DAYS + 8, zones: [{ name: "A", baseMw: 1000 }], seed: 9 });
  const zone = data.zones[0]!;
  origin = zone.timeUtcMs.length - 8 * 24;
  load = join(dir, "A_hourly.csv");
  await writeFile(
    load,
    formatLoadCsv(
      {
        ...zone,
        timeUtcMs: zone.timeUtcMs.subarray(0, origin),
        loadMw: zone.loadMw.subarray(0, origin),
      },
      TZ,
    ),
  );
  timeUtcMs = data.temperature.timeUtcMs;
  expect(timeUtcMs[origin]).toBe(zone.timeUtcMs[origin]);
  celsius = data.temperature.temperatureC.map((c) => Math.round(c * 10) / 10);
  const observed = join(dir, "observed.csv");
  await writeFile(
    observed,
    formatTemperatureCsv(timeUtcMs.subarray(0, origin), celsius.subarray(0, origin)),
  );
  const split = new Date(timeUtcMs[origin - 60 * 24]!).toISOString();
  const saved = join(dir, "models");
  const fit = await runCli([
    ...["backtest", "--input", load, "--tz", TZ, "--weather", observed, "--split", split],
    ...["--task", "long-horizon", "--models", "hourly-ridge", "--save", saved],
  ]);
  expect(fit.code, fit.stderr).toBe(0);
  model = join(saved, "hourly-ridge");
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `valid_time,t2m_k` for the 72 h before the origin and the forecast week, `warmer` °C added to the week. */
async function kelvinCsv(name: string, warmer: number): Promise<string> {
  const lines: string[] = [];
  for (let i = origin - 72; i < origin + HORIZON; i++) {
    const c = celsius[i]! + (i >= origin ? warmer : 0);
    lines.push(`${new Date(timeUtcMs[i]!).toISOString()},${(c + 273.15).toFixed(2)}`);
  }
  const path = join(dir, name);
  await writeFile(path, `valid_time,t2m_k\n${lines.join("\n")}\n`);
  return path;
}

async function forecastJson(
  weather: string,
): Promise<{ forecastMw: number; temperatureC: number }[]> {
  const run = await runCli([
    ...["forecast", "--model", model, "--input", load, "--tz", TZ, "--horizon", String(HORIZON)],
    ...["--weather", weather, "--weather-unit", "K", "--json"],
  ]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { forecast: { forecastMw: number; temperatureC: number }[] })
    .forecast;
}

describe("powerflow forecast --weather with a long-horizon weather model", () => {
  it("forecasts the week from the file's temperatures, as forecastAhead does, and a warmer week differently", async () => {
    const rows = await forecastJson(await kelvinCsv("week_k.csv", 0));
    expect(rows).toHaveLength(HORIZON);
    rows.forEach((r, k) => expect(r.temperatureC).toBeCloseTo(celsius[origin + k]!, 6));
    // the same model, the load from the weather's first hour (the rows before it are left out)
    const { series } = await readLoadSeries(load, { tz: TZ });
    const from = Array.from(series.columns.timeUtcMs).indexOf(timeUtcMs[origin - 72]!);
    const cut = sliceRows(series, from);
    const temperatureC = Float64Array.from(celsius.subarray(origin - 72, origin));
    const saved = await loadModel(model);
    try {
      const want = forecastAhead(
        saved,
        createLoadSeries(cut.columns.timeUtcMs, cut.columns.loadMw, { temperatureC }),
        { horizon: HORIZON, temperatureC: celsius.subarray(origin, origin + HORIZON) },
      ).columns.forecastMw;
      rows.forEach((r, k) => expect(r.forecastMw).toBeCloseTo(want[k]!, 6));
    } finally {
      saved.fitted.dispose();
    }
    const warmer = await forecastJson(await kelvinCsv("warm_week_k.csv", 8));
    const change = warmer.reduce((s, r, k) => s + r.forecastMw - rows[k]!.forecastMw, 0);
    expect(Math.abs(change / HORIZON)).toBeGreaterThan(1);
  });
});
