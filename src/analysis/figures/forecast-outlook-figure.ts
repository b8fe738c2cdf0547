/** The outlook chart of a report: recent actuals, then the forecast with its 80 % band. */
import type { ForecastOutlook } from "../../ml/forecast-outlook.js";
import { formatNumber } from "../format-number.js";
import { formatLocalTime } from "../local-calendar.js";
import { forecastFigure } from "./forecast-figure.js";
import type { PlotlyFigure } from "./plotly-figure.js";

/** Options of forecastOutlookFigure. */
export interface ForecastOutlookFigureOptions {
  /** IANA zone of the axis and the title's dates; default "UTC" */
  timeZone?: string;
}

/** Returns a Plotly chart whose title states the outlook's mean and peak with the peak's hour. */
export function forecastOutlookFigure(
  outlook: ForecastOutlook,
  options: ForecastOutlookFigureOptions = {},
): PlotlyFigure {
  const timeZone = options.timeZone ?? "UTC";
  let sum = 0;
  let n = 0;
  let peak = -Infinity;
  let peakAt = outlook.startUtcMs;
  for (let i = 0; i < outlook.forecastMw.length; i++) {
    const f = outlook.forecastMw[i]!;
    if (!Number.isFinite(f)) continue;
    sum += f;
    n++;
    if (f > peak) [peak, peakAt] = [f, outlook.timeUtcMs[i]!];
  }
  const days = Math.round(n / 24);
  const title =
    `Next ${days} days (${outlook.model}): mean ${formatNumber(sum / n)} MW, ` +
    `peak ${formatNumber(peak)} MW in the hour starting ${formatLocalTime(peakAt, timeZone)}`;
  return forecastFigure(outlook, { timeZone, title });
}
