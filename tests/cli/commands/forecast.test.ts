// `powerflow forecast --weather`: a model saved by `backtest --weather … --save` forecasts with the
// temperatures of a weather forecast file (kelvin in UTC, °F in local time), exactly as
// forecastAhead does when given the same temperatures, and refuses missing hours and wrong flags.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLoadSeries } from "../../../src/etl/read-load-series.js";
import { createLoadSeries, sliceRows } from "../../../src/frame.js";
import { formatLoadCsv, formatTemperatureCsv } from "../../../src/generate/format-load-csv.js";
import { generateLoad } from "../../../src/generate/generate-load.js";
import { forecastAhead } from "../../../src/ml/forecast-ahead.js";
import { loadModel } from "../../../src/ml/save-model.js";
import { zonedParts } from "../../../src/util/zoned-time.js";
import { startFixtureServer } from "../../helpers/http-fixture-server.js";
import { runCli } from "../../helpers/run-cli.js";

const TZ = "America/New_York";
const HOUR_MS = 3_600_000;
const DAYS = 170; // the load ends at local midnight 2021-06-20 (04:00Z); the forecast day follows
const ORIGIN_MS = Date.parse("2021-06-20T04:00:00Z");
let dir = "";
let load = "";
let models = "";
/** generated hourly °C to 0.1 (what the weather files hold), from the load's first hour */
let timeUtcMs: Float64Array = new Float64Array();
/** index of the first forecast hour in `timeUtcMs` */
let origin = -1;
let celsius: Float64Array = new Float64Array();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-forecast-weather-"));
  const data = generateLoad({ days: DAYS + 1, zones: [{ name: "A", baseMw: 1000 }], seed: 5 });
  const zone = data.zones[0]!;
  const n = Array.from(zone.timeUtcMs).indexOf(ORIGIN_MS);
  load = join(dir, "A_hourly.csv");
  const history = {
    ...zone,
    timeUtcMs: zone.timeUtcMs.subarray(0, n),
    loadMw: zone.loadMw.subarray(0, n),
  };
  await writeFile(load, formatLoadCsv(history, TZ));
  timeUtcMs = data.temperature.timeUtcMs;
  origin = Array.from(timeUtcMs).indexOf(ORIGIN_MS);
  expect(origin).toBeGreaterThan(0);
  expect(n).toBe(origin); // load and temperature share one clock
  // the forecast day 3 °C warmer than generated, so the forecast visibly reads the file's values
  celsius = data.temperature.temperatureC.map(
    (c, i) => Math.round(c * 10 + (i >= origin ? 30 : 0)) / 10,
  );
  const observed = join(dir, "observed.csv");
  await writeFile(observed, formatTemperatureCsv(timeUtcMs.subarray(0, n), celsius.subarray(0, n)));
  models = join(dir, "models");
  const fit = await runCli([
    ...["backtest", "--input", load, "--tz", TZ, "--weather", observed, "--split", "2021-06-01"],
    ...["--task", "day-ahead", "--models", "seasonal-naive-24,ridge", "--save", models],
  ]);
  expect(fit.code, fit.stderr).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Indexes into `timeUtcMs` of the hours from `fromMs` (inclusive) to `toMs` (exclusive). */
function hours(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < timeUtcMs.length; i++)
    if (timeUtcMs[i]! >= fromMs && timeUtcMs[i]! < toMs) out.push(i);
  return out;
}

// Decimal text of `tenths` / 10 °C in kelvin or °F, from integers so no binary rounding creeps in.
const kelvin = (c: number, offset = 0) =>
  ((Math.round((c + offset) * 10) * 10 + 27315) / 100).toFixed(2);
const fahrenheit = (c: number) => ((Math.round(c * 10) * 18 + 3200) / 100).toFixed(2);

/** Writes `valid_time,t2m_k` (ISO UTC, kelvin, `offset` °C warmer) for the hours `rows`. */
async function kelvinCsv(name: string, rows: number[], offset = 0): Promise<string> {
  const lines = rows.map(
    (i) => `${new Date(timeUtcMs[i]!).toISOString()},${kelvin(celsius[i]!, offset)}`,
  );
  const path = join(dir, name);
  await writeFile(path, `valid_time,t2m_k\n${lines.join("\n")}\n`);
  return path;
}

/** Writes `Datetime,dewpoint_f,temp_f` in local wall-clock time (°F) for the hours `rows`. */
async function fahrenheitCsv(name: string, rows: number[]): Promise<string> {
  const pad = (v: number) => String(v).padStart(2, "0");
  const lines = rows.map((i) => {
    const p = zonedParts(timeUtcMs[i]!, TZ);
    const stamp = `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:00`;
    return `${stamp},50.00,${fahrenheit(celsius[i]!)}`;
  });
  const path = join(dir, name);
  await writeFile(path, `Datetime,dewpoint_f,temp_f\n${lines.join("\n")}\n`);
  return path;
}

