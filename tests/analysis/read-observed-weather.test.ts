// readObservedWeather on real CSV files in two layouts, read by the ETL's weather reader.
import { describe, expect, it } from "vitest";
import { NO_WEATHER_NOTE, readObservedWeather } from "../../src/analysis/read-observed-weather.js";
import { InputError } from "../../src/errors.js";
import { sliceRows } from "../../src/frame.js";
import { EX_POST_LABEL } from "../../src/ml/backtest-weather.js";
import { useWeatherFiles } from "./weather-files.js";

const files = useWeatherFiles();

describe("readObservedWeather", () => {
  it('readObservedWeather(series, "") returns the load unchanged with the one-line note', async () => {
    const observed = await readObservedWeather(files.load, "");
    expect(observed.series).toBe(files.load);
    expect(observed.overlap).toBeUndefined();
    expect(observed.weather).toBeUndefined();
    expect(observed.note).toBe(NO_WEATHER_NOTE);
  });

  it("readObservedWeather(series, csv) joins °C on every load hour and names the weather", async () => {
    const observed = await readObservedWeather(files.load, files.celsiusPath);
    expect(observed.note).toBeUndefined();
    expect(observed.series.length).toBe(files.load.length);
    expect(observed.overlap!.length).toBe(files.load.length);
    expect(observed.weather).toMatchObject({
      label: EX_POST_LABEL,
      rowsOutsideWeather: 0,
      stations: [{ name: "weather", column: "temperature_c", conversion: "none (°C)" }],
    });
  });

  it("readObservedWeather(series, °F local-time csv, {column, unit, tz}) converts, places and cuts to the overlap", async () => {
    const observed = await readObservedWeather(files.load, files.fahrenheitPath, {
      column: "temp_f",
      unit: "F",
      tz: "Etc/GMT+5",
    });
    const celsius = await readObservedWeather(files.load, files.celsiusPath);
    expect(observed.weather!.stations[0]).toMatchObject({
      column: "temp_f",
      timeZone: "Etc/GMT+5",
      conversion: "°F → °C: (x − 32) × 5/9",
    });
    expect(observed.overlap!.length).toBe(24 * 200);
    expect(observed.weather!.rowsOutsideWeather).toBe(files.load.length - 24 * 200);
    const f = observed.series.columns.temperatureC as Float64Array;
    const c = celsius.series.columns.temperatureC as Float64Array;
    for (const i of [0, 100, 24 * 150 + 7]) expect(f[i]).toBeCloseTo(c[i]!, 1);
    expect(f[24 * 210]).toBeNaN();
  });

  it("readObservedWeather(weather of another period) returns the load unchanged and a note naming both periods", async () => {
    const late = sliceRows(files.load, 24 * 205);
    const observed = await readObservedWeather(late, files.fahrenheitPath, {
      column: "temp_f",
      unit: "F",
      tz: "Etc/GMT+5",
    });
    expect(observed.series).toBe(late);
    expect(observed.weather).toBeUndefined();
    expect(observed.note).toBe(
      "The weather (2021-01-01 … 2021-07-20 UTC) does not overlap the load (2021-07-25 … 2021-08-09): the sections that use the observed temperature are not shown.",
    );
  });

  it("readObservedWeather(series, csv, {unit: 'X'}) is an InputError", async () => {
    await expect(readObservedWeather(files.load, files.celsiusPath, { unit: "X" })).rejects.toThrow(
      InputError,
    );
  });
});
