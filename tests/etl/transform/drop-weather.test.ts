import { describe, expect, it } from "vitest";
import { dropWeather, WEATHER_COLUMNS } from "../../../src/etl/transform/drop-weather.js";
import { joinWeather } from "../../../src/etl/transform/join-weather.js";
import { createLoadSeries } from "../../../src/frame.js";

const H = 3_600_000;
const T0 = Date.parse("2024-01-01T00:00:00Z");

describe("dropWeather", () => {
  it("dropWeather(joined series) removes every column joinWeather added and shares the rest", () => {
    const time = Float64Array.from({ length: 4 }, (_, i) => T0 + i * H);
    const load = createLoadSeries(time, Float64Array.of(1, 2, 3, 4), {
      outlier: new Uint8Array(4),
    });
    const weather = {
      length: 4,
      columns: {
        timeUtcMs: time,
        temperatureC: Float64Array.of(5, 6, 7, 8),
        temperatureFilled: new Uint8Array(4),
      },
    };
    const joined = joinWeather(load, weather).frame;
    expect(
      Object.keys(joined.columns)
        .filter((c) => WEATHER_COLUMNS.includes(c))
        .sort(),
    ).toEqual([...WEATHER_COLUMNS].sort());
    const dropped = dropWeather(joined);
    expect(Object.keys(dropped.columns).sort()).toEqual(["loadMw", "outlier", "timeUtcMs"]);
    expect(dropped.length).toBe(4);
    expect(dropped.columns.loadMw).toBe(load.columns.loadMw);
    expect(dropWeather(load).columns).toEqual(load.columns);
  });
});
