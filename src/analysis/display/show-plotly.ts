import { sha256Hex } from "../../util/sha256-hex.js";
import type { PlotlyFigure } from "../figures/plotly-figure.js";
import { PLOTLY_MIME } from "../../runner/mime-types.js";
import { plotlyScript } from "../../runner/report/report-assets.js";
import { sendBundle, type MimeBundle } from "./mime-bundle.js";
import { plotlyNotebookHtml } from "./plotly-notebook-html.js";

/** Options of plotlyBundle. */
export interface PlotlyBundleOptions {
  /** inline plotly.js (the loader) ahead of the chart; default false (showPlotly sets it for a session's first figure) */
  includePlotlyJs?: boolean;
  /** position of the figure in its kernel session, part of the chart's element id; default 0 */
  index?: number;
}

/**
 * Returns the MIME bundle of a Plotly figure: the Plotly JSON (VS Code, JupyterLab with the
 * Plotly extension), an HTML rendering drawn by plotly.js (every other front end) and the title
 * as plain text. The element id is the index plus a hash of the figure, so output is repeatable.
 */
export function plotlyBundle(figure: PlotlyFigure, options: PlotlyBundleOptions = {}): MimeBundle {
  const spec = {
    data: figure.data,
    layout: figure.layout,
    config: { responsive: true, displaylogo: false },
  };
  const title = plainTitle(figure);
  const hash = sha256Hex(JSON.stringify(spec)).slice(0, 8);
  const html = plotlyNotebookHtml(spec, {
    elementId: `pf-plotly-${options.index ?? 0}-${hash}`,
    title,
    plotlyJs: options.includePlotlyJs ? plotlyScript() : undefined,
  });
  return { [PLOTLY_MIME]: spec, "text/html": html, "text/plain": `Plotly figure: ${title}` };
}

/** Builds the bundles of one kernel session: the first carries plotly.js, every one a new index. */
export class PlotlySession {
  private shown = 0;

  /** Returns the bundle of the session's next figure. */
  bundle(figure: PlotlyFigure): MimeBundle {
    const index = this.shown++;
    return plotlyBundle(figure, { includePlotlyJs: index === 0, index });
  }
}

// Module state lives as long as the kernel: tslab keeps loaded modules across cells.
const session = new PlotlySession();

/** Displays a Plotly figure in the notebook; the session's first figure also loads plotly.js. */
export function showPlotly(figure: PlotlyFigure): void {
  sendBundle(session.bundle(figure));
}

function plainTitle(figure: PlotlyFigure): string {
  const title = (figure.layout.title as { text?: unknown } | undefined)?.text;
  if (typeof title !== "string") return "(untitled)";
  const lines = title.split("<br>").filter((line) => !line.startsWith("<span"));
  return lines
    .join(" ")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
