import type { PlotlyFigure } from "../figures/plotly-figure.js";
import { PLOTLY_MIME } from "../../runner/mime-types.js";
import { sendBundle, type MimeBundle } from "./mime-bundle.js";

/** Returns the MIME bundle of a Plotly figure: the Plotly JSON plus a plain-text title. */
export function plotlyBundle(figure: PlotlyFigure): MimeBundle {
  return {
    [PLOTLY_MIME]: {
      data: figure.data,
      layout: figure.layout,
      config: { responsive: true, displaylogo: false },
    },
    "text/plain": `Plotly figure: ${plainTitle(figure)}`,
  };
}

/** Displays a Plotly figure in the notebook (`application/vnd.plotly.v1+json`). */
export function showPlotly(figure: PlotlyFigure): void {
  sendBundle(plotlyBundle(figure));
}

function plainTitle(figure: PlotlyFigure): string {
  const title = (figure.layout.title as { text?: unknown } | undefined)?.text;
  return typeof title === "string" ? title.split("<br>")[0]!.replace(/<[^>]*>/g, "") : "(untitled)";
}
