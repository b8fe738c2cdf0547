// forecastAheadWithWeather: the weather file gives the forecast hours' temperatures and the
// history's; a missing hour in the 72 h the lagged features read is refused like a missing forecast
// hour, and a model fitted without weather refuses a weather forecast before anything is read.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { createLoadSeries, sliceRows, type LoadSeries } from "../../src/frame.js";
import { backtest } from "../../src/ml/backtest.js";
import type { Forecaster } from "../../src/ml/fit-forecaster.js";
import { forecastAhead } from "../../src/ml/forecast-ahead.js";
import { forecastAheadWithWeather } from "../../src/ml/forecast-ahead-with-weather.js";
import { syntheticSeries } from "./synthetic-series.js";

let dir = "";
let ridge: Forecaster;
let naive: Forecaster;
let series: LoadSeries; // with temperatureC, 170 days
let history: LoadSeries; // load only, ending at local midnight 2021-06-10 (04:00Z)
let end = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-fc-weather-"));
  series = syntheticSeries(170, { temperature: true });
  const result = await backtest(series, {
    task: "day-ahead",
    split: "2021-06-01",
    timeZone: "America/New_York",
    models: ["seasonal-naive-24", "ridge"],
    keepModels: true,
  });
  naive = result.models[0]!.forecaster!;
  ridge = result.models[1]!.forecaster!;
  end = Array.from(series.columns.timeUtcMs).indexOf(Date.parse("2021-06-10T04:00:00Z"));
  history = sliceRows(createLoadSeries(series.columns.timeUtcMs, series.columns.loadMw), 0, end);
});
afterAll(async () => {
  ridge.fitted.dispose();
  naive.fitted.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** Writes `time_utc,temperature_c` of the series' rows [from, to) except `skip`; returns its path. */
async function weatherCsv(name: string, from: number, to: number, skip: number[] = []) {
  const t = series.columns.timeUtcMs;
  const c = series.columns.temperatureC as Float64Array;
  const lines = ["time_utc,temperature_c"];
  for (let i = from; i < to; i++) {
    if (!skip.includes(i)) lines.push(`${new Date(t[i]!).toISOString()},${c[i]!}`);
  }
  const path = join(dir, name);
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

describe("forecastAheadWithWeather", () => {
  it("forecastAheadWithWeather(ridge, history, csv) equals forecastAhead with the same temperatures", async () => {
    const path = await weatherCsv("all.csv", 0, end + 24);
    const got = await forecastAheadWithWeather(ridge, history, path);
    const temperatureC = (series.columns.temperatureC as Float64Array).slice(end, end + 24);
    const want = forecastAhead(ridge, sliceRows(series, 0, end), { temperatureC });
    expect(Array.from(got.temperatureC)).toEqual(Array.from(temperatureC));
    expect(Array.from(got.forecast.columns.forecastMw)).toEqual(
      Array.from(want.columns.forecastMw),
    );
    expect(got.weather).toMatchObject({
      label: "with weather forecast from all",
      combine: "single station",
      forecastFirstUtc: "2021-06-10T04:00:00.000Z",
      forecastLastUtc: "2021-06-11T03:00:00.000Z",
      forecastHours: 24,
      lookbackHours: 72,
      rowsOutsideWeather: 0,
    });
    expect(got.weather.note).toBeUndefined();
  });

  it("forecastAheadWithWeather with an 8 h gap in the 72 h before the forecast throws InputError naming it", async () => {
    const skip = Array.from({ length: 8 }, (_, k) => end - 30 + k);
    const path = await weatherCsv("lookback-gap.csv", 0, end + 24, skip);
    const t = new Date(series.columns.timeUtcMs[end - 30]!).toISOString();
    const error = await forecastAheadWithWeather(ridge, history, path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^hours before the forecast without temperature: 8 of 72, the first at ${t.replace(/\./g, "\\.")} \\(expected the weather to cover the 72 hours before the forecast too`,
      ),
    );
    // a 6 h gap is interpolated by the ETL and the forecast goes ahead
    const six = await weatherCsv("lookback-six.csv", 0, end + 24, skip.slice(0, 6));
    const ok = await forecastAheadWithWeather(ridge, history, six);
    expect(ok.forecast.length).toBe(24);
  });

  it("forecastAheadWithWeather(a model fitted without weather) throws InputError before reading", async () => {
    await expect(forecastAheadWithWeather(naive, history, join(dir, "absent.csv"))).rejects.toThrow(
      /model seasonal-naive-24 was fitted without weather: a weather forecast was given/,
    );
    await expect(
      forecastAheadWithWeather(ridge, history, join(dir, "absent.csv"), { horizon: 0 }),
    ).rejects.toThrow(/invalid horizon: 0/);
  });
});
