/** Forecast against actual load with the prediction-interval band, zoomable, downsampled when long. */
import type { ForecastVsActual } from "../forecast-error-by.js";
import { formatNumber } from "../format-number.js";
import { DISPLAY_BUCKETS, downsampleM4 } from "./downsample-m4.js";
import { localTimeLabels } from "./local-time-labels.js";
import { baseLayout, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of forecastFigure. */
export interface ForecastFigureOptions {
  timeZone?: string;
  /** display buckets; default 1500 */
  buckets?: number;
  title?: string;
}

/** Returns a Plotly chart of actual and forecast MW with the [lower, upper] band, if given. */
export function forecastFigure(
  input: ForecastVsActual,
  options: ForecastFigureOptions = {},
): PlotlyFigure {
  const timeZone = options.timeZone ?? "UTC";
  // bucket extremes of the actuals; where there are none (an outlook past the data, a gap) of the
  // forecast, so a forecast-only stretch is thinned like the rest instead of vanishing
  const shown = Float64Array.from(input.actualMw, (a, i) =>
    Number.isFinite(a) ? a : input.forecastMw[i]!,
  );
  const buckets = options.buckets ?? DISPLAY_BUCKETS;
  // up to 4 points per column: a series that short gains nothing from downsampling
  const kept = downsampleM4(input.timeUtcMs, shown, { buckets, maxPoints: 4 * buckets });
  const rows = kept.indices;
  const x = localTimeLabels(input.timeUtcMs, timeZone, rows);
  const pick = (a: ArrayLike<number>): (number | null)[] =>
    rows.map((i) => (Number.isFinite(a[i]!) ? a[i]! : null));
  const model = input.model ?? "Forecast";
  const stats = coverage(input);
  const level = input.level === undefined ? "" : `${Math.round(input.level * 100)} % `;
  const layout = baseLayout({
    title:
      options.title ??
      `${model}: mean absolute error ${formatNumber(stats.mae)} MW${stats.covered === undefined ? "" : `, ${formatNumber(stats.covered * 100, 1)} % of actuals inside the ${level}interval`}`,
    subtitle: kept.downsampled
      ? `Downsampled for display: first, last, lowest and highest actual (forecast where none) per time column (${formatNumber(rows.length)} of ${formatNumber(kept.originalPoints)} points)`
      : `${formatNumber(rows.length)} intervals`,
    xTitle: `Local time (${timeZone})`,
    yTitle: "Load (MW)",
  });
  layout.xaxis = {
    ...(layout.xaxis as object),
    type: "date",
    rangeslider: { visible: true, thickness: 0.08 },
  };
  layout.hovermode = "x unified";
  const data: Record<string, unknown>[] = [];
  if (input.lowerMw && input.upperMw) {
    data.push(
      {
        type: "scatter",
        mode: "lines",
        x,
        y: pick(input.upperMw),
        line: { width: 0 },
        showlegend: false,
        hoverinfo: "skip",
      },
      {
        type: "scatter",
        mode: "lines",
        name: `${level}prediction interval`,
        x,
        y: pick(input.lowerMw),
        fill: "tonexty",
        fillcolor: "rgba(230,159,0,0.25)",
        line: { width: 0 },
        hoverinfo: "skip",
      },
    );
  }
  data.push(
    {
      type: "scatter",
      mode: "lines",
      name: "Actual",
      x,
      y: pick(input.actualMw),
      line: { color: PALETTE.black, width: 1 },
      hovertemplate: "actual %{y:,.0f} MW<extra></extra>",
    },
    {
      type: "scatter",
      mode: "lines",
      name: model,
      x,
      y: pick(input.forecastMw),
      line: { color: PALETTE.orange, width: 1.5 },
      hovertemplate: `${model} %{y:,.0f} MW<extra></extra>`,
    },
  );
  return { data, layout };
}

function coverage(input: ForecastVsActual): { mae: number; covered?: number } {
  let abs = 0;
  let n = 0;
  let inside = 0;
  let nBand = 0;
  for (let i = 0; i < input.actualMw.length; i++) {
    const a = input.actualMw[i]!;
    const f = input.forecastMw[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(f)) continue;
    abs += Math.abs(f - a);
    n++;
    const lo = input.lowerMw?.[i];
    const hi = input.upperMw?.[i];
    if (lo !== undefined && hi !== undefined && Number.isFinite(lo) && Number.isFinite(hi)) {
      nBand++;
      if (a >= lo && a <= hi) inside++;
    }
  }
  return nBand > 0 ? { mae: abs / n, covered: inside / nBand } : { mae: abs / n };
}
