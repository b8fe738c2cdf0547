import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, SourceError, ValidationError } from "../../../src/errors.js";
import { createLoadSeries } from "../../../src/frame.js";
import { attachWeather } from "../../../src/etl/weather/attach-weather.js";
import { openMeteoRequests } from "../../../src/etl/weather/open-meteo-requests.js";
import { readWeatherSeries } from "../../../src/etl/weather/read-weather-series.js";
import {
  recordingEffects,
  recordingSleep,
  send,
  startFixtureServer,
  type FixtureServer,
  type RecordedRequest,
} from "../../helpers/http-fixture-server.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "weather");
const H = 3_600_000;
const DAY = 86_400_000;
let server: FixtureServer;
let failNext: { status: number; body: string }[] = [];

// An Open-Meteo archive in the API's response shape: one value per hour of the asked dates,
// unix seconds when timeformat=unixtime, 10 + hour/2 °C.
function archive(request: RecordedRequest): string {
  const p = request.url.searchParams;
  const from = Date.parse(`${p.get("start_date")}T00:00Z`);
  const to = Date.parse(`${p.get("end_date")}T00:00Z`) + DAY;
  const time: number[] = [];
  const temperature: number[] = [];
  for (let t = from; t < to; t += H) {
    time.push(t / 1000);
    temperature.push(10 + new Date(t).getUTCHours() / 2);
  }
  return JSON.stringify({
    latitude: Number(p.get("latitude")),
    longitude: Number(p.get("longitude")),
    generationtime_ms: 0.2,
    utc_offset_seconds: 0,
    timezone: "GMT",
    timezone_abbreviation: "GMT",
    elevation: 5,
    hourly_units: { time: "unixtime", temperature_2m: "°C" },
    hourly: { time, temperature_2m: temperature },
  });
}

beforeAll(async () => {
  const isd = gzipSync(readFileSync(join(FIXTURES, "724050-13743-2015")));
  const meteostat = gzipSync(readFileSync(join(FIXTURES, "72405.csv")));
  server = await startFixtureServer((request, response) => {
    const fail = failNext.shift();
    if (fail) return send(response, fail.status, fail.body, { "content-type": "application/json" });
    const path = request.url.pathname;
    if (path === "/v1/archive") return send(response, 200, archive(request));
    if (path === "/pub/data/noaa/isd-lite/2015/724050-13743-2015.gz")
      return send(response, 200, isd);
    if (path === "/v2/hourly/72405.csv.gz") return send(response, 200, meteostat);
    if (path === "/data/zone.csv")
      return send(
        response,
        200,
        "time_utc,t_k\n2020-06-01T00:00:00Z,293.15\n2020-06-01T01:00:00Z,oops\n",
      );
    return send(response, 404, "not found");
  });
});
afterAll(async () => {
  await server.close();
});

const archiveUrl = (query: string) =>
  `${server.baseUrl}/v1/archive?latitude=38.85&longitude=-77.04${query}`;

