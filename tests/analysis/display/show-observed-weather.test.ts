import { describe, expect, test } from "vitest";
import {
  OBSERVED_WEATHER_PARTS,
  observedWeatherBundles,
  showObservedWeather,
} from "../../../src/analysis/display/show-observed-weather.js";
import {
  NO_WEATHER_NOTE,
  readObservedWeather,
} from "../../../src/analysis/read-observed-weather.js";
import { DisplayError, InputError } from "../../../src/errors.js";
import { PLOTLY_MIME } from "../../../src/runner/mime-types.js";
import { useWeatherFiles } from "../weather-files.js";

const files = useWeatherFiles();
const NOTE = { "text/markdown": `> ${NO_WEATHER_NOTE}`, "text/plain": `> ${NO_WEATHER_NOTE}` };

describe("observedWeatherBundles", () => {
  test("observedWeatherBundles(observed, part) gives the read and counts, findings, gaps and temperature chart", async () => {
    expect(OBSERVED_WEATHER_PARTS).toEqual(["quality", "findings", "gaps", "temperature"]);
    const observed = await readObservedWeather(files.load, files.celsiusPath);
    const quality = observedWeatherBundles(observed, "quality");
    expect(quality).toHaveLength(2);
    expect(quality[0]!["text/markdown"]).toMatch(
      /^\*\*Weather:\*\* `weather` \(csv; column `temperature_c`/,
    );
    expect(quality[1]!["text/html"]).toContain(
      "<caption>Weather: row reconciliation and cleaning policies</caption>",
    );
    expect(quality[1]!["text/plain"]).toContain("counts reconcile\tyes");
    const [findings] = observedWeatherBundles(observed, "findings");
    expect(findings!["text/html"]).toContain("<th>code</th><th>count</th><th>message</th>");
    expect(findings!["text/plain"]).toContain(
      "weather-source\t5279\tweather weather: 1 file(s) read as csv (by content), column temperature_c",
    );
    expect(observedWeatherBundles(observed, "gaps")).toEqual([
      {
        "text/markdown": "No weather gap is longer than the fill limit (6 h).",
        "text/plain": "No weather gap is longer than the fill limit (6 h).",
      },
    ]);
    const [chart] = observedWeatherBundles(observed, "temperature", {
      timeZone: "America/New_York",
    });
    expect(chart![PLOTLY_MIME]).toBeDefined();
    expect(chart!["text/plain"]).toMatch(/^Plotly figure: Working-day load changes by/);
  });

  test('observedWeatherBundles(weather = "") shows the note in quality and temperature, nothing else', async () => {
    const observed = await readObservedWeather(files.load, "");
    expect(observedWeatherBundles(observed, "quality")).toEqual([NOTE]);
    expect(observedWeatherBundles(observed, "temperature")).toEqual([NOTE]);
    expect(observedWeatherBundles(observed, "findings")).toEqual([]);
    expect(observedWeatherBundles(observed, "gaps")).toEqual([]);
  });

  test("observedWeatherBundles(observed, unknown part) is an InputError listing the parts", async () => {
    const observed = await readObservedWeather(files.load, "");
    expect(() => observedWeatherBundles(observed, "table")).toThrow(InputError);
    expect(() => observedWeatherBundles(observed, "table")).toThrow(
      /unknown observed weather part: "table" \(expected one of quality, findings, gaps, temperature\)/,
    );
  });

  test("showObservedWeather outside a kernel is a DisplayError, and silent for an empty part", async () => {
    const observed = await readObservedWeather(files.load, "");
    expect(() => showObservedWeather(observed, "quality")).toThrow(DisplayError);
    expect(() => showObservedWeather(observed, "gaps")).not.toThrow();
  });
});
