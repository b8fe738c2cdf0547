/** Forecast MAE and bias by local hour, weekday or month. */
import type { ForecastErrorGroup } from "../forecast-error-by.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of forecastErrorByFigure. */
export interface ForecastErrorByFigureOptions {
  /** what the groups are, for the axis: "Hour of day (America/New_York)"; default "Group" */
  groupTitle?: string;
  model?: string;
  title?: string;
}

/** Returns Plotly bars of MAE (MW) and a line of bias (MW) per group, the worst group named in the title. */
export function forecastErrorByFigure(
  groups: ForecastErrorGroup[],
  options: ForecastErrorByFigureOptions = {},
): PlotlyFigure {
  const valid = groups.filter((g) => g.n > 0);
  const worst = valid.reduce((b, g) => (g.maeMw > b.maeMw ? g : b), valid[0]!);
  const layout = baseLayout({
    title:
      options.title ??
      `${options.model ?? "Forecast"} errs most at ${worst.group} (MAE ${formatNumber(worst.maeMw)} MW)`,
    xTitle: options.groupTitle ?? "Group",
    yTitle: "Error (MW)",
  });
  layout.xaxis = { ...(layout.xaxis as object), type: "category" };
  const x = groups.map((g) => g.group);
  return {
    data: [
      {
        type: "bar",
        name: "MAE",
        x,
        y: groups.map((g) => g.maeMw),
        marker: { color: PALETTE.blue },
        hovertemplate: "%{x}: MAE %{y:,.0f} MW<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines+markers",
        name: "Bias (forecast − actual)",
        x,
        y: groups.map((g) => g.biasMw),
        line: { color: PALETTE.vermillion },
        hovertemplate: "%{x}: bias %{y:,.0f} MW<extra></extra>",
      },
    ],
    layout,
  };
}
