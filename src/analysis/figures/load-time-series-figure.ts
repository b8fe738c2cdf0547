/**
 * Hourly load over time as an interactive line with a range slider and zoom buttons; long series
 * are downsampled to the min and max of each pixel-wide bucket, and the chart says so.
 */
import type { LoadSeries } from "../../frame.js";
import { formatNumber } from "../format-number.js";
import { downsampleMinMax } from "./downsample-min-max.js";
import { localTimeLabels } from "./local-time-labels.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of loadTimeSeriesFigure. */
export interface LoadTimeSeriesFigureOptions {
  /** IANA zone of the time axis; default "UTC" */
  timeZone?: string;
  /** display buckets (about the plot width in px); default 1500 */
  buckets?: number;
  /** chart title; default states the span and peak */
  title?: string;
  /** trace name; default "Load" */
  name?: string;
}

/** Returns a Plotly line chart of load (MW) against local time, min/max-downsampled when long. */
export function loadTimeSeriesFigure(
  series: LoadSeries,
  options: LoadTimeSeriesFigureOptions = {},
): PlotlyFigure {
  const timeZone = options.timeZone ?? "UTC";
  const { timeUtcMs, loadMw } = series.columns;
  const kept = downsampleMinMax(timeUtcMs, loadMw, options.buckets ?? 1500);
  const x = localTimeLabels(timeUtcMs, timeZone, kept.indices);
  const y = kept.indices.map((i) => loadMw[i]!);
  let peak = -Infinity;
  for (const v of loadMw) if (v > peak) peak = v;
  const note = kept.downsampled
    ? `Downsampled for display: min and max of each of ${formatNumber(options.buckets ?? 1500)} time buckets (${formatNumber(x.length)} of ${formatNumber(kept.originalPoints)} points); peaks and troughs are kept.`
    : `All ${formatNumber(kept.originalPoints)} points shown.`;
  const layout = baseLayout({
    title:
      options.title ??
      `Load from ${x[0]?.slice(0, 10) ?? ""} to ${x[x.length - 1]?.slice(0, 10) ?? ""}, peaking at ${formatNumber(peak)} MW`,
    subtitle: note,
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
        type: "scattergl",
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
