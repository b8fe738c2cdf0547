import { describe, expect, it } from "vitest";
import { createLoadSeries } from "../../../src/frame.js";
import { resample } from "../../../src/etl/transform/resample.js";
import { normalizeUnits } from "../../../src/etl/transform/normalize-units.js";
import { fillGaps } from "../../../src/etl/transform/fill-gaps.js";
import { addCalendarFeatures } from "../../../src/etl/transform/add-calendar-features.js";
import { addDaylight } from "../../../src/etl/transform/add-daylight.js";
import { joinWeather } from "../../../src/etl/transform/join-weather.js";
import { flagOutliers } from "../../../src/etl/transform/flag-outliers.js";

const H = 3_600_000;
const hourly = (startIso: string, values: number[]) =>
  createLoadSeries(
    Float64Array.from(values, (_, i) => Date.parse(startIso) + i * H),
    Float64Array.from(values),
  );

describe("transforms", () => {
  it("resample(15-min power, hourly) means MW, sums MWh and records coverage", () => {
    const t = Float64Array.from(
      [0, 15, 30, 45, 60, 75].map((m) => Date.parse("2024-01-01T00:00Z") + m * 60_000),
    );
    const r = resample(createLoadSeries(t, Float64Array.from([4, 8, 4, 8, 10, 10])), {
      frequency: "hourly",
    });
    expect(Array.from(r.columns.loadMw)).toEqual([6, 10]);
    expect(Array.from(r.columns.energyMwh)).toEqual([6, 5]);
    expect(Array.from(r.columns.count)).toEqual([4, 2]);
    expect(Array.from(r.columns.coverage)).toEqual([1, 0.5]);
  });

  it("resample(hourly, daily in New York) makes the fall-back day a 25-hour bucket", () => {
    const series = hourly("2021-11-06T04:00:00Z", new Array<number>(24 + 25 + 24).fill(1));
    const r = resample(series, { frequency: "daily", timeZone: "America/New_York" });
    expect(Array.from(r.columns.timeUtcMs, (t) => new Date(t).toISOString())).toEqual([
      "2021-11-06T04:00:00.000Z",
      "2021-11-07T04:00:00.000Z",
      "2021-11-08T05:00:00.000Z",
    ]);
    expect(Array.from(r.columns.count)).toEqual([24, 25, 24]);
    expect(Array.from(r.columns.coverage)).toEqual([1, 1, 1]);
    const weekly = resample(series, { frequency: "weekly", timeZone: "America/New_York" });
    expect(Array.from(weekly.columns.timeUtcMs, (t) => new Date(t).toISOString())).toEqual([
      "2021-11-01T04:00:00.000Z", // Monday 1 Nov, local midnight (EDT)
      "2021-11-08T05:00:00.000Z",
    ]);
  });

  it("resample(hourly, daily in Sao Paulo) starts the day whose midnight was skipped when the clock jumped", () => {
    // 2018-11-04: at 00:00 (-03) the clock jumped to 01:00 (-02); that day starts 03:00Z, 23 h long
    const series = hourly("2018-11-03T03:00:00Z", new Array<number>(24 + 23 + 24).fill(1));
    const r = resample(series, { frequency: "daily", timeZone: "America/Sao_Paulo" });
    expect(Array.from(r.columns.timeUtcMs, (t) => new Date(t).toISOString())).toEqual([
      "2018-11-03T03:00:00.000Z",
      "2018-11-04T03:00:00.000Z",
      "2018-11-05T02:00:00.000Z",
    ]);
    expect(Array.from(r.columns.count)).toEqual([24, 23, 24]);
    expect(Array.from(r.columns.coverage)).toEqual([1, 1, 1]);
  });

  it("normalizeUnits converts power scales and energy per interval", () => {
    const s = hourly("2024-01-01T00:00Z", [1000, 2000]);
    expect(Array.from(normalizeUnits(s, { unit: "kW" }).columns.loadMw)).toEqual([1, 2]);
    expect(Array.from(normalizeUnits(s, { unit: "GW" }).columns.loadMw)).toEqual([1e6, 2e6]);
    expect(
      Array.from(normalizeUnits(s, { unit: "MWh", intervalMs: H / 4 }).columns.loadMw),
    ).toEqual([4000, 8000]);
    expect(
      Array.from(normalizeUnits(s, { unit: "GWh", intervalMs: 24 * H }).columns.loadMw),
    ).toEqual([1e6 / 24, 2e6 / 24]);
    expect(() => normalizeUnits(s, { unit: "kWh" })).toThrow(/energy unit needs an interval/);
  });

  it("normalizeUnits divides energy per local day by that day's real length (23 h / 25 h on DST days)", () => {
    // Berlin local midnights of 29 and 30 March 2025 (spring forward) and 26 October 2025 (fall back).
    const t = Float64Array.from(
      ["2025-03-28T23:00Z", "2025-03-29T23:00Z", "2025-10-25T22:00Z"].map((x) => Date.parse(x)),
    );
    const s = createLoadSeries(t, Float64Array.from([1200, 1150, 1250]));
    const berlin = normalizeUnits(s, {
      unit: "GWh",
      intervalMs: 24 * H,
      timeZone: "Europe/Berlin",
    });
    expectClose(berlin.columns.loadMw, [1.2e6 / 24, 1.15e6 / 23, 1.25e6 / 25]);
    const week = normalizeUnits(s, {
      unit: "GWh",
      intervalMs: 7 * 24 * H,
      timeZone: "Europe/Berlin",
    });
    expectClose(week.columns.loadMw, [1.2e6 / 167, 1.15e6 / 167, 1.25e6 / 169]);
    const utc = normalizeUnits(s, { unit: "GWh", intervalMs: 24 * H, timeZone: "UTC" });
    expectClose(utc.columns.loadMw, [1.2e6 / 24, 1.15e6 / 24, 1.25e6 / 24]);
    expect(() => normalizeUnits(s, { unit: "hp" })).toThrow(/unknown unit: "hp"/);
  });

  it("fillGaps(linear ≤ 2, seasonal) fills short gaps, flags them and leaves long ones", () => {
    const t = Float64Array.from([0, 1, 4, 8].map((h) => h * H));
    const s = createLoadSeries(t, Float64Array.from([10, 20, 50, 90]));
    const linear = fillGaps(s, { method: "linear", maxSteps: 2, intervalMs: H });
    expect(Array.from(linear.frame.columns.timeUtcMs, (x) => x / H)).toEqual([0, 1, 2, 3, 4, 8]);
    expect(Array.from(linear.frame.columns.loadMw)).toEqual([10, 20, 30, 40, 50, 90]);
    expect(Array.from(linear.frame.columns.filled as Uint8Array)).toEqual([0, 0, 1, 1, 0, 0]);
    const seasonal = fillGaps(s, {
      method: "seasonal",
      maxSteps: 3,
      intervalMs: H,
      seasonMs: 4 * H,
    });
    // 2-3 h: nothing 4 h earlier → linear; 5 h ← 1 h (20, seasonal); 6-7 h ← 2-3 h were not
    // in the source → linear
    expect(Array.from(seasonal.frame.columns.loadMw)).toEqual([10, 20, 30, 40, 50, 20, 70, 80, 90]);
    expect(Array.from(seasonal.frame.columns.filled as Uint8Array)).toEqual([
      0, 0, 1, 1, 0, 2, 1, 1, 0,
    ]);
  });

  it("addCalendarFeatures uses local time; addDaylight knows night from day", () => {
    const s = hourly("2024-07-04T03:00:00Z", [1, 1]);
    const c = addCalendarFeatures(s, { timeZone: "America/New_York" });
    expect(Array.from(c.columns.hour as Int32Array)).toEqual([23, 0]);
    expect(Array.from(c.columns.dayOfWeek as Int32Array)).toEqual([3, 4]);
    expect(Array.from(c.columns.dayOfYear as Int32Array)).toEqual([185, 186]);
    const noon = createLoadSeries(
      Float64Array.from([Date.parse("2024-06-21T16:57Z"), Date.parse("2024-06-21T06:00Z")]),
      Float64Array.from([1, 1]),
    );
    const d = addDaylight(noon, { latitude: 40.7, longitude: -74, intervalMs: 0 });
    expect(Array.from(d.columns.isDaylight as Uint8Array)).toEqual([1, 0]);
    expect((d.columns.solarElevationDeg as Float64Array)[0]).toBeCloseTo(72.7, 0);
    expect(Array.from(d.columns.season as Int32Array)).toEqual([2, 2]);
  });

  it("joinWeather adds temperature and degree-hours, NaN where weather is missing", () => {
    const s = hourly("2024-01-01T00:00Z", [1, 1, 1]);
    const weather = {
      length: 2,
      columns: {
        timeUtcMs: Float64Array.from([
          Date.parse("2024-01-01T00:00Z"),
          Date.parse("2024-01-01T01:00Z"),
        ]),
        temperatureC: Float64Array.from([10, 30]),
      },
    };
    const { frame, unmatched } = joinWeather(s, weather);
    expect(unmatched).toBe(1);
    expect(Array.from(frame.columns.heatingDegreeHours as Float64Array)).toEqual([
      8,
      0,
      Number.NaN,
    ]);
    expect(Array.from(frame.columns.coolingDegreeHours as Float64Array)).toEqual([
      0,
      8,
      Number.NaN,
    ]);
  });

  it("flagOutliers flags a spike in a daily-periodic series and nothing else", () => {
    const values = Array.from(
      { length: 24 * 21 },
      (_, i) => 1000 + 300 * Math.sin((2 * Math.PI * (i % 24)) / 24) + (i % 7),
    );
    values[300] = 100;
    const { indices } = flagOutliers(hourly("2024-01-01T00:00Z", values));
    expect(indices).toEqual([300]);
  });
});

function expectClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 9));
}
