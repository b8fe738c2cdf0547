/** The average week: mean load for each of the 168 local hours, Monday 00:00 first. */
import type { HourWeekdayProfile } from "../hour-weekday-profile.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of weeklyProfileFigure. */
export interface WeeklyProfileFigureOptions {
  timeZone?: string;
  title?: string;
}

/** Returns a Plotly line of mean MW over the 168 hours of the week. */
export function weeklyProfileFigure(
  profile: HourWeekdayProfile,
  options: WeeklyProfileFigureOptions = {},
): PlotlyFigure {
  const x: number[] = [];
  const y: (number | null)[] = [];
  const text: string[] = [];
  profile.meanMw.forEach((row, w) =>
    row.forEach((v, h) => {
      x.push(w * 24 + h);
      y.push(Number.isFinite(v) ? v : null);
      text.push(`${profile.weekdays[w]} ${String(h).padStart(2, "0")}:00`);
    }),
  );
  const finite = y.filter((v): v is number => v !== null);
  const swing = Math.max(...finite) - Math.min(...finite);
  const layout = baseLayout({
    title:
      options.title ??
      `Average week: load swings by ${formatNumber(swing)} MW between night-time low and weekday peak`,
    xTitle: `Hour of week (${options.timeZone ?? "local time"})`,
    yTitle: "Mean load (MW)",
  });
  layout.xaxis = {
    ...(layout.xaxis as object),
    tickvals: profile.weekdays.map((_, w) => w * 24),
    ticktext: profile.weekdays.map((d) => `${d} 00:00`),
  };
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        name: "Mean load",
        x,
        y,
        text,
        line: { color: PALETTE.blue },
        hovertemplate: "%{text}<br>%{y:,.0f} MW<extra></extra>",
      },
    ],
    layout,
  };
}