/** forecastAhead of the saved ridge on the load from `fromMs`, given the same temperatures. */
async function expected(
  fromMs: number,
  forecastC: ArrayLike<number>,
  offset = 0,
): Promise<Float64Array> {
  const { series } = await readLoadSeries(load, { tz: TZ });
  const t = series.columns.timeUtcMs;
  const cut = sliceRows(
    series,
    Array.from(t).findIndex((ms) => ms >= fromMs),
  );
  const byTime = new Map(Array.from(timeUtcMs, (ms, i) => [ms, celsius[i]! + offset]));
  const temperatureC = cut.columns.timeUtcMs.map((ms) => byTime.get(ms) ?? NaN);
  const withWeather = createLoadSeries(cut.columns.timeUtcMs, cut.columns.loadMw, { temperatureC });
  const model = await loadModel(join(models, "ridge"));
  try {
    return forecastAhead(model, withWeather, { temperatureC: forecastC }).columns.forecastMw;
  } finally {
    model.fitted.dispose();
  }
}

interface ForecastJson {
  model: string;
  label: string;
  weather: {
    label: string;
    stations: { name: string; conversion: string; timeZone: string; column: string }[];
    forecastFirstUtc: string;
    forecastHoursInterpolated: number;
    historyFirstUtc: string;
    rowsOutsideWeather: number;
    note?: string;
  };
  forecast: { timeUtc: string; forecastMw: number; upper95Mw: number; temperatureC: number }[];
}

const base = () => ["forecast", "--model", join(models, "ridge"), "--input", load, "--tz", TZ];
const day = (from: number, days: number) =>
  hours(ORIGIN_MS - from * 24 * HOUR_MS, ORIGIN_MS + days * 24 * HOUR_MS);

