/** The annual shape: mean load per calendar month with its 10th–90th percentile band and mean daily peak. */
import type { MonthProfileRow } from "../monthly-profile.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of monthlyProfileFigure. */
export interface MonthlyProfileFigureOptions {
  title?: string;
}

/** Returns a Plotly chart of monthly mean MW, p10–p90 band and mean daily peak MW. */
export function monthlyProfileFigure(
  rows: MonthProfileRow[],
  options: MonthlyProfileFigureOptions = {},
): PlotlyFigure {
  const x = rows.map((r) => r.label);
  const valid = rows.filter((r) => Number.isFinite(r.meanMw));
  const high = valid.reduce((b, r) => (r.meanMw > b.meanMw ? r : b), valid[0]!);
  const low = valid.reduce((b, r) => (r.meanMw < b.meanMw ? r : b), valid[0]!);
  const layout = baseLayout({
    title:
      options.title ??
      `${high.label} is the heaviest month (${formatNumber(high.meanMw)} MW), ${low.label} the lightest (${formatNumber(low.meanMw)} MW)`,
    subtitle:
      "Mean hourly load per calendar month, pooled over all years; band = 10th–90th percentile",
    xTitle: "Month",
    yTitle: "Load (MW)",
  });
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        x,
        y: rows.map((r) => r.p90Mw),
        line: { width: 0 },
        showlegend: false,
        hoverinfo: "skip",
      },
      {
        type: "scatter",
        mode: "lines",
        name: "10th–90th percentile",
        x,
        y: rows.map((r) => r.p10Mw),
        fill: "tonexty",
        fillcolor: "rgba(86,180,233,0.25)",
        line: { width: 0 },
        hovertemplate: "p10 %{y:,.0f} MW<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines+markers",
        name: "Mean",
        x,
        y: rows.map((r) => r.meanMw),
        line: { color: PALETTE.blue },
        hovertemplate: "%{x}: mean %{y:,.0f} MW<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines+markers",
        name: "Mean daily peak",
        x,
        y: rows.map((r) => r.meanDailyPeakMw),
        line: { color: PALETTE.vermillion, dash: "dot" },
        hovertemplate: "%{x}: daily peak %{y:,.0f} MW<extra></extra>",
      },
    ],
    layout,
  };
}
