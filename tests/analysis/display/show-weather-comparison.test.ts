import { describe, expect, test } from "vitest";
import {
  showWeatherComparison,
  WEATHER_COMPARISON_PARTS,
  weatherComparisonBundles,
} from "../../../src/analysis/display/show-weather-comparison.js";
import { DisplayError, InputError } from "../../../src/errors.js";
import { PLOTLY_MIME } from "../../../src/runner/mime-types.js";
import { comparison, SKIPPED } from "../weather-comparison-fixture.js";

const html = (bundle: Record<string, unknown>) => bundle["text/html"] as string;

describe("weatherComparisonBundles", () => {
  test("weatherComparisonBundles(comparison, part) gives the source, chart, table and summary", () => {
    expect(WEATHER_COMPARISON_PARTS).toEqual(["source", "summary", "temperature", "table"]);
    const c = comparison();
    const [source] = weatherComparisonBundles(c, "source");
    expect(source!["text/markdown"]).toMatch(/^\*\*Weather:\*\* `KDCA_weather`/);
    const [chart] = weatherComparisonBundles(c, "temperature");
    expect(chart![PLOTLY_MIME]).toBeDefined();
    expect(chart!["text/plain"]).toMatch(/^Plotly figure: Working-day load changes by/);
    const table = weatherComparisonBundles(c, "table");
    expect(table).toHaveLength(1);
    expect(html(table[0]!)).toContain(
      "<caption>Day-ahead backtest, ex post (observed weather): the same models on the same rows without and with the observed temperatures, 2016-12-04 – 2016-12-31 (best per column in bold)</caption>",
    );
    expect(html(table[0]!)).toContain(
      "<th>model</th><th>MAE without (MW)</th><th>MAE with (MW)</th><th>RMSE without (MW)</th><th>RMSE with (MW)</th><th>MAPE without (%)</th><th>MAPE with (%)</th><th>RMSE gain (%)</th><th>MAPE gain (points)</th>",
    );
    // ridge first (best with weather); the load-only peer is marked; the largest gain in bold
    expect(html(table[0]!)).toMatch(
      /<tr><td>ridge<\/td><td class="num"><b>1,200<\/b><\/td><td class="num"><b>750<\/b><\/td><td class="num"><b>1,600<\/b><\/td><td class="num"><b>1,000<\/b><\/td><td class="num"><b>3.70<\/b><\/td><td class="num"><b>2.30<\/b><\/td><td class="num">37.5<\/td><td class="num">1.40<\/td><\/tr>/,
    );
    expect(html(table[0]!)).toContain("<td>seasonal-naive-24 (reads no weather)</td>");
    expect(html(table[0]!)).toContain('<td class="num"><b>61.8</b></td>');
    const summary = weatherComparisonBundles(comparison("long-horizon"), "summary");
    expect(summary).toHaveLength(2);
    expect(summary[0]!["text/markdown"]).toMatch(/the weather accounts for \*\*61 %\*\*/);
    expect(html(summary[1]!)).toContain(
      '<tr><td>without weather: the calendar alone</td><td class="num">1,600</td><td class="num">3.7</td></tr><tr><td>with the observed temperatures: ex post (observed weather)</td><td class="num">1,000</td><td class="num">2.3</td></tr>',
    );
  });

  test("weatherComparisonBundles(no weather) shows the note once, in source and summary, and nothing else", () => {
    expect(weatherComparisonBundles(SKIPPED, "source")).toEqual([
      { "text/markdown": `> ${SKIPPED.note!}`, "text/plain": `> ${SKIPPED.note!}` },
    ]);
    expect(weatherComparisonBundles(SKIPPED, "summary")).toHaveLength(1);
    expect(weatherComparisonBundles(SKIPPED, "temperature")).toEqual([]);
    expect(weatherComparisonBundles(SKIPPED, "table")).toEqual([]);
  });

  test("weatherComparisonBundles(comparison, unknown part) is an InputError listing the parts", () => {
    expect(() => weatherComparisonBundles(SKIPPED, "chart")).toThrow(InputError);
    expect(() => weatherComparisonBundles(SKIPPED, "chart")).toThrow(
      /unknown weather comparison part: "chart" \(expected one of source, summary, temperature, table\)/,
    );
  });

  test("showWeatherComparison outside a kernel is a DisplayError, and silent for an empty part", () => {
    expect(() => showWeatherComparison(SKIPPED, "source")).toThrow(DisplayError);
    expect(() => showWeatherComparison(SKIPPED, "table")).not.toThrow();
  });
});
