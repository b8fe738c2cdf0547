/** When daily peaks happen: count of days whose peak falls in each local hour. */
import type { PeakAnalysis } from "../peak-analysis.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of peakTimingFigure. */
export interface PeakTimingFigureOptions {
  title?: string;
}

/** Returns a Plotly bar chart of daily-peak counts by local hour, the most common hour highlighted. */
export function peakTimingFigure(
  peaks: PeakAnalysis,
  options: PeakTimingFigureOptions = {},
): PlotlyFigure {
  const counts = peaks.dailyPeakHourCounts;
  const total = counts.reduce((a, b) => a + b, 0);
  const hour = peaks.typicalPeakHour;
  const layout = baseLayout({
    title:
      options.title ??
      `Daily peaks cluster at ${String(hour).padStart(2, "0")}:00 (${formatNumber((counts[hour]! / total) * 100, 0)} % of days)`,
    subtitle: `Peak-to-average ratio ${formatNumber(peaks.peakToAverage, 2)}; ${formatNumber(total)} days`,
    xTitle: `Hour of daily peak (${peaks.timeZone}, interval start)`,
    yTitle: "Days (count)",
  });
  return {
    data: [
      {
        type: "bar",
        name: "Days",
        x: counts.map((_, h) => h),
        y: counts,
        marker: { color: counts.map((_, h) => (h === hour ? PALETTE.vermillion : PALETTE.blue)) },
        hovertemplate: "%{x}:00 — %{y} days<extra></extra>",
      },
    ],
    layout,
  };
}
