/**
 * Static small multiples drawn with Observable Plot on a server-side jsdom document: one panel
 * per local calendar year showing its monthly mean load, over a grey line of the all-years
 * average, so a reader sees which years ran hot or cold and in which season.
 */
import type * as Plot from "@observablehq/plot";
import type * as Jsdom from "jsdom";
import type { LoadSeries } from "../../frame.js";
import { lazyModule } from "../../util/lazy-module.js";
import { localCalendar } from "../local-calendar.js";
import { MONTH_LABELS } from "../monthly-profile.js";
import { PALETTE } from "./plotly-figure.js";

type PlotModule = typeof Plot;
type JsdomModule = typeof Jsdom;

/** Options of monthlyProfilesByYearSvg. */
export interface MonthlyProfilesByYearSvgOptions {
  /** IANA zone of the calendar; default "UTC" */
  timeZone?: string;
  /** panels per row; default 6 */
  columns?: number;
  /** months with fewer intervals than this are left out; default 24 * 20 */
  minCount?: number;
  title?: string;
}

interface Cell {
  year: number;
  month: number;
  meanMw: number;
  col: number;
  row: number;
}

/** A static chart: standalone SVG markup plus the title that states its finding. */
export interface StaticFigure {
  title: string;
  subtitle: string;
  svg: string;
}

/** Returns standalone SVG small multiples of monthly mean MW, one panel per year, with a finding title. */
export function monthlyProfilesByYearSvg(
  series: LoadSeries,
  options: MonthlyProfilesByYearSvgOptions = {},
): StaticFigure {
  const columns = options.columns ?? 6;
  const cells = monthlyCells(series, options.timeZone ?? "UTC", options.minCount ?? 480, columns);
  const average = MONTH_LABELS.map((_, m) => {
    const values = cells.filter((c) => c.month === m + 1);
    return values.reduce((s, c) => s + c.meanMw, 0) / Math.max(values.length, 1);
  });
  const years = [...new Set(cells.map((c) => c.year))];
  const background = years.flatMap((year) => {
    const first = cells.find((c) => c.year === year)!;
    return average.map((meanMw, m) => ({
      year,
      month: m + 1,
      meanMw,
      col: first.col,
      row: first.row,
    }));
  });
  const plot = lazyModule<PlotModule>("@observablehq/plot");
  const { JSDOM } = lazyModule<JsdomModule>("jsdom");
  const document = new JSDOM("").window.document;
  const chart = plot.plot({
    document,
    title:
      options.title ??
      `Monthly mean load per year, ${years[0]}–${years[years.length - 1]} (grey: all-years average)`,
    width: 160 * Math.min(columns, years.length) + 80,
    height: 130 * Math.ceil(years.length / columns) + 60,
    marginLeft: 60,
    x: {
      label: "Month",
      tickFormat: (m: number) => MONTH_LABELS[m - 1]!.slice(0, 1),
      ticks: [1, 4, 7, 10],
    },
    y: { label: "Mean load (MW)", grid: true, tickFormat: "~s" },
    fx: { axis: null },
    fy: { axis: null },
    marks: [
      plot.frame({ stroke: "#ddd" }),
      plot.line(background, {
        x: "month",
        y: "meanMw",
        fx: "col",
        fy: "row",
        stroke: PALETTE.grey,
        strokeWidth: 1,
      }),
      plot.line(cells, {
        x: "month",
        y: "meanMw",
        fx: "col",
        fy: "row",
        z: "year",
        stroke: PALETTE.blue,
        strokeWidth: 2,
      }),
      plot.text(
        years.map((year) => cells.find((c) => c.year === year)!),
        {
          fx: "col",
          fy: "row",
          text: (d: Cell) => String(d.year),
          frameAnchor: "top-left",
          dx: 4,
          dy: 4,
          fontWeight: "bold",
        },
      ),
    ],
  });
  const svg = chart.tagName.toLowerCase() === "svg" ? chart : chart.querySelector("svg")!;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return {
    title: options.title ?? findingTitle(cells, average),
    subtitle: `Monthly mean load per year, ${years[0]}–${years[years.length - 1]}; grey line: the all-years average of each month`,
    svg: svg.outerHTML,
  };
}

function findingTitle(cells: Cell[], average: number[]): string {
  if (cells.length === 0) return "No month has enough data to draw";
  let best = cells[0]!;
  let bestDev = 0;
  for (const c of cells) {
    const dev = (c.meanMw - average[c.month - 1]!) / average[c.month - 1]!;
    if (Math.abs(dev) > Math.abs(bestDev)) {
      best = c;
      bestDev = dev;
    }
  }
  const pct = Math.abs(bestDev * 100).toFixed(1);
  return `${MONTH_LABELS[best.month - 1]} ${best.year} departs most from the usual month: ${Math.round(best.meanMw).toLocaleString("en-US")} MW, ${pct} % ${bestDev >= 0 ? "above" : "below"} its all-years average`;
}

function monthlyCells(
  series: LoadSeries,
  timeZone: string,
  minCount: number,
  columns: number,
): Cell[] {
  const { timeUtcMs, loadMw } = series.columns;
  const cal = localCalendar(timeUtcMs, timeZone);
  const acc = new Map<number, { sum: number; n: number }>();
  for (let i = 0; i < series.length; i++) {
    if (!Number.isFinite(loadMw[i]!)) continue;
    const key = cal.year[i]! * 12 + cal.month[i]! - 1;
    const a = acc.get(key) ?? { sum: 0, n: 0 };
    a.sum += loadMw[i]!;
    a.n++;
    acc.set(key, a);
  }
  const kept = [...acc.entries()].filter(([, a]) => a.n >= minCount).sort((a, b) => a[0] - b[0]);
  const years = [...new Set(kept.map(([key]) => Math.floor(key / 12)))];
  return kept.map(([key, a]) => {
    const year = Math.floor(key / 12);
    const index = years.indexOf(year);
    return {
      year,
      month: (key % 12) + 1,
      meanMw: a.sum / a.n,
      col: index % columns,
      row: Math.floor(index / columns),
    };
  });
}
