/** Wind and solar share of consumption per period as stacked bars. */
import type { RenewableShareRow } from "../renewable-share.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of renewableShareFigure. */
export interface RenewableShareFigureOptions {
  title?: string;
}

/** Returns stacked Plotly bars of wind and solar share of consumption (%) per period. */
export function renewableShareFigure(
  rows: RenewableShareRow[],
  options: RenewableShareFigureOptions = {},
): PlotlyFigure {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const layout = baseLayout({
    title:
      options.title ??
      (first && last
        ? `Wind and solar grew from ${formatNumber(first.renewableSharePct, 1)} % of consumption in ${first.period} to ${formatNumber(last.renewableSharePct, 1)} % in ${last.period}`
        : "Wind and solar share of consumption"),
    subtitle: "Only days with consumption, wind and solar all reported are counted",
    xTitle: "Period",
    yTitle: "Share of consumption (%)",
  });
  layout.barmode = "stack";
  layout.xaxis = { ...(layout.xaxis as object), type: "category" };
  const x = rows.map((r) => r.period);
  return {
    data: [
      {
        type: "bar",
        name: "Wind",
        x,
        y: rows.map((r) => r.windSharePct),
        marker: { color: PALETTE.blue },
        hovertemplate: "%{x}: wind %{y:.1f} %<extra></extra>",
      },
      {
        type: "bar",
        name: "Solar",
        x,
        y: rows.map((r) => r.solarSharePct),
        marker: { color: PALETTE.orange },
        hovertemplate: "%{x}: solar %{y:.1f} %<extra></extra>",
      },
    ],
    layout,
  };
}
