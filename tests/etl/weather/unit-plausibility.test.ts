/**
 * The unit guard of readWeatherSeries (src/etl/weather/unit-plausibility.ts): readings that look
 * like another unit fail the read with the unit to pass; a single bad value is quarantined.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors.js";
import { readWeatherSeries } from "../../../src/etl/weather/read-weather-series.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-weather-unit-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readWeatherSeries unit guard", () => {
  it("readWeatherSeries refuses readings that look like another unit, naming the share, the range and the unit to pass", async () => {
    const hours = (values: number[]) =>
      values.map((v, h) => `2020-07-01 ${String(h).padStart(2, "0")}:00,${v}`).join("\n");
    // °F read as °C: the mild readings would pass, the warm ones would be quarantined
    const fahrenheit = join(dir, "fahrenheit.csv");
    await writeFile(fahrenheit, `time,temp_f\n${hours([55, 58, 63, 70, 78, 86, 91, 88])}\n`);
    const asCelsius = readWeatherSeries(fahrenheit);
    await expect(asCelsius).rejects.toThrow(ValidationError);
    await expect(asCelsius).rejects.toThrow(
      /do not look like °C: 75\.0 % of 8 readings of column temp_f fall outside -60 … 60 °C \(values 55 … 91\); read as °F they are plausible: pass --weather-unit F/,
    );
    const asF = await readWeatherSeries(fahrenheit, { unit: "F" });
    expect(asF.frame.columns.temperatureC[0]).toBeCloseTo(((55 - 32) * 5) / 9, 6);
    // kelvin read as °C
    const kelvin = join(dir, "kelvin.csv");
    await writeFile(kelvin, `time,t2m\n${hours([290.1, 291.5, 295.2, 299.8])}\n`);
    await expect(readWeatherSeries(kelvin)).rejects.toThrow(/pass --weather-unit K/);
    expect((await readWeatherSeries(kelvin, { unit: "K" })).report.stations[0]!.implausible).toBe(
      0,
    );
    // not a temperature at all (pressure, hPa)
    const pressure = join(dir, "pressure.csv");
    await writeFile(pressure, `time,value\n${hours([1013, 1012, 1011])}\n`);
    await expect(readWeatherSeries(pressure)).rejects.toThrow(
      /no temperature unit makes them plausible: check the column/,
    );
    // one bad reading in 200 (0.5 %) is a bad value, quarantined with its line
    const days = Array.from({ length: 200 }, (_, k) => {
      const stamp = new Date(Date.UTC(2020, 0, 1) + k * 3_600_000).toISOString();
      return `${stamp},${k === 7 ? 99 : 5}`;
    });
    const spike = join(dir, "spike.csv");
    await writeFile(spike, `time,temp\n${days.join("\n")}\n`);
    const w = await readWeatherSeries(spike);
    expect(w.report.stations[0]!.implausible).toBe(1);
    expect(w.quarantine.map((q) => [q.line, q.reason.split(":")[0]])).toEqual([
      [9, "temperature implausible"],
    ]);
  });
});
