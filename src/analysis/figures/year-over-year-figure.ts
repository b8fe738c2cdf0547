/** Annual mean load (bars) and annual peak (line) with year-over-year changes in the hover. */
import type { YearRow } from "../year-over-year.js";
import { formatNumber, formatPercent } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of yearOverYearFigure. */
export interface YearOverYearFigureOptions {
  title?: string;
}

/** Returns a Plotly chart of mean and peak MW per year; incomplete years are drawn pale. */
export function yearOverYearFigure(
  rows: YearRow[],
  options: YearOverYearFigureOptions = {},
): PlotlyFigure {
  const complete = rows.filter((r) => r.complete);
  const first = complete[0];
  const last = complete[complete.length - 1];
  const change =
    first && last && first !== last ? ((last.meanMw - first.meanMw) / first.meanMw) * 100 : NaN;
  const layout = baseLayout({
    title:
      options.title ??
      (Number.isFinite(change)
        ? `Mean load ${change >= 0 ? "rose" : "fell"} ${formatNumber(Math.abs(change), 1)} % from ${first!.year} to ${last!.year}`
        : "Annual mean and peak load"),
    subtitle: "Bars: annual mean; line: annual peak; pale bars: years with < 95 % data coverage",
    xTitle: "Year",
    yTitle: "Load (MW)",
  });
  layout.xaxis = { ...(layout.xaxis as object), type: "category" };
  const hover = rows.map(
    (r) =>
      `${r.year}: mean ${formatNumber(r.meanMw)} MW (${formatPercent(r.meanChangePct)}), peak ${formatNumber(r.peakMw)} MW (${formatPercent(r.peakChangePct)}), coverage ${formatNumber(r.coverage * 100, 1)} %`,
  );
  return {
    data: [
      {
        type: "bar",
        name: "Annual mean",
        x: rows.map((r) => String(r.year)),
        y: rows.map((r) => r.meanMw),
        hovertext: hover,
        hovertemplate: "%{hovertext}<extra></extra>",
        marker: { color: rows.map((r) => (r.complete ? PALETTE.blue : "rgba(0,114,178,0.35)")) },
      },
      {
        type: "scatter",
        mode: "lines+markers",
        name: "Annual peak",
        x: rows.map((r) => String(r.year)),
        y: rows.map((r) => r.peakMw),
        line: { color: PALETTE.vermillion },
        hovertemplate: "%{x}: peak %{y:,.0f} MW<extra></extra>",
      },
    ],
    layout,
  };
}
