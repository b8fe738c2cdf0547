/** The daily decomposition as four stacked panels sharing one time axis: observed, trend-cycle, weekly seasonal, residual. */
import type { DailyDecomposition } from "../decompose-daily.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of decompositionFigure. */
export interface DecompositionFigureOptions {
  title?: string;
  /** unit of the decomposed column; default "MW" */
  unit?: string;
}

/** Returns a four-panel Plotly figure of observed, trend, seasonal and residual components. */
export function decompositionFigure(
  d: DailyDecomposition,
  options: DecompositionFigureOptions = {},
): PlotlyFigure {
  const unit = options.unit ?? "MW";
  const clean = (a: Float64Array): (number | null)[] =>
    Array.from(a, (v) => (Number.isFinite(v) ? v : null));
  const panels: [string, Float64Array, string][] = [
    ["Observed", d.observed, PALETTE.black],
    ["Trend-cycle", d.trend, PALETTE.blue],
    [`Seasonal (${d.period}-day)`, d.seasonal, PALETTE.green],
    ["Residual", d.residual, PALETTE.vermillion],
  ];
  const layout = baseLayout({
    title:
      options.title ??
      `The weekly cycle explains ${formatNumber(d.seasonalStrength * 100, 0)} % of day-to-day variation around the trend`,
    subtitle: `Robust additive decomposition of daily mean load: trend = centred ${d.period}-day moving average skipping ${d.excluded} extreme or missing days; seasonal = median per weekday`,
    xTitle: "Date",
    yTitle: unit,
    height: 720,
  });
  const domains = [
    [0.78, 1],
    [0.53, 0.75],
    [0.28, 0.5],
    [0, 0.25],
  ];
  panels.forEach(([name], k) => {
    layout[`yaxis${k === 0 ? "" : k + 1}`] = {
      title: { text: `${name} (${unit})` },
      domain: domains[k],
      automargin: true,
      separatethousands: true,
    };
  });
  layout.xaxis = {
    type: "date",
    title: { text: "Date (local)" },
    anchor: "y4",
    rangeslider: { visible: false },
  };
  layout.showlegend = false;
  return {
    data: panels.map(([name, values, color], k) => ({
      type: "scatter",
      mode: "lines",
      name,
      x: d.date,
      y: clean(values),
      xaxis: "x",
      yaxis: k === 0 ? "y" : `y${k + 1}`,
      line: { color, width: 1 },
      hovertemplate: `%{x}: %{y:,.0f} ${unit}<extra>${name}</extra>`,
    })),
    layout,
  };
}
