/** Renders an executed notebook into one self-contained HTML report. */
import { textOf } from "../../util/text-of.js";
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import type { CellFailure } from "../execute/execute-notebook.js";
import { withoutTiming, type RunManifest } from "../manifest/run-manifest.js";
import {
  cellTags,
  sourceText,
  type Notebook,
  type NotebookCell,
} from "../notebook/notebook-types.js";
import { contentSecurityPolicy } from "./content-security-policy.js";
import { escapeHtml, jsonForScript } from "./escape-html.js";
import { renderMarkdown, createMarkdownContext, type Heading } from "./render-markdown.js";
import { renderOutput, type OutputContext } from "./render-output.js";
import { highlightCss, katexCss, plotlyScript } from "./report-assets.js";
import { REPORT_CSS } from "./report-css.js";

hljs.registerLanguage("typescript", typescript);

/** Marks the only part of a report that changes between identical runs. */
export const TIMING_BEGIN = "<!-- powerflow:timing:begin -->";
/** End of the timing block. */
export const TIMING_END = "<!-- powerflow:timing:end -->";

/** Options of `renderReport`. */
export interface RenderReportOptions {
  /** Leave out every code cell's input (default false); the `hide-input` tag folds one cell. */
  noInput?: boolean;
}

/** Returns the HTML report of `notebook` with `manifest` in its footer. */
export function renderReport(
  notebook: Notebook,
  manifest: RunManifest,
  options: RenderReportOptions = {},
): string {
  const context: OutputContext = { markdown: createMarkdownContext(), usesPlotly: false };
  const failedAt = new Map(manifest.failures.map((f) => [f.cellIndex, f]));
  const failed = manifest.status === "failed";
  const cells = notebook.cells
    .map((cell, index) => {
      const notRun =
        failed &&
        cell.cell_type === "code" &&
        cell.execution_count === null &&
        sourceText(cell.source).trim() !== "";
      return renderCell(cell, index, { context, options, failure: failedAt.get(index), notRun });
    })
    .join("\n");
  const body = `${banner(manifest.failures)}${cells}`;
  return page(manifest, body, context.markdown.headings, context);
}

interface CellOptions {
  context: OutputContext;
  options: RenderReportOptions;
  failure: CellFailure | undefined;
  notRun: boolean;
}

function renderCell(cell: NotebookCell, index: number, c: CellOptions): string {
  const tags = cellTags(cell);
  if (tags.includes("remove-cell")) return "";
  const anchor = `cell-${escapeHtml(cell.id)}`;
  if (cell.cell_type === "markdown") {
    return `<section class="pf-cell pf-markdown" id="${anchor}">${renderMarkdown(sourceText(cell.source), c.context.markdown, { trusted: true })}</section>`;
  }
  if (cell.cell_type === "raw") return "";
  const classes = ["pf-cell", "pf-code", c.failure ? "pf-failed" : "", c.notRun ? "pf-not-run" : ""]
    .filter(Boolean)
    .join(" ");
  const count = cell.execution_count ?? " ";
  const label = tags.includes("injected-parameters")
    ? '<span class="pf-tag">injected parameters</span>'
    : tags.includes("parameters")
      ? '<span class="pf-tag">parameters</span>'
      : "";
  const status = c.failure
    ? '<span class="pf-tag">failed</span>'
    : c.notRun
      ? '<span class="pf-tag">not run</span>'
      : "";
  const code = `<pre><code class="hljs language-typescript">${hljs.highlight(sourceText(cell.source), { language: "typescript", ignoreIllegals: true }).value}</code></pre>`;
  let input = "";
  if (!c.options.noInput && !tags.includes("remove-input")) {
    input = tags.includes("hide-input")
      ? `<details class="pf-hidden-input"><summary>Show code</summary><div class="pf-input">${code}</div></details>`
      : `<div class="pf-input">${code}</div>`;
  }
  const outputs = tags.includes("remove-output")
    ? ""
    : (cell.outputs ?? [])
        .map((o, i) => renderOutput(o, `pf-out-${index}-${i}`, c.context))
        .join("");
  const prompt = `<div class="pf-prompt">[${count}]${label}${status}<span class="pf-duration" data-cell="${escapeHtml(cell.id)}"></span></div>`;
  return `<section class="${classes}" id="${anchor}">${prompt}${input}${outputs ? `<div class="pf-outputs">${outputs}</div>` : ""}</section>`;
}

