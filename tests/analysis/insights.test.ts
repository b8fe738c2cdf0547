import { beforeAll, expect, test } from "vitest";
import { analyzeLoad, type LoadAnalysis } from "../../src/analysis/analyze-load.js";
import { formatNumber } from "../../src/analysis/format-number.js";
import { insights, insightsMarkdown } from "../../src/analysis/insights.js";
import { createLoadSeries } from "../../src/frame.js";
import { generateLoad } from "../../src/generate/generate-load.js";
import { comparison, SKIPPED } from "./weather-comparison-fixture.js";

let analysis: LoadAnalysis;
let withoutTemperature: LoadAnalysis;

beforeAll(() => {
  const generated = generateLoad({ days: 1095, zones: [{ name: "ALPHA", baseMw: 12_000 }] });
  const zone = generated.zones[0]!;
  const series = createLoadSeries(zone.timeUtcMs, zone.loadMw, {
    temperatureC: generated.temperature.temperatureC,
  });
  analysis = analyzeLoad(series, { timeZone: "America/New_York", name: "ALPHA" });
  withoutTemperature = analyzeLoad(createLoadSeries(zone.timeUtcMs, zone.loadMw), {
    timeZone: "America/New_York",
  });
});

test("insights(analysis) states each finding with its number, unit and period, derived from the results", () => {
  const list = insights(analysis);
  expect(list.map((i) => i.topic)).toEqual([
    "peak",
    "trend",
    "year-over-year",
    "timing",
    "seasonality",
    "day-type",
    "duration",
    "temperature",
    "anomalies",
  ]);
  const peak = list[0]!;
  const top = analysis.peaks.peaks[0]!;
  expect(peak.text).toBe(
    `ALPHA peak load was ${formatNumber(top.loadMw)} MW in the hour starting ${top.local} (America/New_York), ` +
      `${formatNumber(analysis.peaks.peakToAverage, 2)} × the average of ${formatNumber(analysis.peaks.meanMw)} MW over 2021-01-01 – 2023-12-31.`,
  );
  expect(peak).toMatchObject({ value: top.loadMw, unit: "MW", period: "2021-01-01 – 2023-12-31" });
  const temperature = list.find((i) => i.topic === "temperature")!;
  expect(temperature.text).toContain(`${formatNumber(analysis.temperature!.coolingMwPerC)} MW`);
  expect(temperature.unit).toBe("MW/°C");
  for (const insight of list) {
    expect(insight.text).toMatch(/\d/);
    expect(insight.text.endsWith(".")).toBe(true);
    expect(Number.isFinite(insight.value)).toBe(true);
  }
  expect(insightsMarkdown(list).split("\n")).toHaveLength(list.length);
});

test("insights(analysis, { weather }) adds what the weather explains after the temperature finding, ex post", () => {
  const list = insights(analysis, { weather: comparison("long-horizon") });
  const topics = list.map((i) => i.topic);
  expect(topics.indexOf("weather")).toBe(topics.indexOf("temperature") + 1);
  expect(list.find((i) => i.topic === "weather")!.text).toMatch(
    /^Knowing the observed temperatures cuts the typical error .* ex post \(observed weather\)\)\.$/,
  );
  expect(insights(analysis, { weather: SKIPPED }).map((i) => i.topic)).toEqual(
    insights(analysis).map((i) => i.topic),
  );
});

test("insights(analysis without temperature) leaves the temperature finding out", () => {
  expect(withoutTemperature.skipped.temperature).toBe("the series has no temperatureC column");
  expect(insights(withoutTemperature).some((i) => i.topic === "temperature")).toBe(false);
  expect(insights(withoutTemperature)[0]!.text.startsWith("Peak load was")).toBe(true);
});
