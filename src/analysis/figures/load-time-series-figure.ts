/**
 * Hourly load over time as an interactive SVG line with a range slider and zoom buttons. Every
 * point is drawn up to `maxPoints`; longer series are M4-downsampled per time column (first,
 * last, min and max), and the chart says so.
 */
import type { LoadSeries } from "../../frame.js";
import { formatNumber } from "../format-number.js";
import { downsampleM4, downsampledNote } from "./downsample-m4.js";
import { localTimeLabels } from "./local-time-labels.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of loadTimeSeriesFigure. */
export interface LoadTimeSeriesFigureOptions {
  /** IANA zone of the time axis; default "UTC" */
  timeZone?: string;
  /** draw every point of a series up to this length; default 150,000 (17 years of hours) */
  maxPoints?: number;
  /** time columns of a longer, downsampled series (about the plot width in px); default 1500 */
  buckets?: number;
  /** chart title; default states the span and peak */
  title?: string;
  /** trace name; default "Load" */
  name?: string;
}

/** Returns a Plotly SVG line chart of load (MW) against local time, M4-downsampled when very long. */
export function loadTimeSeriesFigure(
  series: LoadSeries,
  options: LoadTimeSeriesFigureOptions = {},
): PlotlyFigure {
  const timeZone = options.timeZone ?? "UTC";
  const { timeUtcMs, loadMw } = series.columns;
  const kept = downsampleM4(timeUtcMs, loadMw, options);
  const x = localTimeLabels(timeUtcMs, timeZone, kept.indices);
  const y = kept.indices.map((i) => loadMw[i]!);
  let peak = -Infinity;
  for (const v of loadMw) if (v > peak) peak = v;
  const layout = baseLayout({
    title:
      options.title ??
      `Load from ${x[0]?.slice(0, 10) ?? ""} to ${x[x.length - 1]?.slice(0, 10) ?? ""}, peaking at ${formatNumber(peak)} MW`,
    subtitle: downsampledNote(kept, options),
    xTitle: `Local time (${timeZone})`,
    yTitle: "Load (MW)",
  });
  layout.xaxis = {
    ...(layout.xaxis as object),
    type: "date",
    rangeslider: { visible: true, thickness: 0.08 },
    rangeselector: {
      buttons: [
        { count: 7, label: "1w", step: "day", stepmode: "backward" },
        { count: 1, label: "1m", step: "month", stepmode: "backward" },
        { count: 1, label: "1y", step: "year", stepmode: "backward" },
        { step: "all", label: "all" },
      ],
    },
  };
  layout.hovermode = "x unified";
  return {
    data: [
      {
        // SVG, not WebGL (scattergl): draws in every browser, VM and remote session
        type: "scatter",
        mode: "lines",
        name: options.name ?? "Load",
        x,
        y,
        line: { color: PALETTE.blue, width: 1 },
        hovertemplate: "%{x}<br>%{y:,.0f} MW<extra></extra>",
      },
    ],
    layout,
  };
}
