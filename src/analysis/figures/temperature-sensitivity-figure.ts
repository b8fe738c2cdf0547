/** Daily mean load against daily mean temperature with the fitted change-point curve. */
import { predictTemperatureLoad, type TemperatureSensitivity } from "../temperature-sensitivity.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of temperatureSensitivityFigure. */
export interface TemperatureSensitivityFigureOptions {
  title?: string;
}

/** Returns a Plotly scatter of daily (°C, MW) with the heating/cooling fit drawn over it. */
export function temperatureSensitivityFigure(
  model: TemperatureSensitivity,
  options: TemperatureSensitivityFigureOptions = {},
): PlotlyFigure {
  const tMin = Math.min(...model.temperatureC);
  const tMax = Math.max(...model.temperatureC);
  const curveX = [tMin, model.heatingBalanceC, model.coolingBalanceC, tMax].filter(
    (v, i, a) => i === 0 || v > a[i - 1]!,
  );
  const layout = baseLayout({
    title:
      options.title ??
      `Each °C above ${formatNumber(model.coolingBalanceC, 1)} °C adds ${formatNumber(model.coolingMwPerC)} MW; each °C below ${formatNumber(model.heatingBalanceC, 1)} °C adds ${formatNumber(model.heatingMwPerC)} MW`,
    subtitle: `Change-point regression on ${formatNumber(model.n)} working days, R² ${formatNumber(model.r2, 2)}`,
    xTitle: "Daily mean temperature (°C)",
    yTitle: "Daily mean load (MW)",
  });
  return {
    data: [
      {
        // SVG, not WebGL: a few thousand days draw quickly and show where WebGL is unavailable
        type: "scatter",
        mode: "markers",
        name: "Working day",
        x: model.temperatureC,
        y: model.loadMw,
        text: model.date,
        marker: { color: PALETTE.blue, size: 4, opacity: 0.5 },
        hovertemplate: "%{text}: %{x:.1f} °C, %{y:,.0f} MW<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines",
        name: "Fitted heating/cooling model",
        x: curveX,
        y: curveX.map((t) => predictTemperatureLoad(model, t)),
        line: { color: PALETTE.vermillion, width: 3 },
        hovertemplate: "%{x:.1f} °C → %{y:,.0f} MW<extra></extra>",
      },
    ],
    layout,
  };
}