describe("Open-Meteo archive", () => {
  it("openMeteoRequests splits the dates into bounded requests asking for temperature_2m in unix time", () => {
    const urls = openMeteoRequests(
      "https://archive-api.open-meteo.com/v1/archive?latitude=1&longitude=2&start_date=2014-12-01&end_date=2016-02-10&hourly=dew_point_2m",
    ).map((u) => new URL(u).searchParams);
    expect(urls.map((p) => [p.get("start_date"), p.get("end_date")])).toEqual([
      ["2014-12-01", "2015-12-01"],
      ["2015-12-02", "2016-02-10"],
    ]);
    expect(urls[0]!.get("hourly")).toBe("dew_point_2m,temperature_2m");
    expect(urls[0]!.get("timeformat")).toBe("unixtime");
    expect(() =>
      openMeteoRequests("https://archive-api.open-meteo.com/v1/archive?latitude=1"),
    ).toThrow(/Open-Meteo URL lacks longitude/);
    expect(() =>
      openMeteoRequests(archiveUrl("&start_date=2015-02-01&end_date=2015-01-01")),
    ).toThrow(/end_date before start_date/);
    expect(() => openMeteoRequests(archiveUrl(""))).toThrow(InputError);
  });

  it("readWeatherSeries(Open-Meteo URL) fetches every request through Effects.fetch and joins them", async () => {
    const effects = recordingEffects();
    const before = server.requests.length;
    const w = await readWeatherSeries(
      { input: archiveUrl("&start_date=2015-01-01&end_date=2015-03-01"), maxDaysPerRequest: 30 },
      { effects },
    );
    const asked = server.requests.slice(before);
    expect(asked.map((r) => r.url.searchParams.get("start_date"))).toEqual([
      "2015-01-01",
      "2015-01-31",
    ]);
    expect(w.frame.length).toBe(60 * 24); // 1 Jan … 1 Mar, both days included
    expect(w.frame.columns.temperatureC[13]).toBe(16.5);
    expect(w.report.stations[0]).toMatchObject({
      name: "open-meteo 38.85,-77.04",
      formats: [{ format: "open-meteo", by: "url" }],
      column: "hourly.temperature_2m",
      duplicatesMerged: 0,
    });
    expect(w.report.stations[0]!.files).toHaveLength(2);
  });

  it("attachWeather(load, Open-Meteo URL without dates) asks for the load's period", async () => {
    const t0 = Date.parse("2016-07-04T04:00Z");
    const times = Float64Array.from({ length: 48 }, (_, i) => t0 + i * H);
    const load = createLoadSeries(times, new Float64Array(48).fill(100));
    const before = server.requests.length;
    const { series, overlap } = await attachWeather(load, archiveUrl(""), {
      effects: recordingEffects(),
    });
    const p = server.requests[before]!.url.searchParams;
    expect([p.get("start_date"), p.get("end_date")]).toEqual(["2016-07-03", "2016-07-07"]);
    expect(overlap).toMatchObject({ rows: 48, rowsWithTemperature: 48 });
    expect((series.columns.temperatureC as Float64Array)[0]).toBe(12);
  });

  it("an Open-Meteo error is a SourceError with the API's reason; 503 is retried", async () => {
    failNext = [
      {
        status: 400,
        body: '{"error":true,"reason":"Parameter \'start_date\' is out of allowed range"}',
      },
    ];
    const call = readWeatherSeries(archiveUrl("&start_date=1900-01-01&end_date=1900-01-02"), {
      effects: recordingEffects(),
    });
    await expect(call).rejects.toThrow(SourceError);
    failNext = [{ status: 400, body: '{"error":true,"reason":"out of allowed range"}' }];
    await expect(
      readWeatherSeries(archiveUrl("&start_date=1900-01-01&end_date=1900-01-02"), {
        effects: recordingEffects(),
      }),
    ).rejects.toThrow(/open-meteo request rejected: HTTP 400 Bad Request: out of allowed range/);
    failNext = [{ status: 503, body: "{}" }];
    const sleep = recordingSleep();
    const w = await readWeatherSeries(archiveUrl("&start_date=2015-01-01&end_date=2015-01-01"), {
      effects: recordingEffects(),
      http: { sleep, random: () => 0 },
    });
    expect(sleep.delays).toHaveLength(1);
    expect(w.frame.length).toBe(24);
  });

  it("a response above maxBodyBytes fails with the cap named", async () => {
    await expect(
      readWeatherSeries(
        { input: archiveUrl("&start_date=2015-01-01&end_date=2015-12-31"), maxBodyBytes: 10_000 },
        { effects: recordingEffects() },
      ),
    ).rejects.toThrow(/response body exceeds the 10000 bytes cap/);
  });
});

describe("weather files by URL", () => {
  it("readWeatherSeries(gzipped ISD-Lite and Meteostat URLs) gunzips and picks the format by URL or content", async () => {
    const isd = await readWeatherSeries(
      `${server.baseUrl}/pub/data/noaa/isd-lite/2015/724050-13743-2015.gz`,
      {
        effects: recordingEffects(),
      },
    );
    expect(isd.report.stations[0]!.formats[0]).toMatchObject({ format: "isd-lite", by: "url" });
    expect(isd.frame.columns.temperatureC[0]).toBe(-2.8);
    const meteostat = await readWeatherSeries(`${server.baseUrl}/v2/hourly/72405.csv.gz`, {
      effects: recordingEffects(),
    });
    // the test server's URL does not say meteostat: the headerless date,hour,temp rows do
    expect(meteostat.report.stations[0]!.formats[0]).toMatchObject({
      format: "meteostat",
      by: "content",
    });
    expect(meteostat.report.stations[0]!.rowsRead).toBe(7);
  });

  it("readWeatherSeries(CSV URL in kelvin) reads it and names the URL in quarantined rows", async () => {
    const url = `${server.baseUrl}/data/zone.csv`;
    const w = await readWeatherSeries(url, { unit: "K", effects: recordingEffects() });
    expect(w.frame.columns.temperatureC[0]).toBeCloseTo(20, 9);
    expect(w.quarantine).toEqual([expect.objectContaining({ source: url, line: 3 })]);
    await expect(
      readWeatherSeries(url, { column: "t", effects: recordingEffects() }),
    ).rejects.toThrow(new RegExp(`weather column missing: "t" in ${url.replace(/[.]/g, "\\.")}`));
    await expect(
      readWeatherSeries(url, { column: "t", effects: recordingEffects() }),
    ).rejects.toThrow(ValidationError);
    await expect(
      readWeatherSeries(`${server.baseUrl}/nothing.csv`, { effects: recordingEffects() }),
    ).rejects.toThrow(/weather request rejected: HTTP 404/);
  });
});
