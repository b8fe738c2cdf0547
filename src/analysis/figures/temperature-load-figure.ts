/** Daily mean load against daily mean temperature, coloured by season, with each season's slope. */
import { formatNumber } from "../format-number.js";
import { SEASONS, type SeasonSlope, type TemperatureLoadDays } from "../temperature-load-days.js";
import { baseLayout, escapeText, PALETTE, type PlotlyFigure } from "./plotly-figure.js";

/** Options of temperatureLoadFigure. */
export interface TemperatureLoadFigureOptions {
  /** replaces the finding title */
  title?: string;
  /** a line under the title, e.g. the weather source and its label; default the method */
  subtitle?: string;
}

const SEASON_COLORS = [PALETTE.blue, PALETTE.green, PALETTE.vermillion, PALETTE.purple];
const DAY_TYPE_LABEL = { weekday: "working day", weekend: "weekend", holiday: "public holiday" };

/**
 * Returns a Plotly scatter of daily (°C, MW): one colour per season, filled markers for working
 * days and open ones for weekends and holidays, and each season's working-day line; the title
 * states the steepest rise and fall in MW per °C.
 */
export function temperatureLoadFigure(
  days: TemperatureLoadDays,
  options: TemperatureLoadFigureOptions = {},
): PlotlyFigure {
  const points = [true, false].flatMap((working) =>
    SEASONS.map((season, s) => seasonPoints(days, s, season, working)),
  );
  const lines = days.slopes.flatMap((slope, s) => slopeLine(slope, SEASON_COLORS[s]!));
  const layout = baseLayout({
    title: options.title ?? findingTitle(days.slopes),
    subtitle:
      options.subtitle ??
      `${formatNumber(days.date.length)} days (${days.date[0]} – ${days.date[days.date.length - 1]}, ${days.timeZone}); filled: working days, open: weekends and public holidays; lines: least squares per season on working days`,
    xTitle: "Daily mean temperature (°C)",
    yTitle: "Daily mean load (MW)",
    height: 460,
  });
  return { data: [...points, ...lines], layout };
}

// One trace per season and kind of day (working days filled, others open), grouped so the
// legend shows each season once with a filled marker and toggles both.
function seasonPoints(days: TemperatureLoadDays, s: number, season: string, working: boolean) {
  const x: number[] = [];
  const y: number[] = [];
  const text: string[] = [];
  for (let k = 0; k < days.date.length; k++) {
    const dayType = days.dayType[k]!;
    if (days.season[k] !== s || (dayType === "weekday") !== working) continue;
    x.push(days.temperatureC[k]!);
    y.push(days.meanMw[k]!);
    text.push(`${days.date[k]!} (${DAY_TYPE_LABEL[dayType]})`);
  }
  // SVG, not WebGL: a few thousand days draw quickly and show where WebGL is unavailable
  return {
    type: "scatter",
    mode: "markers",
    name: working ? season : `${season}, weekends and holidays`,
    legendgroup: season,
    showlegend: working,
    x,
    y,
    text,
    marker: {
      color: SEASON_COLORS[s],
      size: 5,
      opacity: 0.6,
      symbol: working ? "circle" : "circle-open",
    },
    hovertemplate: "%{text}: %{x:.1f} °C, %{y:,.0f} MW<extra></extra>",
  };
}

function slopeLine(slope: SeasonSlope, color: string) {
  if (!Number.isFinite(slope.mwPerC)) return [];
  const x = [slope.minC, slope.maxC];
  return [
    {
      type: "scatter",
      mode: "lines",
      name: `${slope.season}: ${signed(slope.mwPerC)} MW per °C`,
      legendgroup: slope.season,
      showlegend: false,
      x,
      y: x.map((t) => slope.interceptMw + slope.mwPerC * t),
      line: { color, width: 2, dash: "dash" },
      hovertemplate: `${escapeText(slope.season)}, working days: ${signed(slope.mwPerC)} MW per °C<extra></extra>`,
    },
  ];
}

function findingTitle(slopes: readonly SeasonSlope[]): string {
  const fitted = slopes.filter((s) => Number.isFinite(s.mwPerC));
  if (fitted.length === 0)
    return "Daily load against temperature (too few working days per season for a slope)";
  const up = fitted.reduce((b, s) => (s.mwPerC > b.mwPerC ? s : b));
  const down = fitted.reduce((b, s) => (s.mwPerC < b.mwPerC ? s : b));
  const part = (s: SeasonSlope) => `${signed(s.mwPerC)} MW per °C in ${s.season}`;
  return up === down
    ? `Working-day load changes by ${part(up)}`
    : `Working-day load changes by ${part(up)} and by ${part(down)}`;
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : "−"}${formatNumber(Math.abs(value))}`;
}
