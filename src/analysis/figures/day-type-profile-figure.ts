/** Mean daily curves of working days, weekends and public holidays. */
import type { DayTypeProfile } from "../day-type-profile.js";
import { formatNumber } from "../format-number.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of dayTypeProfileFigure. */
export interface DayTypeProfileFigureOptions {
  timeZone?: string;
  title?: string;
}

const COLORS = { weekday: PALETTE.blue, weekend: PALETTE.orange, holiday: PALETTE.green } as const;
const NAMES = { weekday: "Working day", weekend: "Weekend", holiday: "Public holiday" } as const;

/** Returns a Plotly chart of the mean hourly curve per day type (MW against local hour). */
export function dayTypeProfileFigure(
  profile: DayTypeProfile,
  options: DayTypeProfileFigureOptions = {},
): PlotlyFigure {
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const layout = baseLayout({
    title:
      options.title ??
      `Weekends run ${formatNumber(Math.abs(profile.weekendVsWeekdayPct), 1)} % ${profile.weekendVsWeekdayPct < 0 ? "below" : "above"} working days, holidays ${formatNumber(Math.abs(profile.holidayVsWeekdayPct), 1)} % ${profile.holidayVsWeekdayPct < 0 ? "below" : "above"}`,
    subtitle: `Mean load by hour; public holidays from the ${profile.holidayCountry} calendar (date-holidays)`,
    xTitle: `Hour of day (${options.timeZone ?? "local time"}, interval start)`,
    yTitle: "Mean load (MW)",
  });
  return {
    data: profile.curves.map((c) => ({
      type: "scatter",
      mode: "lines",
      name: `${NAMES[c.dayType]} (${formatNumber(c.days)} days)`,
      x: hours,
      y: c.hourlyMeanMw.map((v) => (Number.isFinite(v) ? v : null)),
      line: { color: COLORS[c.dayType], dash: c.dayType === "holiday" ? "dash" : "solid" },
      hovertemplate: `${NAMES[c.dayType]} %{x}:00<br>%{y:,.0f} MW<extra></extra>`,
    })),
    layout,
  };
}
