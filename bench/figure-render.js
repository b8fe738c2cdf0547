// Browser render time of the long time-series chart (loadTimeSeriesFigure, an SVG `scatter` line)
// in headless Chromium with --disable-gpu: Plotly.newPlot until its plotly_afterplot event, a zoom
// to the last week (Plotly.relayout) and one hover, median of 5 page loads, for the largest
// default-data series, PJM East 2011–2018 and all of it, and 288,000 generated hours; each drawn
// as built by default, with every point and M4-downsampled to 1,500 columns.
// Usage: npm run bench:figure-render [-- --input ../shared/data/PJME_hourly.csv]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createLoadSeries,
  generateLoad,
  loadTimeSeriesFigure,
  readLoadSeries,
  sliceRows,
} from "../dist/src/index.js";

const ROOT = resolve(import.meta.dirname, "..");
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const { openPage, chromiumSkipReason } = await import(
  pathToFileURL(join(ROOT, "tests", "helpers", "chromium.ts")).href
);
if (chromiumSkipReason()) {
  process.stdout.write(`bench:figure-render skipped: ${chromiumSkipReason()}\n`);
  process.exit(0);
}

const TZ = "America/New_York";
const REPEAT = 5;
const series = [];
const defaultCsv = join(ROOT, "data", "raw", "default", "ALPHA_hourly.csv");
if (existsSync(defaultCsv))
  series.push(["default data ALPHA", (await readLoadSeries(defaultCsv, { tz: TZ })).series]);
else process.stdout.write(`(no ${defaultCsv}: run bash scripts/reports.sh for the default data)\n`);
const pjmeCsv = resolve(args.input ?? join(ROOT, "..", "shared", "data", "PJME_hourly.csv"));
if (existsSync(pjmeCsv)) {
  const { series: pjme } = await readLoadSeries(pjmeCsv, { tz: TZ, hourEnding: true });
  const from = pjme.columns.timeUtcMs.findIndex((t) => t >= Date.parse("2011-01-01T05:00:00Z"));
  series.push(["PJME 2011-01 to 2018-08", sliceRows(pjme, from)], ["PJME 2002-2018", pjme]);
} else process.stdout.write(`(no ${pjmeCsv}: pass --input FILE for the PJM East cases)\n`);
const generated = generateLoad({ days: 12_000, zones: [{ name: "X", baseMw: 12_000 }] });
series.push([
  "generated, 12,000 days",
  createLoadSeries(generated.zones[0].timeUtcMs, generated.zones[0].loadMw),
]);

const VARIANTS = [
  ["as built (default)", {}],
  ["every point", { maxPoints: Infinity }],
  ["M4, 1,500 columns", { maxPoints: 0 }],
];
// plotly_afterplot fires after newPlot returns (the drawing finishes asynchronously), so the
// listener added right after the call sees it
const MEASURE = `new Promise((resolve) => {
  const el = document.getElementById("chart");
  const started = performance.now();
  Plotly.newPlot(el, FIGURE.data, FIGURE.layout);
  el.once("plotly_afterplot", async () => {
    const drawn = performance.now() - started;
    const [, end] = el._fullLayout.xaxis.range;
    const weekBefore = new Date(new Date(end).getTime() - 7 * 86400e3).toISOString();
    const zoomStarted = performance.now();
    await Plotly.relayout(el, { "xaxis.range": [weekBefore, end] });
    const zoom = performance.now() - zoomStarted;
    await Plotly.relayout(el, { "xaxis.autorange": true });
    const hoverStarted = performance.now();
    Plotly.Fx.hover(el, { xpx: 300, ypx: 100 }, "xy");
    const hover = performance.now() - hoverStarted;
    const labels = el.querySelectorAll(".hoverlayer text").length;
    resolve({ drawn, zoom, hover, labels });
  });
})`;

const plotly = readFileSync(
  join(ROOT, "node_modules", "plotly.js-dist-min", "plotly.min.js"),
  "utf8",
);
const dir = mkdtempSync(join(tmpdir(), "powerflow-figure-render-"));
const page = await openPage("about:blank", { width: 1000, height: 900 });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
process.stdout.write(
  `${"series".padEnd(26)} ${"hours".padStart(7)} ${"drawn as".padEnd(20)} ${"points".padStart(7)} ${"JSON".padStart(8)} ${"newPlot".padStart(8)} ${"1w zoom".padStart(8)} ${"hover".padStart(6)}\n`,
);
try {
  for (const [name, s] of series) {
    for (const [variant, options] of VARIANTS) {
      const figure = loadTimeSeriesFigure(s, { timeZone: TZ, ...options });
      const json = JSON.stringify(figure);
      const file = join(dir, "chart.html");
      writeFileSync(
        file,
        `<!doctype html><meta charset="utf-8"><script>${plotly}</script><div id="chart" style="width:900px"></div><script>window.FIGURE = ${json};</script>`,
      );
      const runs = [];
      for (let r = 0; r < REPEAT; r++) {
        await page.navigate(pathToFileURL(file).href, 120_000);
        const run = await page.evaluate(MEASURE);
        if (run.labels === 0) throw new Error(`${name}, ${variant}: hover showed no label`);
        runs.push(run);
      }
      const ms = (key) => `${median(runs.map((run) => run[key])).toFixed(0)} ms`;
      process.stdout.write(
        `${name.padEnd(26)} ${String(s.length).padStart(7)} ${variant.padEnd(20)} ${String(figure.data[0].x.length).padStart(7)} ${`${(json.length / 1024).toFixed(0)} KB`.padStart(8)} ${ms("drawn").padStart(8)} ${ms("zoom").padStart(8)} ${ms("hover").padStart(6)}\n`,
      );
    }
  }
  if (page.errors().length > 0) throw new Error(`page errors: ${page.errors().join("; ")}`);
} finally {
  await page.close();
  rmSync(dir, { recursive: true, force: true });
}
