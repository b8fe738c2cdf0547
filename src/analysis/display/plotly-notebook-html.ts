/**
 * The `text/html` rendering of a Plotly figure for front ends without a Plotly renderer (classic
 * Notebook 6.4, stock JupyterLab, nbconvert's HTML), after plotly.py's `notebook` renderer: a
 * `plotly-graph-div` plus a script that draws it, and, with the first figure of a kernel session,
 * a loader that inlines plotly.js (offline, no CDN). Figure scripts that run before the loader
 * wait in a queue the loader flushes; if plotly.js never arrives, the div says so in text.
 */
import { InputError } from "../../errors.js";
import { escapeHtml, jsonForScript } from "../../runner/report/escape-html.js";

/** The global queue of draw callbacks: an array until the loader ran, then an object whose push draws at once. */
export const PLOTLY_QUEUE_GLOBAL = "PowerFlowPlotlyQueue";

/** Milliseconds a figure waits for plotly.js before its div says that the loader is missing. */
export const PLOTLY_WAIT_MS = 5000;

/** Options of plotlyNotebookHtml. */
export interface PlotlyNotebookHtmlOptions {
  /** id of the chart's div: unique in the notebook, [A-Za-z0-9-] only */
  elementId: string;
  /** plain-text title, shown while the chart is not drawn */
  title: string;
  /** plotly.js source to inline ahead of the chart (the once-per-session loader); default none */
  plotlyJs?: string;
  /** ms to wait for plotly.js before the div says it is missing; default PLOTLY_WAIT_MS */
  waitMs?: number;
}

/** Returns the HTML (div + scripts) that draws `spec` ({ data, layout, config }) with plotly.js. */
export function plotlyNotebookHtml(
  spec: { data: unknown; layout: Record<string, unknown>; config: unknown },
  options: PlotlyNotebookHtmlOptions,
): string {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(options.elementId))
    throw new InputError(
      `invalid chart element id: "${options.elementId}" (expected [A-Za-z0-9-])`,
    );
  const height = typeof spec.layout.height === "number" ? `${spec.layout.height}px` : "450px";
  const loader = options.plotlyJs === undefined ? "" : plotlyLoaderScript(options.plotlyJs);
  const pending =
    `Chart “${escapeHtml(options.title)}”: drawn by plotly.js in a trusted notebook ` +
    `(plotly.js comes with the first chart of the notebook).`;
  return (
    loader +
    `<div id="${options.elementId}" class="plotly-graph-div pf-plotly-notebook" style="height:${height}; width:100%;">` +
    `<p class="pf-plotly-pending">${pending}</p></div>\n` +
    `<script type="text/javascript">${figureScript(options.elementId, jsonForScript(spec), options.waitMs ?? PLOTLY_WAIT_MS)}</script>`
  );
}

/**
 * Returns the loader: plotly.js run with `define`, `module` and `exports` shadowed, so that its UMD
 * header sets `window.Plotly` even under require.js (classic Notebook), then the queue flushed.
 * `</script` in `source` is escaped here as well, so any source is safe to pass.
 */
function plotlyLoaderScript(source: string): string {
  const safe = source.replace(/<\/(script)/gi, "<\\/$1");
  return (
    `<script type="text/javascript">window.PlotlyConfig = {MathJaxConfig: "local"};\n` +
    `(function (define, module, exports) {\n${safe}\n}).call(window);\n` +
    `(function () {\n` +
    `  var queue = window.${PLOTLY_QUEUE_GLOBAL};\n` +
    `  var waiting = Array.isArray(queue) ? queue : [];\n` +
    `  window.${PLOTLY_QUEUE_GLOBAL} = { push: function (draw) { draw(window.Plotly); } };\n` +
    `  waiting.forEach(function (draw) { draw(window.Plotly); });\n` +
    `})();</script>\n`
  );
}

// The div may not be in the document yet when the script runs (classic Notebook evaluates
// scripts before it attaches the output), so drawing retries until it is.
function figureScript(id: string, json: string, waitMs: number): string {
  const missing =
    "plotly.js is not loaded in this page, so this chart cannot be drawn: it comes with the first " +
    "chart a kernel session shows. Run the notebook from the top (Restart & Run All) and trust it.";
  return `
(function () {
  var id = "${id}", figure = ${json};
  function draw(Plotly) {
    if (!Plotly) return;
    var tries = 0;
    (function attempt() {
      var el = document.getElementById(id);
      if (!el) { if (++tries < 200) setTimeout(attempt, 50); return; }
      el.textContent = "";
      Plotly.newPlot(el, figure.data, figure.layout, figure.config);
    })();
  }
  var queue = window.${PLOTLY_QUEUE_GLOBAL} = window.${PLOTLY_QUEUE_GLOBAL} || [];
  if (Array.isArray(queue) && window.Plotly && window.Plotly.newPlot) draw(window.Plotly);
  else queue.push(draw);
  setTimeout(function () {
    var el = document.getElementById(id);
    if (window.Plotly || !el) return;
    el.textContent = ${JSON.stringify(missing)};
    el.className += " pf-plotly-missing";
  }, ${waitMs});
})();
`;
}
