/** Forecast residuals (actual − forecast) over time, so drifts and seasonal misses stand out. */
import type { ForecastVsActual } from "../forecast-error-by.js";
import { formatNumber } from "../format-number.js";
import { downsampleM4, downsampledNote } from "./downsample-m4.js";
import { localTimeLabels } from "./local-time-labels.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of residualsFigure. */
export interface ResidualsFigureOptions {
  /** IANA zone of the time axis; default "UTC" */
  timeZone?: string;
  /** draw every point of a series up to this length; default 150,000 */
  maxPoints?: number;
  /** time columns of a longer, downsampled series; default 1500 */
  buckets?: number;
  /** chart title; default states the mean bias */
  title?: string;
}

/**
 * Returns a Plotly SVG chart of actual − forecast (MW) against local time with a zero line,
 * M4-downsampled when very long.
 */
export function residualsFigure(
  input: ForecastVsActual,
  options: ResidualsFigureOptions = {},
): PlotlyFigure {
  const timeZone = options.timeZone ?? "UTC";
  const residual = Float64Array.from(input.actualMw, (a, i) => a - input.forecastMw[i]!);
  const kept = downsampleM4(input.timeUtcMs, residual, options);
  let sum = 0;
  let n = 0;
  for (const r of residual)
    if (Number.isFinite(r)) {
      sum += r;
      n++;
    }
  const bias = sum / n;
  const layout = baseLayout({
    title:
      options.title ??
      `${input.model ?? "Forecast"} ${bias > 0 ? "under" : "over"}-forecasts by ${formatNumber(Math.abs(bias))} MW on average`,
    subtitle: `Residual = actual − forecast. ${downsampledNote(kept, options)}`,
    xTitle: `Local time (${timeZone})`,
    yTitle: "Residual (MW)",
  });
  layout.xaxis = {
    ...(layout.xaxis as object),
    type: "date",
    rangeslider: { visible: true, thickness: 0.08 },
  };
  layout.shapes = [
    {
      type: "line",
      xref: "paper",
      x0: 0,
      x1: 1,
      y0: 0,
      y1: 0,
      line: { color: PALETTE.grey, width: 1 },
    },
  ];
  return {
    data: [
      {
        // SVG, not WebGL (scattergl): draws in every browser, VM and remote session
        type: "scatter",
        mode: "lines",
        name: "Residual",
        x: localTimeLabels(input.timeUtcMs, timeZone, kept.indices),
        y: kept.indices.map((i) => (Number.isFinite(residual[i]!) ? residual[i]! : null)),
        line: { color: PALETTE.vermillion, width: 1 },
        hovertemplate: "%{x}: %{y:,.0f} MW<extra></extra>",
      },
    ],
    layout,
  };
}
