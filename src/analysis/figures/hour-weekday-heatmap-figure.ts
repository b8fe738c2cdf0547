/** Heatmap of mean load by local hour and weekday, titled with when load is highest. */
import type { HourWeekdayProfile } from "../hour-weekday-profile.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, SEQUENTIAL_SCALE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of hourWeekdayHeatmapFigure. */
export interface HourWeekdayHeatmapFigureOptions {
  /** zone named on the hour axis; default "local time" */
  timeZone?: string;
  title?: string;
}

/** Returns a Plotly heatmap of mean MW per (weekday, hour), Monday at the top. */
export function hourWeekdayHeatmapFigure(
  profile: HourWeekdayProfile,
  options: HourWeekdayHeatmapFigureOptions = {},
): PlotlyFigure {
  let best = { w: 0, h: 0, v: -Infinity };
  profile.meanMw.forEach((row, w) =>
    row.forEach((v, h) => {
      if (v > best.v) best = { w, h, v };
    }),
  );
  const title =
    options.title ??
    `Load is highest on ${profile.weekdays[best.w]} at ${String(best.h).padStart(2, "0")}:00 (${formatNumber(best.v)} MW on average)`;
  const layout = baseLayout({
    title,
    xTitle: `Hour of day (${options.timeZone ?? "local time"}, interval start)`,
    yTitle: "Day of week",
    subtitle: "Mean load per hour and weekday over the whole period",
  });
  layout.yaxis = { ...(layout.yaxis as object), autorange: "reversed", type: "category" };
  layout.xaxis = { ...(layout.xaxis as object), dtick: 2 };
  return {
    data: [
      {
        type: "heatmap",
        x: profile.hours,
        y: profile.weekdays,
        z: profile.meanMw.map((row) =>
          row.map((v) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null)),
        ),
        colorscale: SEQUENTIAL_SCALE,
        colorbar: { title: { text: "MW" } },
        hovertemplate: "%{y} %{x}:00<br>%{z:,.0f} MW<extra></extra>",
      },
    ],
    layout,
  };
}
