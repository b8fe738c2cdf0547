import { expect, test } from "vitest";
import { analyzeLoad } from "../../../src/analysis/analyze-load.js";
import { analysisBundle, ANALYSIS_PARTS } from "../../../src/analysis/display/show-analysis.js";
import { markdownBundle } from "../../../src/analysis/display/show-markdown.js";
import { metricsTableBundle } from "../../../src/analysis/display/show-metrics-table.js";
import {
  PlotlySession,
  plotlyBundle,
  showPlotly,
} from "../../../src/analysis/display/show-plotly.js";
import { svgBundle } from "../../../src/analysis/display/show-svg.js";
import { tableBundle } from "../../../src/analysis/display/show-table.js";
import { baseLayout } from "../../../src/analysis/figures/plotly-figure.js";
import { DisplayError, InputError } from "../../../src/errors.js";
import { PLOTLY_MIME } from "../../../src/runner/mime-types.js";
import { hourlyFrom } from "../hourly-series.js";

test("plotlyBundle(figure) carries the Plotly JSON under its MIME type and the title as text", () => {
  const figure = {
    data: [{ type: "bar", x: [1], y: [2] }],
    layout: baseLayout({
      title: "A <finding>",
      subtitle: "note",
      xTitle: "x (MW)",
      yTitle: "y (MW)",
    }),
  };
  const bundle = plotlyBundle(figure);
  expect(Object.keys(bundle).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
  expect(bundle[PLOTLY_MIME]).toEqual({
    data: figure.data,
    layout: figure.layout,
    config: { responsive: true, displaylogo: false },
  });
  expect(bundle["text/plain"]).toBe("Plotly figure: A <finding>");
  const html = bundle["text/html"] as string;
  expect(html).toMatch(/^<div id="pf-plotly-0-[0-9a-f]{8}" class="plotly-graph-div/);
  expect(html).toContain("Chart “A &lt;finding&gt;”");
  expect(html).not.toContain("window.PlotlyConfig");
  // Outside a kernel there is no cell to show it in: an error, never a quiet no-op.
  expect(() => showPlotly(figure)).toThrow(DisplayError);
  expect(() => showPlotly(figure)).toThrow(/not inside a notebook kernel.*plotlyBundle/);
});

test("PlotlySession.bundle(figure) loads plotly.js with the first figure only, with repeatable ids", () => {
  const figures = ["One", "Two", "Two"].map((title) => ({
    data: [{ type: "bar", x: [1], y: [title.length] }],
    layout: baseLayout({ title, xTitle: "x (MW)", yTitle: "y (MW)" }),
  }));
  const run = () => {
    const session = new PlotlySession();
    return figures.map((f) => session.bundle(f)["text/html"] as string);
  };
  const [first, second, third] = run();
  const loaders = [first!, second!, third!].map((h) => h.split("window.PlotlyConfig").length - 1);
  expect(loaders).toEqual([1, 0, 0]);
  expect(first!.length).toBeGreaterThan(1_000_000);
  expect(first!.indexOf("window.PlotlyConfig")).toBeLessThan(first!.indexOf("<div id="));
  const ids = [first!, second!, third!].map((h) => /<div id="([^"]+)"/.exec(h)![1]);
  expect(ids[0]).toMatch(/^pf-plotly-0-[0-9a-f]{8}$/);
  expect(ids[1]).toMatch(/^pf-plotly-1-[0-9a-f]{8}$/);
  expect(ids[2]!.slice(-8)).toBe(ids[1]!.slice(-8));
  expect(new Set(ids).size).toBe(3);
  expect(run()).toEqual([first, second, third]);
});

test("metricsTableBundle(rows) is an HTML table with each metric's best value in bold", () => {
  const bundle = metricsTableBundle(
    [
      { model: "<b>naive</b>", maeMw: 300, coverage80Pct: 70, mase: 1.234 },
      { model: "ridge", maeMw: 200, coverage80Pct: 81, mase: 0.9 },
      { model: "mlp", maeMw: 250, coverage80Pct: 90, mase: 1 },
    ],
    { higherIsBetter: ["maeMw"], unranked: ["coverage80Pct"], digits: { mase: 2 } },
  );
  expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
  const html = bundle["text/html"] as string;
  expect(html).toContain("<caption>Backtest metrics (best per column in bold)</caption>");
  expect(html).toContain("<td>&lt;b&gt;naive&lt;/b&gt;</td>");
  expect(html).toContain('<td class="num"><b>300.0</b></td>');
  expect(html).toContain('<td class="num"><b>0.90</b></td>');
  expect(html).not.toMatch(/<b>(70|81|90)\.0<\/b>/);
  expect((html.match(/<tr>/g) ?? []).length).toBe(4);
  expect(bundle["text/plain"].split("\n")[2]).toBe("<b>naive</b>\t300.0\t70.0\t1.23");
});

test("tableBundle(rows) escapes every cell and header, formats numbers and truncates", () => {
  const rows = [
    { name: '<script>alert("x")</script>', loadMw: 12345.678, share: 0.25, ok: true },
    { name: "b & c", loadMw: 1000000, share: NaN, ok: false },
    { name: "third", loadMw: 1, share: 1, ok: true },
  ];
  const bundle = tableBundle(rows, { caption: "Loads <MW>", maxRows: 2, digits: { loadMw: 1 } });
  const html = bundle["text/html"] as string;
  expect(html).not.toContain("<script>");
  expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  expect(html).toContain("<caption>Loads &lt;MW&gt;</caption>");
  expect(html).toContain('<td class="num">12,345.7</td>');
  expect(html).toContain('<td class="num">1,000,000.0</td>');
  expect(html).toContain("<td>b &amp; c</td>");
  expect(html).toContain("n/a");
  expect(html).toContain("… 1 more rows");
  expect(bundle["text/plain"].split("\n")[1]).toBe("name\tloadMw\tshare\tok");
  expect(tableBundle([], { caption: "Quarantine" })["text/plain"]).toBe("Quarantine: (no rows)");
});

test("tableBundle(rows, { labels }) heads the named columns with their labels, escaped", () => {
  const bundle = tableBundle([{ model: "ridge", rmseMw: 1000 }], {
    labels: { rmseMw: "RMSE <MW>" },
  });
  expect(bundle["text/html"]).toContain("<th>model</th><th>RMSE &lt;MW&gt;</th>");
  expect(bundle["text/plain"].split("\n")[0]).toBe("model\tRMSE <MW>");
  const metrics = metricsTableBundle([{ model: "a", maeMw: 1 }], { labels: { maeMw: "MAE (MW)" } });
  expect(metrics["text/html"]).toContain("<th>MAE (MW)</th>");
});

test("svgBundle and markdownBundle build image/svg+xml and text/markdown bundles", () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';
  expect(svgBundle(svg)).toEqual({ "image/svg+xml": svg, "text/plain": "SVG figure" });
  const withTitle = svgBundle({ title: "Hot <2021>", subtitle: "s", svg });
  expect(withTitle["text/html"]).toContain("<strong>Hot &lt;2021&gt;</strong>");
  expect(markdownBundle("- a")).toEqual({ "text/markdown": "- a", "text/plain": "- a" });
});

test("analysisBundle(analysis, part) charts available parts, explains skipped ones and rejects unknown names", () => {
  const analysis = analyzeLoad(
    hourlyFrom("2021-01-01T00:00:00Z", 24 * 60, (_, i) => 100 + (i % 24)),
    { timeZone: "UTC" },
  );
  expect(analysisBundle(analysis, "heatmap")[PLOTLY_MIME]).toBeDefined();
  expect(analysisBundle(analysis, "temperature")["text/markdown"]).toBe(
    "> **Not shown:** the series has no temperatureC column.",
  );
  expect(analysisBundle(analysis, "trend")["text/markdown"]).toMatch(
    /too few complete months for a long-term trend: 2/,
  );
  expect(ANALYSIS_PARTS).toContain("anomalies");
  expect(() => analysisBundle(analysis, "pie")).toThrow(InputError);
  expect(() => analysisBundle(analysis, "pie")).toThrow(/expected one of heatmap, weekly/);
});
