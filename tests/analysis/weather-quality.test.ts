// The weather's quality report for notebook 01, from readObservedWeather on real CSV files.
import { describe, expect, it } from "vitest";
import { NO_WEATHER_NOTE, readObservedWeather } from "../../src/analysis/read-observed-weather.js";
import type { ObservedWeather } from "../../src/analysis/read-observed-weather.js";
import {
  weatherFindings,
  weatherGapTable,
  weatherQualitySummary,
  weatherReadMarkdown,
} from "../../src/analysis/weather-quality.js";
import type { GapInfo } from "../../src/etl/validate/quality-report.js";
import { useWeatherFiles } from "./weather-files.js";

const files = useWeatherFiles();

const fahrenheit = () =>
  readObservedWeather(files.load, files.fahrenheitPath, {
    column: "temp_f",
    unit: "F",
    tz: "Etc/GMT+5",
  });

function gap(afterUtc: string, missing: number): GapInfo {
  const afterUtcMs = Date.parse(afterUtc);
  const beforeUtcMs = afterUtcMs + (missing + 1) * 3_600_000;
  return {
    afterUtcMs,
    beforeUtcMs,
    afterUtc,
    beforeUtc: new Date(beforeUtcMs).toISOString(),
    missing,
  };
}

describe("weather quality", () => {
  it("weatherReadMarkdown / weatherQualitySummary / weatherFindings / weatherGapTable without weather: the note, then nothing", async () => {
    const observed = await readObservedWeather(files.load, "");
    expect(weatherReadMarkdown(observed)).toBe(`> ${NO_WEATHER_NOTE}`);
    expect(weatherQualitySummary(observed)).toEqual([]);
    expect(weatherFindings(observed)).toEqual([]);
    expect(weatherGapTable(observed)).toEqual([]);
  });

  it("weatherReadMarkdown(°F local-clock file) names column, conversion and zone and counts the load hours without a temperature", async () => {
    expect(weatherReadMarkdown(await fahrenheit())).toBe(
      "**Weather:** `weather-f` (csv; column `temp_f`; conversion °F → °C: (x − 32) × 5/9; stamps without offset read in Etc/GMT+5; a temperature in 100.0 % of its hours). A temperature was joined to **4,800** of **5,279** load hours by UTC hour (479 without: 479 after it ends).",
    );
  });

  it("weatherQualitySummary reconciles the rows read and ends with the cleaning policies", async () => {
    const rows = weatherQualitySummary(await fahrenheit());
    const value = (measure: string) => rows.find((r) => r.measure === measure)?.value;
    expect(value("rows read")).toBe(4800);
    expect(value("hours observed")).toBe(4800);
    expect(value("counts reconcile")).toBe("yes");
    expect(value("hours filled (interpolated)")).toBe(0);
    expect(value("gaps left NaN")).toBe(0);
    expect(value("first hour (UTC)")).toBe("2021-01-01T05:00:00.000Z");
    expect(rows.slice(-6).map((r) => r.measure)).toEqual([
      "policy: gaps",
      "policy: plausible range",
      "policy: spring-forward stamps",
      "policy: fall-back stamps",
      "policy: duplicates",
      "policy: alignment to the load's hours",
    ]);
    expect(value("policy: gaps")).toBe(
      "up to 6 h filled by linear interpolation (flag temperatureFilled); longer gaps left NaN",
    );
    expect(value("policy: plausible range")).toBe("−60 … 60 °C; values outside quarantined");
  });

  it("weatherFindings lists each finding once, led by the station's name", async () => {
    const findings = weatherFindings(await fahrenheit());
    const codes = findings.map((f) => f.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(
      expect.arrayContaining(["weather-source", "weather-unit", "weather-local-time"]),
    );
    expect(findings.every((f) => f.message.startsWith("weather weather-f: "))).toBe(true);
  });

  it("weatherGapTable(observed, {timeZone}) lists the longest gaps of every station first, in local time", () => {
    const station = (longGaps: GapInfo[]) => ({ longGaps });
    const observed = {
      series: files.load,
      weather: {
        quality: {
          stations: [
            station([gap("2021-03-14T05:00:00.000Z", 8)]),
            station([gap("2021-01-02T00:00:00.000Z", 12), gap("2021-01-01T00:00:00.000Z", 8)]),
          ],
        },
      },
    } as unknown as ObservedWeather;
    expect(weatherGapTable(observed, { timeZone: "America/New_York", top: 2 })).toEqual([
      { lastBefore: "2021-01-01 19:00", firstAfter: "2021-01-02 08:00", missing: 12 },
      { lastBefore: "2020-12-31 19:00", firstAfter: "2021-01-01 04:00", missing: 8 },
    ]);
    expect(weatherGapTable(observed, { timeZone: "America/New_York" })[2]).toEqual({
      lastBefore: "2021-03-14 00:00",
      firstAfter: "2021-03-14 10:00",
      missing: 8,
    });
  });
});
