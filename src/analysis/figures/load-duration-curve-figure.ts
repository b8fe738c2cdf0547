/** The load duration curve with its base-load and 90 %-of-peak landmarks. */
import type { LoadDurationCurve } from "../load-duration-curve.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of loadDurationCurveFigure. */
export interface LoadDurationCurveFigureOptions {
  title?: string;
}

/** Returns a Plotly chart of load (MW) against % of time equalled or exceeded. */
export function loadDurationCurveFigure(
  curve: LoadDurationCurve,
  options: LoadDurationCurveFigureOptions = {},
): PlotlyFigure {
  const layout = baseLayout({
    title:
      options.title ??
      `Load is within 10 % of its ${formatNumber(curve.peakMw)} MW peak for only ${formatNumber(curve.hoursAbove90PctOfPeak)} hours`,
    subtitle: `${formatNumber(curve.count)} intervals sorted from highest to lowest; load factor ${formatNumber(curve.loadFactor * 100, 1)} %`,
    xTitle: "Share of time load is equalled or exceeded (%)",
    yTitle: "Load (MW)",
  });
  layout.shapes = [
    {
      type: "line",
      xref: "paper",
      x0: 0,
      x1: 1,
      y0: 0.9 * curve.peakMw,
      y1: 0.9 * curve.peakMw,
      line: { color: PALETTE.vermillion, dash: "dot", width: 1 },
    },
    {
      type: "line",
      xref: "paper",
      x0: 0,
      x1: 1,
      y0: curve.baseMw,
      y1: curve.baseMw,
      line: { color: PALETTE.green, dash: "dot", width: 1 },
    },
  ];
  layout.annotations = [
    {
      xref: "paper",
      x: 1,
      y: 0.9 * curve.peakMw,
      text: `90 % of peak: ${formatNumber(0.9 * curve.peakMw)} MW`,
      showarrow: false,
      xanchor: "right",
      yanchor: "bottom",
    },
    {
      xref: "paper",
      x: 1,
      y: curve.baseMw,
      text: `exceeded 99 % of the time: ${formatNumber(curve.baseMw)} MW`,
      showarrow: false,
      xanchor: "right",
      yanchor: "bottom",
    },
  ];
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        name: "Load duration curve",
        x: curve.exceedancePct,
        y: curve.loadMw,
        fill: "tozeroy",
        fillcolor: "rgba(0,114,178,0.15)",
        line: { color: PALETTE.blue },
        hovertemplate: "%{y:,.0f} MW or more %{x:.1f} % of the time<extra></extra>",
      },
    ],
    layout,
  };
}
