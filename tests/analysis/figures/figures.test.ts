import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { analyzeLoad, type LoadAnalysis } from "../../../src/analysis/analyze-load.js";
import { anomaliesFigure } from "../../../src/analysis/figures/anomalies-figure.js";
import { dayTypeProfileFigure } from "../../../src/analysis/figures/day-type-profile-figure.js";
import { decompositionFigure } from "../../../src/analysis/figures/decomposition-figure.js";
import { forecastErrorByFigure } from "../../../src/analysis/figures/forecast-error-by-figure.js";
import { forecastFigure } from "../../../src/analysis/figures/forecast-figure.js";
import { hourWeekdayHeatmapFigure } from "../../../src/analysis/figures/hour-weekday-heatmap-figure.js";
import { loadDurationCurveFigure } from "../../../src/analysis/figures/load-duration-curve-figure.js";
import { loadTimeSeriesFigure } from "../../../src/analysis/figures/load-time-series-figure.js";
import { longTermTrendFigure } from "../../../src/analysis/figures/long-term-trend-figure.js";
import { monthlyProfileFigure } from "../../../src/analysis/figures/monthly-profile-figure.js";
import { monthlyProfilesByYearSvg } from "../../../src/analysis/figures/monthly-profiles-by-year-svg.js";
import { peakTimingFigure } from "../../../src/analysis/figures/peak-timing-figure.js";
import {
  baseLayout,
  PALETTE,
  SUBTITLE_LINE_CHARS,
  TITLE_LINE_CHARS,
  wrapLines,
  type PlotlyFigure,
} from "../../../src/analysis/figures/plotly-figure.js";
import { renewableShareFigure } from "../../../src/analysis/figures/renewable-share-figure.js";
import { residualsFigure } from "../../../src/analysis/figures/residuals-figure.js";
import { temperatureLoadFigure } from "../../../src/analysis/figures/temperature-load-figure.js";
import { temperatureSensitivityFigure } from "../../../src/analysis/figures/temperature-sensitivity-figure.js";
import { temperatureLoadDays } from "../../../src/analysis/temperature-load-days.js";
import { weeklyProfileFigure } from "../../../src/analysis/figures/weekly-profile-figure.js";
import { yearOverYearFigure } from "../../../src/analysis/figures/year-over-year-figure.js";
import { forecastErrorBy } from "../../../src/analysis/forecast-error-by.js";
import { createLoadSeries, type LoadSeries } from "../../../src/frame.js";
import { generateLoad } from "../../../src/generate/generate-load.js";

const TZ = "America/New_York";
const FIGURES_DIR = resolve(import.meta.dirname, "..", "..", "..", "src", "analysis", "figures");
/**
 * plotly.js trace types drawn with WebGL (plotly.js 4: the gl and 3-D traces, splom, parcoords
 * and the map traces): where WebGL is unavailable they show "WebGL is not supported" instead.
 */
const WEBGL_TRACE_TYPES = [
  "scattergl",
  "scatterpolargl",
  "heatmapgl",
  "contourgl",
  "pointcloud",
  "splom",
  "parcoords",
  "scatter3d",
  "surface",
  "mesh3d",
  "cone",
  "streamtube",
  "volume",
  "isosurface",
  "scattermap",
  "scattermapbox",
  "densitymap",
  "densitymapbox",
  "choroplethmap",
  "choroplethmapbox",
];
let series: LoadSeries;
let analysis: LoadAnalysis;

beforeAll(() => {
  const generated = generateLoad({ days: 800, zones: [{ name: "ALPHA", baseMw: 12_000 }] });
  const zone = generated.zones[0]!;
  series = createLoadSeries(zone.timeUtcMs, zone.loadMw, {
    temperatureC: generated.temperature.temperatureC,
  });
  analysis = analyzeLoad(series, { timeZone: TZ, name: "ALPHA" });
});

