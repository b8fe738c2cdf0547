/** Monthly mean load, its deseasonalised level and the Theil–Sen trend line with the test result in the title. */
import type { LongTermTrend } from "../long-term-trend.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of longTermTrendFigure. */
export interface LongTermTrendFigureOptions {
  title?: string;
}

/** Returns a Plotly chart of monthly MW, deseasonalised MW (around the mean) and the fitted trend. */
export function longTermTrendFigure(
  trend: LongTermTrend,
  options: LongTermTrendFigureOptions = {},
): PlotlyFigure {
  const mk = trend.mannKendall;
  const p = mk.pValue < 0.001 ? "p < 0.001" : `p = ${formatNumber(mk.pValue, 3)}`;
  const title =
    options.title ??
    (mk.trend === "none"
      ? `No significant long-term trend (${formatNumber(trend.slopeMwPerYear)} MW/yr, Mann–Kendall ${p})`
      : `Load ${mk.trend === "increasing" ? "rises" : "falls"} ${formatNumber(Math.abs(trend.slopeMwPerYear))} MW per year (Mann–Kendall ${p})`);
  const layout = baseLayout({
    title,
    subtitle: `Theil–Sen slope ${formatNumber(trend.slopeMwPerYear)} MW/yr, ${Math.round(trend.confidence * 100)} % CI ${formatNumber(trend.lowerMwPerYear)} to ${formatNumber(trend.upperMwPerYear)} MW/yr, on deseasonalised monthly means`,
    xTitle: "Month",
    yTitle: "Mean load (MW)",
  });
  const x = trend.months.map((m) => `${m.month}-15`);
  const toDate = (decimalYear: number): string => {
    const year = Math.floor(decimalYear);
    const month = Math.min(12, Math.floor((decimalYear - year) * 12) + 1);
    return `${year}-${String(month).padStart(2, "0")}-15`;
  };
  layout.xaxis = { ...(layout.xaxis as object), type: "date" };
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        name: "Monthly mean",
        x,
        y: trend.months.map((m) => m.meanMw),
        line: { color: PALETTE.skyBlue, width: 1 },
        hovertemplate: "%{x|%Y-%m}: %{y:,.0f} MW<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines",
        name: "Deseasonalised",
        x,
        y: trend.months.map((m) => m.deseasonalizedMw + trend.meanMw),
        line: { color: PALETTE.blue, width: 2 },
        hovertemplate: "%{x|%Y-%m}: %{y:,.0f} MW deseasonalised<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines",
        name: "Theil–Sen trend",
        x: trend.line.decimalYear.map(toDate),
        y: trend.line.loadMw,
        line: { color: PALETTE.vermillion, width: 3, dash: "dash" },
        hovertemplate: "trend %{y:,.0f} MW<extra></extra>",
      },
    ],
    layout,
  };
}
