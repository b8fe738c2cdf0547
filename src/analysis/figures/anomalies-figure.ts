/** Daily mean load with the anomalous days marked and labelled (holiday names where known). */
import type { DailyDecomposition } from "../decompose-daily.js";
import type { Anomaly } from "../detect-anomalies.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of anomaliesFigure. */
export interface AnomaliesFigureOptions {
  title?: string;
}

/** Returns a Plotly chart of observed and expected daily MW with anomalies as markers. */
export function anomaliesFigure(
  d: DailyDecomposition,
  anomalies: Anomaly[],
  options: AnomaliesFigureOptions = {},
): PlotlyFigure {
  const high = anomalies.filter((a) => a.direction === "high").length;
  const layout = baseLayout({
    title:
      options.title ??
      `${formatNumber(anomalies.length)} anomalous days: ${formatNumber(anomalies.length - high)} unusually low, ${formatNumber(high)} unusually high`,
    subtitle:
      "Days whose decomposition residual has a robust z-score beyond the threshold (median/MAD)",
    xTitle: "Date (local)",
    yTitle: "Daily mean load (MW)",
  });
  layout.xaxis = {
    ...(layout.xaxis as object),
    type: "date",
    rangeslider: { visible: true, thickness: 0.08 },
  };
  const expected = Array.from(d.observed, (v, i) => {
    const e = v - d.residual[i]!;
    return Number.isFinite(e) ? e : null;
  });
  const marker = (dir: "high" | "low"): Record<string, unknown> => {
    const rows = anomalies.filter((a) => a.direction === dir);
    return {
      type: "scatter",
      mode: "markers",
      name: dir === "high" ? "Unusually high" : "Unusually low",
      x: rows.map((a) => a.date),
      y: rows.map((a) => a.observed),
      text: rows.map(
        (a) =>
          `${a.date}${a.holiday ? ` (${a.holiday})` : ""}: ${formatNumber(a.deviationPct, 1)} % vs expected, z ${formatNumber(a.robustZ, 1)}`,
      ),
      marker: {
        color: dir === "high" ? PALETTE.vermillion : PALETTE.purple,
        size: 9,
        symbol: dir === "high" ? "triangle-up" : "triangle-down",
      },
      hovertemplate: "%{text}<extra></extra>",
    };
  };
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        name: "Observed",
        x: d.date,
        y: Array.from(d.observed, (v) => (Number.isFinite(v) ? v : null)),
        line: { color: PALETTE.blue, width: 1 },
        hovertemplate: "%{x}: %{y:,.0f} MW<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines",
        name: "Expected (trend + weekly)",
        x: d.date,
        y: expected,
        line: { color: PALETTE.grey, width: 1, dash: "dot" },
        hovertemplate: "%{x}: expected %{y:,.0f} MW<extra></extra>",
      },
      marker("low"),
      marker("high"),
    ],
    layout,
  };
}