/** Every axis title present and naming a unit in brackets or a known unit word. */
function axisTitles(figure: PlotlyFigure): string[] {
  return Object.entries(figure.layout)
    .filter(([key]) => /^[xy]axis\d*$/.test(key))
    .map(([, axis]) => ((axis as { title?: { text?: string } }).title?.text ?? "").trim())
    .filter((t) => t !== "");
}

/** The title and subtitle as one line of text (baseLayout wraps them with <br>). */
function title(figure: PlotlyFigure): string {
  return (figure.layout.title as { text: string }).text
    .replace(/<br>/g, " ")
    .replace(/<\/?span[^>]*>/g, "");
}

describe("Plotly figure builders", () => {
  test("every analysis figure is plain JSON with a finding title and unit-bearing axes", () => {
    const forecast = {
      timeUtcMs: series.columns.timeUtcMs.subarray(0, 48),
      actualMw: series.columns.loadMw.subarray(0, 48),
      forecastMw: series.columns.loadMw.subarray(24, 72),
      lowerMw: Float64Array.from(series.columns.loadMw.subarray(24, 72), (v) => v - 500),
      upperMw: Float64Array.from(series.columns.loadMw.subarray(24, 72), (v) => v + 500),
      level: 0.8,
      model: "lag-24",
    };
    const figures: PlotlyFigure[] = [
      loadTimeSeriesFigure(series, { timeZone: TZ }),
      hourWeekdayHeatmapFigure(analysis.hourWeekday, { timeZone: TZ }),
      weeklyProfileFigure(analysis.hourWeekday, { timeZone: TZ }),
      monthlyProfileFigure(analysis.monthly),
      dayTypeProfileFigure(analysis.dayTypes, { timeZone: TZ }),
      loadDurationCurveFigure(analysis.duration),
      peakTimingFigure(analysis.peaks),
      yearOverYearFigure(analysis.years),
      longTermTrendFigure(analysis.trend!),
      decompositionFigure(analysis.decomposition!),
      anomaliesFigure(analysis.decomposition!, analysis.anomalies),
      temperatureSensitivityFigure(analysis.temperature!),
      temperatureLoadFigure(temperatureLoadDays(series, { timeZone: TZ })),
      forecastFigure(forecast, { timeZone: TZ }),
      residualsFigure(forecast, { timeZone: TZ }),
      forecastErrorByFigure(forecastErrorBy(forecast, { timeZone: TZ }), {
        groupTitle: "Hour of day (local)",
      }),
      renewableShareFigure([
        {
          period: "2016",
          days: 366,
          consumptionGwh: 1,
          windGwh: 0.1,
          solarGwh: 0.05,
          windSharePct: 10,
          solarSharePct: 5,
          renewableSharePct: 15,
        },
      ]),
    ];
    for (const figure of figures) {
      expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
      expect(title(figure).length).toBeGreaterThan(20);
      const axes = axisTitles(figure);
      expect(axes.length).toBeGreaterThanOrEqual(2);
      expect(
        axes.some((t) =>
          /\((MW|%|°C|MW\/yr|count)\)|\(local|\(America|Month|Year|Period|Date|Hour|Day of week|share/i.test(
            t,
          ),
        ),
      ).toBe(true);
      expect(figure.data.length).toBeGreaterThan(0);
      // SVG traces only: drawn where WebGL is unavailable (headless browsers, VMs, remote desktops)
      const types = figure.data.map((trace) => trace.type as string);
      expect(types.filter((t) => WEBGL_TRACE_TYPES.includes(t))).toEqual([]);
    }
  });

  test("no figure builder in src/analysis/figures names a WebGL trace type", () => {
    const files = readdirSync(FIGURES_DIR).filter((f) => f.endsWith(".ts"));
    expect(files).toContain("load-time-series-figure.ts");
    const quoted = new RegExp(`["'\`](${WEBGL_TRACE_TYPES.join("|")})["'\`]`, "g");
    const found = files.flatMap((file) =>
      [...readFileSync(join(FIGURES_DIR, file), "utf8").matchAll(quoted)].map(
        (m) => `${file}: ${m[0]}`,
      ),
    );
    expect(found).toEqual([]);
    expect(quoted.test('type: "scattergl"')).toBe(true);
  });

  test("loadTimeSeriesFigure(series) draws every hour of 800 days as an SVG line", () => {
    const figure = loadTimeSeriesFigure(series, { timeZone: TZ });
    const trace = figure.data[0] as { type: string; y: number[]; x: string[] };
    expect(trace.type).toBe("scatter");
    expect(trace.y).toEqual(Array.from(series.columns.loadMw));
    expect(title(figure)).toContain("All 19,200 points shown.");
  });

  test("loadTimeSeriesFigure(series longer than maxPoints) downsamples, says so and keeps the true peak", () => {
    const figure = loadTimeSeriesFigure(series, { timeZone: TZ, maxPoints: 5000, buckets: 500 });
    const trace = figure.data[0] as { y: number[]; x: string[] };
    expect(trace.y.length).toBeLessThanOrEqual(4 * 500);
    expect(Math.max(...trace.y)).toBe(analysis.peaks.peakMw);
    expect(Math.min(...trace.y)).toBe(Math.min(...series.columns.loadMw));
    expect(title(figure)).toMatch(
      new RegExp(
        `Downsampled for display \\(${trace.y.length.toLocaleString("en-US")} of 19,200 points\\): first, last, lowest and highest point of each of 500 time columns, exact values`,
      ),
    );
    expect((figure.layout.xaxis as { rangeslider: { visible: boolean } }).rangeslider.visible).toBe(
      true,
    );
  });

  test("figure titles state findings computed from the data", () => {
    expect(title(loadDurationCurveFigure(analysis.duration))).toContain(
      `${Math.round(analysis.duration.hoursAbove90PctOfPeak)} hours`,
    );
    const best = analysis.peaks.typicalPeakHour;
    expect(title(peakTimingFigure(analysis.peaks))).toContain(
      `${String(best).padStart(2, "0")}:00`,
    );
    expect(title(temperatureSensitivityFigure(analysis.temperature!))).toMatch(/adds \d[\d,]* MW/);
  });

  test("temperatureLoadFigure(days) titles the steepest seasonal slopes and shows each season once in the legend", () => {
    const days = temperatureLoadDays(series, { timeZone: TZ });
    const figure = temperatureLoadFigure(days);
    const summer = days.slopes[2]!;
    const winter = days.slopes[0]!;
    expect(summer.mwPerC).toBeGreaterThan(0);
    expect(winter.mwPerC).toBeLessThan(0);
    expect(title(figure)).toContain(
      `Working-day load changes by +${Math.round(summer.mwPerC).toLocaleString("en-US")} MW per °C in Jun–Aug and by −${Math.round(-winter.mwPerC).toLocaleString("en-US")} MW per °C in Dec–Feb`,
    );
    type Trace = { name: string; showlegend: boolean; x: number[]; marker?: { symbol: string } };
    const traces = figure.data as unknown as Trace[];
    expect(traces.filter((t) => t.showlegend).map((t) => t.name)).toEqual([
      "Dec–Feb",
      "Mar–May",
      "Jun–Aug",
      "Sep–Nov",
    ]);
    const points = traces.filter((t) => t.marker !== undefined);
    expect(points.reduce((n, t) => n + t.x.length, 0)).toBe(days.date.length);
    expect(points.filter((t) => t.marker!.symbol === "circle-open").map((t) => t.name)).toEqual(
      ["Dec–Feb", "Mar–May", "Jun–Aug", "Sep–Nov"].map((s) => `${s}, weekends and holidays`),
    );
    // an SVG scatter: drawn where WebGL is unavailable (headless browsers, some VMs)
    expect(traces.every((t) => (t as { type?: string }).type === "scatter")).toBe(true);
  });

  test("builders use only the one colour-blind-safe palette", () => {
    const used =
      JSON.stringify(dayTypeProfileFigure(analysis.dayTypes)).match(/#[0-9A-F]{6}/gi) ?? [];
    const allowed = new Set([...Object.values(PALETTE), "#FFFFFF"].map((c) => c.toUpperCase()));
    expect(used.every((c) => allowed.has(c.toUpperCase()))).toBe(true);
  });
});

describe("baseLayout", () => {
  const long =
    "Robust additive decomposition of daily mean load: trend = centred 7-day moving average " +
    "skipping 12 extreme or missing days; seasonal = median per weekday";

  test("baseLayout(long title and subtitle) wraps both to fit 800 px and grows the top margin", () => {
    const short = baseLayout({ title: "Short", xTitle: "x", yTitle: "y" });
    const finding = "A finding long enough to need a second line when the chart is 800 px wide";
    const layout = baseLayout({ title: finding, subtitle: long, xTitle: "x", yTitle: "y" });
    const lines = (layout.title as { text: string }).text.split("<br>");
    const plain = lines.map((l) => l.replace(/<[^>]*>/g, ""));
    expect(plain.length).toBe(4);
    expect(plain.slice(0, 2).every((l) => l.length <= TITLE_LINE_CHARS)).toBe(true);
    expect(plain.slice(2).every((l) => l.length <= SUBTITLE_LINE_CHARS)).toBe(true);
    expect(lines.slice(2).every((l) => l.startsWith('<span style="font-size:12px'))).toBe(true);
    expect(plain.join(" ")).toBe(`${finding} ${long}`);
    const top = (l: Record<string, unknown>): number => (l.margin as { t: number }).t;
    expect(top(layout) - top(short)).toBe(21 * 3);
    expect(layout.title).toMatchObject({ yref: "container", y: 1, yanchor: "top" });
  });

  test("wrapLines(text, width) breaks at spaces and keeps an over-long word on its own line", () => {
    expect(wrapLines("aa bb cc", 5)).toEqual(["aa bb", "cc"]);
    expect(wrapLines("a verylongword b", 4)).toEqual(["a", "verylongword", "b"]);
    expect(wrapLines("  ", 10)).toEqual([]);
  });
});

describe("forecastFigure downsampling", () => {
  test("forecastFigure keeps a forecast-only stretch (no actuals) when it downsamples", () => {
    const n = 4000;
    const timeUtcMs = Float64Array.from(
      { length: n },
      (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000,
    );
    const actualMw = Float64Array.from({ length: n }, (_, i) => (i < 3000 ? 100 + (i % 24) : NaN));
    const forecastMw = Float64Array.from({ length: n }, (_, i) =>
      i < 3000 ? NaN : 200 + (i % 24),
    );
    const figure = forecastFigure(
      { timeUtcMs, actualMw, forecastMw, model: "ridge" },
      { buckets: 500 },
    );
    const traces = figure.data as { name?: string; y: (number | null)[] }[];
    const forecast = traces.find((t) => t.name === "ridge")!;
    const actual = traces.find((t) => t.name === "Actual")!;
    const forecastPoints = forecast.y.filter((v) => v !== null);
    expect(forecast.y.length).toBeLessThan(n);
    expect(forecastPoints.length).toBeGreaterThan(100);
    expect(Math.min(...forecastPoints)).toBe(200);
    expect(Math.max(...forecastPoints)).toBe(223);
    expect(Math.max(...actual.y.filter((v) => v !== null))).toBe(123);
  });
});

describe("monthlyProfilesByYearSvg", () => {
  test("renders standalone SVG small multiples with one labelled panel per year", () => {
    const figure = monthlyProfilesByYearSvg(series, { timeZone: TZ });
    expect(figure.svg.startsWith("<svg")).toBe(true);
    expect(figure.svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(figure.svg).toContain(">2021</text>");
    expect(figure.svg).toContain(">2022</text>");
    expect(figure.title).toMatch(
      /departs most from the usual month: [\d,]+ MW, [\d.]+ % (above|below)/,
    );
    expect((figure.svg.match(/<path/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });
});