function banner(failures: readonly CellFailure[]): string {
  if (failures.length === 0) return "";
  const items = failures
    .map(
      (f) =>
        `<li>${f.cellIndex < 0 ? "kernel" : `<a href="#cell-${escapeHtml(f.cellId)}">cell ${f.cellIndex + 1}</a>`}: ${escapeHtml(f.ename)}: ${escapeHtml(f.evalue.split("\n")[0] ?? "")}</li>`,
    )
    .join("");
  return `<div class="pf-banner"><b>This notebook did not run to the end.</b><ul>${items}</ul></div>`;
}

function toc(headings: readonly Heading[]): string {
  const items = headings
    .filter((h) => h.depth <= 3)
    .map(
      (h) =>
        `<li style="margin-left:${(h.depth - 1) * 0.8}rem"><a href="#${h.id}">${escapeHtml(h.text)}</a></li>`,
    )
    .join("");
  return items
    ? `<nav class="pf-toc" aria-label="Contents"><b>Contents</b><ul>${items}</ul></nav>`
    : "";
}

function page(
  manifest: RunManifest,
  body: string,
  headings: readonly Heading[],
  context: OutputContext,
): string {
  const css = [REPORT_CSS, highlightCss(), context.markdown.usesMath ? katexCss() : ""].join("\n");
  const inline = context.usesPlotly ? [plotlyScript(), PLOTLY_BOOT] : [];
  const scripts = inline.map((code) => `<script>${code}</script>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${contentSecurityPolicy([...inline, DURATION_BOOT])}
<meta name="generator" content="PowerFlow ${escapeHtml(manifest.provenance.versions.powerflow ?? "")}">
<title>${escapeHtml(manifest.title)}</title>
<style>${css}</style>
</head>
<body>
<div class="pf-layout">
${toc(headings)}
<main>
${body}
${footer(manifest)}
</main>
</div>
${scripts}
<script>${DURATION_BOOT}</script>
</body>
</html>
`;
}

function footer(manifest: RunManifest): string {
  const p = manifest.provenance;
  const git = p.git ? `${p.git.commit.slice(0, 12)}${p.git.dirty ? " (dirty)" : ""}` : "unknown";
  const rows = [
    ["Notebook", `${manifest.notebook.path} (sha256 ${manifest.notebook.sha256.slice(0, 16)}…)`],
    ["Status", manifest.status],
    ["Git commit", git],
    ["Kernel", `${textOf(manifest.kernel.name)} ${textOf(manifest.kernel.implementation)}`],
    [
      "Versions",
      Object.entries(p.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
    ],
  ]
    .map(([k, v]) => `<tr><th>${escapeHtml(k!)}</th><td>${escapeHtml(v!)}</td></tr>`)
    .join("");
  // One line per parameter; long values (paths, URLs) wrap inside the window (report CSS).
  const parameters = Object.entries(manifest.parameters)
    .map(([k, v]) => `<code>${escapeHtml(k)}</code> = ${escapeHtml(JSON.stringify(v))}`)
    .join("<br>");
  const timing = manifest.timing;
  return `<footer>
<h2 id="provenance">Provenance</h2>
<table>${rows}<tr><th>Parameters</th><td>${parameters || "none"}</td></tr></table>
<details><summary>Full manifest</summary><pre>${escapeHtml(JSON.stringify(withoutTiming(manifest), null, 2))}</pre></details>
${TIMING_BEGIN}
<div class="pf-timing"><p>Run ${escapeHtml(timing.startedAt)} → ${escapeHtml(timing.finishedAt)} (${(timing.durationMs / 1000).toFixed(2)} s)</p>
<script type="application/json" id="pf-timing">${jsonForScript(timing)}</script></div>
${TIMING_END}
</footer>`;
}

const PLOTLY_BOOT = `document.querySelectorAll("script.pf-plotly-data").forEach(function (node) {
  var figure = JSON.parse(node.textContent);
  var target = document.getElementById(node.getAttribute("data-target"));
  var config = Object.assign({ responsive: true, displaylogo: false }, figure.config || {});
  Plotly.newPlot(target, figure.data || [], figure.layout || {}, config);
});`;

const DURATION_BOOT = `(function () {
  var node = document.getElementById("pf-timing");
  if (!node) return;
  JSON.parse(node.textContent).cells.forEach(function (cell) {
    var badge = document.querySelector('.pf-duration[data-cell="' + cell.cellId + '"]');
    if (badge) badge.textContent = (cell.durationMs / 1000).toFixed(2) + " s";
  });
})();`;
