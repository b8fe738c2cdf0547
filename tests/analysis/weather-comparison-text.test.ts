import { describe, expect, test } from "vitest";
import {
  comparisonPeriod,
  weatherGainMarkdown,
  weatherInsight,
  weatherSourceMarkdown,
} from "../../src/analysis/weather-comparison-text.js";
import { comparison, SKIPPED } from "./weather-comparison-fixture.js";

describe("weather comparison text", () => {
  test("comparisonPeriod(comparison) gives the local dates of the test period", () => {
    expect(comparisonPeriod(comparison())).toBe("2016-12-04 – 2016-12-31");
    expect(comparisonPeriod(SKIPPED)).toBe("");
  });

  test("weatherSourceMarkdown(comparison) names the station, conversion, zone, overlap and the ex post label", () => {
    const text = weatherSourceMarkdown(comparison());
    expect(text).toContain(
      "**Weather:** `KDCA_weather` (csv; column `temp_dca`; conversion °F → °C: (x − 32) × 5/9; stamps without offset read in America/New_York; a temperature in 100.0 % of its hours).",
    );
    expect(text).toContain("Load and weather overlap 2011-01-03 05:00 … 2017-01-01 04:00 UTC.");
    expect(text).toContain(
      "The weather covers less than the load (2002-01-01 05:00 … 2018-08-03 03:00 UTC): what follows uses the overlap only (92,812 load hours left out).",
    );
    expect(text).toContain("**Evaluation: ex post (observed weather).**");
    expect(text).toContain("forecast 2016-12-04 – 2016-12-31 (America/New_York)");
    expect(text).toMatch(/not a weather forecast/);
  });

  test("weatherGainMarkdown(comparison) states both errors, the share the weather explains and that it is ex post", () => {
    const text = weatherGainMarkdown(comparison("long-horizon"));
    expect(text).toContain(
      "Over 2016-12-04 – 2016-12-31, a forecast of the whole period made at its start by the `ridge` model from the calendar alone missed by **1,600 MW** in a typical hour (RMSE; MAPE 3.7 %).",
    );
    // 1 − (1000 / 1600)² = 61 %
    expect(text).toContain(
      "missed by **1,000 MW** (MAPE 2.3 %): the weather accounts for **61 %**",
    );
    expect(text).toContain("**ex post (observed weather)**");
    expect(weatherGainMarkdown(comparison("day-ahead"))).toContain(
      "forecasts of each next day by the `ridge` model from the calendar and recent load missed",
    );
  });

  test("weatherInsight(comparison) is the weather finding with its number; none without weather", () => {
    expect(weatherInsight(comparison("long-horizon"))).toEqual({
      topic: "weather",
      text: "Knowing the observed temperatures cuts the typical error of a calendar-based forecast of 2016-12-04 – 2016-12-31 made at its start from 1,600 to 1,000 MW (RMSE, 38 % lower; MAPE 3.7 → 2.3 %; model ridge, ex post (observed weather)).",
      value: 37.5,
      unit: "%",
      period: "2016-12-04 – 2016-12-31",
    });
    expect(weatherInsight(SKIPPED)).toBeUndefined();
    expect(weatherSourceMarkdown(SKIPPED)).toBe(`> ${SKIPPED.note!}`);
    expect(weatherGainMarkdown(SKIPPED)).toBe(`> ${SKIPPED.note!}`);
  });
});
