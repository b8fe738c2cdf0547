/** Renders one notebook output to HTML, choosing the richest MIME type PowerFlow knows. */
import { textOf } from "../../util/text-of.js";
import katex from "katex";
import { formatMetricValue } from "./format-metric-value.js";
import { PLOTLY_MIME, PUBLISH_MIME } from "../mime-types.js";
import type { NotebookOutput } from "../notebook/notebook-types.js";
import { ansiToHtml } from "./ansi-to-html.js";
import { escapeHtml, jsonForScript } from "./escape-html.js";
import { renderMarkdown, type MarkdownContext } from "./render-markdown.js";

/** MIME types in the order a report prefers them. */
export const MIME_PRIORITY = [
  PUBLISH_MIME,
  PLOTLY_MIME,
  "text/html",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "text/markdown",
  "text/latex",
  "application/json",
  "text/plain",
] as const;

/** Per-report rendering state. */
export interface OutputContext {
  markdown: MarkdownContext;
  usesPlotly: boolean;
}

/** Returns the HTML of `output`; `id` must be unique in the report (Plotly targets). */
export function renderOutput(output: NotebookOutput, id: string, context: OutputContext): string {
  switch (output.output_type) {
    case "stream":
      return `<div class="pf-output pf-${output.name}"><pre>${ansiToHtml(text(output.text))}</pre></div>`;
    case "error":
      return renderError(output);
    default:
      return `<div class="pf-output">${renderBundle(output.data, id, context)}</div>`;
  }
}

function renderError(output: Extract<NotebookOutput, { output_type: "error" }>): string {
  const head = `<div class="pf-ename">${escapeHtml(output.ename)}: ${escapeHtml(output.evalue)}</div>`;
  const trace = output.traceback.length
    ? `<pre>${ansiToHtml(output.traceback.join("\n"))}</pre>`
    : "";
  return `<div class="pf-error">${head}${trace}</div>`;
}

function renderBundle(data: Record<string, unknown>, id: string, context: OutputContext): string {
  const mime = MIME_PRIORITY.find((m) => data[m] !== undefined);
  const value = mime === undefined ? undefined : data[mime];
  switch (mime) {
    case PUBLISH_MIME:
      return renderMetric(value);
    case PLOTLY_MIME:
      context.usesPlotly = true;
      return (
        `<div class="pf-plotly" id="${id}"></div>` +
        `<script type="application/json" class="pf-plotly-data" data-target="${id}">${jsonForScript(value)}</script>`
      );
    case "text/html":
      return text(value);
    case "image/svg+xml":
      return text(value)
        .replace(/^\s*<\?xml[^>]*>\s*/, "")
        .replace(/<!DOCTYPE[^>]*>\s*/i, "");
    case "image/png":
    case "image/jpeg":
    case "image/gif":
      return `<img alt="" src="data:${mime};base64,${escapeHtml(text(value).replace(/\s+/g, ""))}">`;
    case "text/markdown":
      return `<div class="pf-markdown">${renderMarkdown(text(value), context.markdown)}</div>`;
    case "text/latex":
      context.markdown.usesMath = true;
      return katex.renderToString(text(value).replace(/^\$+|\$+$/g, ""), {
        displayMode: true,
        throwOnError: false,
        output: "html",
      });
    case "application/json":
      return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
    case "text/plain":
      return `<pre>${ansiToHtml(text(value))}</pre>`;
    default:
      return `<pre>[output in unsupported formats: ${escapeHtml(Object.keys(data).join(", "))}]</pre>`;
  }
}

function renderMetric(value: unknown): string {
  const metric = (typeof value === "object" && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const shown =
    formatMetricValue(metric.value) + (typeof metric.unit === "string" ? ` ${metric.unit}` : "");
  return `<div class="pf-metric"><span>${escapeHtml(textOf(metric.name))}</span><b>${escapeHtml(shown)}</b></div>`;
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.join("");
  return typeof value === "string" ? value : JSON.stringify(value);
}
