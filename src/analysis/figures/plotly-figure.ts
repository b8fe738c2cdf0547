/**
 * The Plotly figure spec every builder returns (plain JSON: `data` traces and a `layout`), the
 * one colour-blind-safe palette (Okabe–Ito), and the shared layout defaults: units on every
 * axis, a title that states the finding, hover on, and a note line under the title.
 */

/** A Plotly figure as plain JSON; render with Plotly.newPlot(el, figure.data, figure.layout). */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/** Okabe–Ito colours, distinguishable with every common colour-vision deficiency. */
export const PALETTE = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  skyBlue: "#56B4E9",
  yellow: "#F0E442",
  black: "#000000",
  grey: "#999999",
} as const;

/** Series colours in order of use. */
export const SERIES_COLORS: readonly string[] = [
  PALETTE.blue,
  PALETTE.orange,
  PALETTE.green,
  PALETTE.vermillion,
  PALETTE.purple,
  PALETTE.skyBlue,
  PALETTE.black,
];

/** Sequential colour scale for heatmaps (viridis: perceptually uniform, colour-blind safe). */
export const SEQUENTIAL_SCALE = "Viridis";

/** Options of baseLayout. */
export interface BaseLayoutOptions {
  /** the finding, e.g. "Load peaks on summer weekday evenings" */
  title: string;
  /** x-axis title with unit, e.g. "Local time (America/New_York)" */
  xTitle: string;
  /** y-axis title with unit, e.g. "Load (MW)" */
  yTitle: string;
  /** smaller second line under the title (data span, method, downsampling note) */
  subtitle?: string;
  /** height in px; default 420 */
  height?: number;
}

/** Characters per title line that fit an 800 px notebook at the title's 16 px font. */
export const TITLE_LINE_CHARS = 72;
/** Characters per subtitle line that fit an 800 px notebook at the subtitle's 12 px font. */
export const SUBTITLE_LINE_CHARS = 100;

/**
 * Returns the shared layout: title with subtitle (both wrapped to fit an 800 px notebook), axis
 * titles with units, legend on top, hover, and a top margin sized to the title's lines.
 */
export function baseLayout(options: BaseLayoutOptions): Record<string, unknown> {
  const titleLines = wrapLines(options.title, TITLE_LINE_CHARS);
  const subtitleLines = options.subtitle ? wrapLines(options.subtitle, SUBTITLE_LINE_CHARS) : [];
  const subtitle = subtitleLines
    .map((line) => `<span style="font-size:12px;color:#555">${escapeText(line)}</span>`)
    .join("<br>");
  const title = [...titleLines.map(escapeText), ...(subtitle ? [subtitle] : [])].join("<br>");
  return {
    // anchored to the top of the figure: with automargin, plotly.js 4 pushed wrapped titles
    // above the figure's top edge, where the notebook clips them
    title: {
      text: title,
      x: 0,
      xanchor: "left",
      yref: "container",
      y: 1,
      yanchor: "top",
      pad: { t: 14, l: 4 },
      font: { size: 16 },
    },
    xaxis: { title: { text: options.xTitle }, automargin: true },
    yaxis: { title: { text: options.yTitle }, automargin: true, separatethousands: true },
    legend: { orientation: "h", x: 0, y: 1, yanchor: "bottom" },
    hovermode: "closest",
    height: options.height ?? 420,
    // plotly.js spaces every line of the title at 1.3 x 16 px (subtitle spans too); the rest is
    // the top padding and the legend row above the plot
    margin: { t: 56 + 21 * (titleLines.length + subtitleLines.length), l: 70, r: 30, b: 60 },
    colorway: SERIES_COLORS,
    font: { family: "system-ui, -apple-system, Segoe UI, sans-serif", size: 12 },
    plot_bgcolor: "#ffffff",
    paper_bgcolor: "#ffffff",
  };
}

/**
 * Returns `text` split at spaces into lines of at most `maxChars` characters (a longer word
 * keeps a line of its own), so a chart title fits the notebook's width.
 */
export function wrapLines(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return line === "" ? lines : [...lines, line];
}

/** Escapes the characters Plotly would read as its HTML-like markup. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