describe("powerflow forecast --weather", () => {
  it("forecast --weather <kelvin, UTC> equals forecastAhead with the file's temperatures, labelled with the source", async () => {
    const from = ORIGIN_MS - 20 * 24 * HOUR_MS;
    const weather = await kelvinCsv("forecast_k.csv", day(20, 1));
    const { code, stdout, stderr } = await runCli([
      ...base(),
      "--weather",
      weather,
      "--weather-unit",
      "K",
      "--json",
    ]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(
      /warning: the weather starts at 2021-05-31T04:00:00\.000Z, after the history's .*: the forecast reads the history from there \(\d+ load rows left out\)/,
    );
    const r = JSON.parse(stdout) as ForecastJson;
    expect(r.label).toBe("with weather forecast from forecast_k");
    expect(r.weather).toMatchObject({
      label: "with weather forecast from forecast_k",
      forecastFirstUtc: "2021-06-20T04:00:00.000Z",
      forecastHoursInterpolated: 0,
      historyFirstUtc: "2021-05-31T04:00:00.000Z",
    });
    expect(r.weather.stations[0]).toMatchObject({
      conversion: "K → °C: x − 273.15",
      timeZone: "UTC",
      column: "t2m_k",
    });
    const forecastC = celsius.subarray(origin, origin + 24);
    const want = await expected(from, forecastC);
    expect(r.forecast).toHaveLength(24);
    expect(r.forecast[0]!.timeUtc).toBe("2021-06-20T04:00:00.000Z");
    r.forecast.forEach((row, k) => {
      expect(row.forecastMw).toBeCloseTo(want[k]!, 6);
      expect(row.temperatureC).toBeCloseTo(forecastC[k]!, 9);
    });
    // the file's forecast day is 3 °C warmer than the generated one, and so is forecast higher
    const cooler = await expected(
      from,
      forecastC.map((c) => c - 3),
    );
    expect(mean(want)).toBeGreaterThan(mean(cooler));
  });

  it("forecast --weather <°F, local time> interpolates a 3 h gap, writes temperatureC and the label into the CSV", async () => {
    const rows = day(20, 1).filter((i) => !(i >= origin + 5 && i < origin + 8));
    const weather = await fahrenheitCsv("forecast_f.csv", rows);
    const out = join(dir, "fc.csv");
    const { code, stderr } = await runCli([
      ...base(),
      "--weather",
      weather,
      "--weather-unit",
      "F",
      "--weather-tz",
      TZ,
      "--weather-column",
      "temp_f",
      "--out",
      out,
    ]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(
      /forecast ok .*fc\.csv \(24 hours, model ridge, with weather forecast from forecast_f\)/,
    );
    const lines = (await readFile(out, "utf8")).trim().split("\n");
    expect(lines[0]).toBe(
      "timeUtc,forecastMw,lower80Mw,upper80Mw,lower95Mw,upper95Mw,temperatureC,weather",
    );
    expect(lines).toHaveLength(25);
    const forecastC = Float64Array.from(celsius.subarray(origin, origin + 24));
    for (let k = 5; k < 8; k++)
      forecastC[k] = forecastC[4]! + ((forecastC[8]! - forecastC[4]!) * (k - 4)) / 4;
    const want = await expected(ORIGIN_MS - 20 * 24 * HOUR_MS, forecastC);
    lines.slice(1).forEach((line, k) => {
      const cells = line.split(",");
      expect(cells[0]).toBe(new Date(ORIGIN_MS + k * HOUR_MS).toISOString());
      expect(Number(cells[1])).toBeCloseTo(want[k]!, 1);
      expect(Number(cells[6])).toBeCloseTo(forecastC[k]!, 2);
      expect(cells[7]).toBe("with weather forecast from forecast_f");
    });
  });

  it("forecast --weather twice averages the two stations and names both", async () => {
    const a = await kelvinCsv("station_a.csv", day(20, 1));
    const b = await kelvinCsv("station_b.csv", day(20, 1), 2);
    const { code, stdout, stderr } = await runCli([
      ...base(),
      "--weather",
      a,
      "--weather",
      b,
      "--weather-unit",
      "K",
      "--json",
    ]);
    expect(code, stderr).toBe(0);
    const r = JSON.parse(stdout) as ForecastJson & { weather: { combine: string } };
    expect(r.weather.label).toBe("with weather forecast from station_a, station_b");
    expect(r.weather.combine).toBe("mean");
    const forecastC = celsius.subarray(origin, origin + 24).map((c) => c + 1);
    const want = await expected(ORIGIN_MS - 20 * 24 * HOUR_MS, forecastC, 1);
    r.forecast.forEach((row, k) => expect(row.forecastMw).toBeCloseTo(want[k]!, 6));
  });

  it("forecast --weather <URL with an API key> reads it over HTTP and redacts the key in the JSON", async () => {
    const body = await readFile(await kelvinCsv("served_k.csv", day(20, 1)), "utf8");
    const server = await startFixtureServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/csv" });
      response.end(body);
    });
    try {
      const url = `${server.baseUrl}/forecast/hourly.csv?apikey=s3cret-value`;
      const { code, stdout, stderr } = await runCli([
        ...base(),
        ...["--weather", url, "--weather-format", "csv", "--weather-unit", "K", "--json"],
      ]);
      expect(code, stderr).toBe(0);
      expect(server.requests.map((r) => r.url.searchParams.get("apikey"))).toEqual([
        "s3cret-value",
      ]);
      expect(stdout).not.toMatch(/s3cret/);
      const r = JSON.parse(stdout) as ForecastJson & {
        weather: { stations: { inputs: string[] }[] };
      };
      expect(r.weather.label).toBe("with weather forecast from hourly");
      expect(r.weather.stations[0]!.inputs[0]).toMatch(/\/forecast\/hourly\.csv\?apikey=\*\*\*$/);
    } finally {
      await server.close();
    }
  });

  it("forecast --weather with an 8 h gap in the forecast hours exits 2 naming the first missing hour and the count", async () => {
    const rows = day(20, 1).filter((i) => !(i >= origin + 10 && i < origin + 18));
    const weather = await kelvinCsv("gap_k.csv", rows);
    const { code, stderr } = await runCli([...base(), "--weather", weather, "--weather-unit", "K"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /forecast hours without temperature: 8 of 24, the first at 2021-06-20T14:00:00\.000Z \(expected a weather forecast for every forecast hour; the weather covers .* gaps up to 6 h are interpolated\)/,
    );
  });

  it("forecast --weather covering only the forecast hours, or too little history, exits 2 saying what to cover", async () => {
    const only = await kelvinCsv("only_k.csv", day(0, 1));
    const a = await runCli([...base(), "--weather", only, "--weather-unit", "K"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(
      /hours before the forecast without temperature: 72 of 72, the first at 2021-06-17T04:00:00\.000Z/,
    );
    const short = await kelvinCsv("short_k.csv", day(5, 1));
    const b = await runCli([...base(), "--weather", short, "--weather-unit", "K"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(
      /history with temperature too short for day-ahead model ridge: 120 hours from 2021-06-15T04:00:00\.000Z \(expected the weather to cover at least the 336 hours before the forecast, from 2021-06-06T04:00:00\.000Z\)/,
    );
  });

  it("forecast of a weather model without --weather, or of a model without weather with it, exits 2 naming the flag", async () => {
    const none = await runCli(base());
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /model ridge was fitted with observed temperatures: no --weather given \(expected --weather <csv\|url\|file\.gz> with a weather forecast of the 24 forecast hours and the 336 hours before them\)/,
    );
    const weather = await kelvinCsv("any_k.csv", day(20, 1));
    const plain = await runCli([
      "forecast",
      "--model",
      join(models, "seasonal-naive-24"),
      "--input",
      load,
      "--tz",
      TZ,
      "--weather",
      weather,
    ]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(
      /model seasonal-naive-24 was fitted without weather: --weather given \(expected no --weather for it/,
    );
  });
});

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}
