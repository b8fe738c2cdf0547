/**
 * Takes a headless-Chromium screenshot of every rendered report (*.html except index.html) in a
 * folder and checks that each Plotly chart and SVG figure was drawn and that the page logged no
 * console errors or exceptions. Works on nbconvert's HTML of executed notebooks as well: a chart
 * div counts whether or not plotly.js drew it (`.pf-plotly`, `.plotly-graph-div`).
 *
 *   npm run reports                       # renders reports/ (or: powerflow run … --out dir)
 *   node scripts/screenshot-reports.ts [reports] [.tmp/report-screenshots]
 *
 * Exits 1 when a report has an undrawn chart (no data marks, or plotly.js's "WebGL is not
 * supported" box) or a console error. Reuses the test suite's CDP helper and chart check
 * (tests/helpers/chromium.ts, chart-checks.ts), loaded at run time so the script needs no build step.
 */
import { mkdir, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as ChartChecksModule from "../tests/helpers/chart-checks.js";
import type * as ChromiumModule from "../tests/helpers/chromium.js";

type ChromiumHelper = typeof ChromiumModule;
type ChartChecksHelper = typeof ChartChecksModule;

/** What one report looked like in the browser. */
export interface ReportCheck {
  report: string;
  /** Plotly charts on the page, and how many of them finished drawing (data plus SVG layers) */
  plotlyCharts: number;
  plotlyDrawn: number;
  /** static SVG figures (Observable Plot small multiples) with drawn paths */
  svgFigures: number;
  errors: string[];
  screenshot: string;
}

/** In-page check; `plotDrawn` is chart-checks' PLOTLY_DRAWN_JS (data marks drawn, no WebGL failure). */
const drawnJs = (plotDrawn: string): string => `(() => {
  const plots = Array.from(document.querySelectorAll(".js-plotly-plot, .pf-plotly, .plotly-graph-div"));
  const drawn = plots.filter(${plotDrawn});
  const svgs = Array.from(document.querySelectorAll("figure.pf-static-figure svg")).filter((s) => s.querySelector("path"));
  return { plots: plots.length, drawn: drawn.length, svgs: svgs.length };
})()`;

/** Opens every report in `reportsDir`, saves `<name>.png` under `outDir` and returns what was drawn. */
export async function screenshotReports(
  reportsDir: string,
  outDir: string,
): Promise<ReportCheck[]> {
  const helper = (name: string): string =>
    pathToFileURL(resolve(import.meta.dirname, "..", "tests", "helpers", name)).href;
  const { openPage } = (await import(helper("chromium.ts"))) as ChromiumHelper;
  const { PLOTLY_DRAWN_JS } = (await import(helper("chart-checks.ts"))) as ChartChecksHelper;
  await mkdir(outDir, { recursive: true });
  const reports = (await readdir(reportsDir))
    .filter((f) => f.endsWith(".html") && f !== "index.html")
    .sort();
  const checks: ReportCheck[] = [];
  for (const report of reports) {
    const page = await openPage(pathToFileURL(join(reportsDir, report)).href, {
      width: 1280,
      height: 9000,
      timeoutMs: 60_000,
    });
    try {
      await page.waitForSelector("body", 10_000);
      const counts = await waitUntilDrawn(page, drawnJs(PLOTLY_DRAWN_JS));
      const screenshot = join(outDir, report.replace(/\.html$/, ".png"));
      await page.screenshot(screenshot);
      checks.push({
        report,
        plotlyCharts: counts.plots,
        plotlyDrawn: counts.drawn,
        svgFigures: counts.svgs,
        errors: page.errors(),
        screenshot,
      });
    } finally {
      // Chromium may still be writing its profile while the helper removes it; that is not a
      // report problem, so a failed cleanup is ignored.
      await page.close().catch(() => undefined);
    }
  }
  return checks;
}

async function waitUntilDrawn(
  page: { evaluate<T>(expression: string): Promise<T> },
  drawn: string,
): Promise<{ plots: number; drawn: number; svgs: number }> {
  const end = Date.now() + 30_000;
  for (;;) {
    const counts = await page.evaluate<{ plots: number; drawn: number; svgs: number }>(drawn);
    if (counts.drawn === counts.plots || Date.now() > end) return counts;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(argv: string[]): Promise<number> {
  const reportsDir = resolve(argv[0] ?? "reports");
  const outDir = resolve(argv[1] ?? ".tmp/report-screenshots");
  const checks = await screenshotReports(reportsDir, outDir);
  let failed = 0;
  for (const c of checks) {
    const ok = c.plotlyDrawn === c.plotlyCharts && c.errors.length === 0;
    if (!ok) failed++;
    process.stdout.write(
      `${c.report}: ${ok ? "ok" : "FAILED"} — ${c.plotlyDrawn}/${c.plotlyCharts} Plotly charts drawn, ${c.svgFigures} SVG figures, ${c.errors.length} console errors → ${c.screenshot}\n`,
    );
    for (const e of c.errors) process.stdout.write(`  ${e}\n`);
  }
  if (checks.length === 0) {
    process.stdout.write(`no reports in ${reportsDir} (run npm run reports first)\n`);
    return 1;
  }
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `screenshot-reports: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
