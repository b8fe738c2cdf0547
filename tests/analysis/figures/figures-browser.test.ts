// Every Plotly figure builder drawn in headless Chromium with the GPU disabled (`--disable-gpu`, as
// on a VM, remote desktop or VS Code remote session with no WebGL), on the two pages a chart
// reaches: the runner's HTML report (renderReport, which draws the Plotly JSON) and the notebook
// HTML renderings (each bundle's text/html, what classic Notebook and nbconvert show). Each chart
// must have drawn data marks in its SVG and no "WebGL is not supported" box; each chart's
// screenshot goes to .tmp/screenshots/figures/.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { plotlyBundle } from "../../../src/analysis/display/show-plotly.js";
import { loadTimeSeriesFigure } from "../../../src/analysis/figures/load-time-series-figure.js";
import type { PlotlyFigure } from "../../../src/analysis/figures/plotly-figure.js";
import { residualsFigure } from "../../../src/analysis/figures/residuals-figure.js";
import { createLoadSeries } from "../../../src/frame.js";
import { generateLoad } from "../../../src/generate/generate-load.js";
import type { Notebook } from "../../../src/runner/notebook/notebook-types.js";
import { renderReport } from "../../../src/runner/report/render-report.js";
import { waitForDrawnCharts } from "../../helpers/chart-checks.js";
import { chromiumSkipReason, openPage, type ChromiumPage } from "../../helpers/chromium.js";
import { SEEDED_TZ, seededFigures } from "../../helpers/seeded-figures.js";
import { sampleManifest } from "../../runner/deploy/sample-manifest.js";

const SHOTS = resolve(import.meta.dirname, "..", "..", "..", ".tmp", "screenshots", "figures");
const skip = chromiumSkipReason();
if (skip) process.stderr.write(`SKIPPED figures browser test: ${skip}\n`);

/** What one chart drew, measured in the page. */
interface DrawnChart {
  title: string;
  types: string[];
  noWebGl: boolean;
  /** vertices of the longest drawn line path (0 without lines) */
  lineVertices: number;
  box: { x: number; y: number; width: number; height: number };
}

const DRAWN_CHARTS = `Array.from(document.querySelectorAll(".js-plotly-plot")).map((p) => {
  const r = p.getBoundingClientRect();
  const lines = Array.from(p.querySelectorAll(".main-svg .scatterlayer path.js-line"))
    .map((path) => ((path.getAttribute("d") ?? "").match(/[ML]/g) ?? []).length);
  return {
    title: (p.querySelector(".gtitle")?.textContent ?? "").slice(0, 80),
    types: (p.data ?? []).map((t) => t.type ?? "scatter"),
    noWebGl: p.querySelector(".no-webgl") !== null,
    lineVertices: Math.max(0, ...lines),
    box: { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height },
  };
})`;

/** The seeded figures, plus a 3-year hourly line drawn in full and a year of hourly residuals. */
function figures(): [string, PlotlyFigure][] {
  const generated = generateLoad({ days: 1095, zones: [{ name: "ALPHA", baseMw: 12_000 }] });
  const zone = generated.zones[0]!;
  const series = createLoadSeries(zone.timeUtcMs, zone.loadMw);
  const hours = 24 * 365;
  const forecast = {
    timeUtcMs: zone.timeUtcMs.subarray(24, 24 + hours),
    actualMw: zone.loadMw.subarray(24, 24 + hours),
    forecastMw: zone.loadMw.subarray(0, hours),
    model: "seasonal-naive-24",
  };
  return [
    ...Object.entries(seededFigures().builders).map(([name, build]): [string, PlotlyFigure] => [
      name,
      build(),
    ]),
    ["load-time-series-3-years", loadTimeSeriesFigure(series, { timeZone: SEEDED_TZ })],
    ["residuals-1-year", residualsFigure(forecast, { timeZone: SEEDED_TZ })],
  ];
}

/**
 * Shows the whole page in one viewport (so a screenshot's clip is where the chart is; the report
 * reflows its charts after a resize) and returns the charts once their boxes stopped moving.
 */
async function wholePageCharts(page: ChromiumPage): Promise<DrawnChart[]> {
  const height = await page.evaluate<number>("document.documentElement.scrollHeight");
  await page.setViewport(1000, Math.ceil(height));
  let last = "";
  for (let tries = 0; tries < 50; tries++) {
    await new Promise((r) => setTimeout(r, 300));
    const charts = await page.evaluate<DrawnChart[]>(DRAWN_CHARTS);
    if (JSON.stringify(charts) === last) return charts;
    last = JSON.stringify(charts);
  }
  throw new Error("the charts kept moving for 15 s after the resize");
}

function reportNotebook(charts: [string, PlotlyFigure][]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { id: "title", cell_type: "markdown", source: "# Every figure", metadata: {} },
      ...charts.map(([name, figure], index) => ({
        id: name,
        cell_type: "code" as const,
        source: `showPlotly(${name})`,
        metadata: {},
        execution_count: index + 1,
        outputs: [
          {
            output_type: "display_data" as const,
            data: plotlyBundle(figure, { index, includePlotlyJs: index === 0 }),
            metadata: {},
          },
        ],
      })),
    ],
  };
}

describe.skipIf(skip !== undefined)(
  `every figure in headless Chromium with --disable-gpu${skip ? ` [skipped: ${skip}]` : ""}`,
  () => {
    let dir = "";
    let charts: [string, PlotlyFigure][] = [];

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "powerflow-figures-browser-"));
      await mkdir(SHOTS, { recursive: true });
      charts = figures();
      const notebookHtml = charts
        .map(([, figure], index) => plotlyBundle(figure, { index, includePlotlyJs: index === 0 }))
        .map((bundle) => `<div class="output_html">${bundle["text/html"] as string}</div>`)
        .join("\n");
      await writeFile(
        join(dir, "report.html"),
        renderReport(reportNotebook(charts), sampleManifest("figures")),
      );
      await writeFile(
        join(dir, "notebook-html.html"),
        `<!doctype html><html><head><meta charset="utf-8"></head><body style="width:900px">${notebookHtml}</body></html>`,
      );
    }, 60_000);

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    test.each(["report", "notebook-html"])(
      "%s page: every chart draws its data in SVG, with no WebGL box and no console error",
      async (page) => {
        const browser = await openPage(pathToFileURL(join(dir, `${page}.html`)).href, {
          width: 1000,
          height: 900,
          timeoutMs: 60_000,
        });
        try {
          const counts = await waitForDrawnCharts(browser, charts.length);
          const drawn = await wholePageCharts(browser);
          for (const [k, chart] of drawn.entries())
            await browser.screenshot(join(SHOTS, `${page}-${charts[k]![0]}.png`), chart.box);
          expect(counts).toMatchObject({ plotly: charts.length, plotlyDrawn: charts.length });
          expect(drawn.filter((c) => c.noWebGl).map((c) => c.title)).toEqual([]);
          expect(
            await browser.evaluate<boolean>(
              "document.body.innerText.includes('WebGL is not supported')",
            ),
          ).toBe(false);
          expect(drawn.flatMap((c) => c.types).filter((t) => /gl$|pointcloud/.test(t))).toEqual([]);
          // the long lines are drawn from their data: every hour of 3 years, a year of residuals
          const long = drawn.slice(-2);
          expect(long.map((c) => c.lineVertices).every((v) => v > 2000)).toBe(true);
          expect(browser.errors()).toEqual([]);
        } finally {
          await browser.close();
        }
      },
      120_000,
    );
  },
);
