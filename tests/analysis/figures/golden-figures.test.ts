// Every figure builder's output on small seeded input against tests/golden/figures/<builder>.*:
// Plotly JSON with numbers rounded to 4 significant digits, Observable Plot's SVG, and the HTML
// of the table and notebook-chart bundles. UPDATE_GOLDEN=1 rewrites the files after a reviewed change.
import { beforeAll, describe, test } from "vitest";
import { analyzeLoad, type LoadAnalysis } from "../../../src/analysis/analyze-load.js";
import { plotlyNotebookHtml } from "../../../src/analysis/display/plotly-notebook-html.js";
import { metricsTableBundle } from "../../../src/analysis/display/show-metrics-table.js";
import { anomaliesFigure } from "../../../src/analysis/figures/anomalies-figure.js";
import { dayTypeProfileFigure } from "../../../src/analysis/figures/day-type-profile-figure.js";
import { decompositionFigure } from "../../../src/analysis/figures/decomposition-figure.js";
import { forecastErrorByFigure } from "../../../src/analysis/figures/forecast-error-by-figure.js";
import { forecastFigure } from "../../../src/analysis/figures/forecast-figure.js";
import { forecastOutlookFigure } from "../../../src/analysis/figures/forecast-outlook-figure.js";
import { hourWeekdayHeatmapFigure } from "../../../src/analysis/figures/hour-weekday-heatmap-figure.js";
import { loadDurationCurveFigure } from "../../../src/analysis/figures/load-duration-curve-figure.js";
import { loadTimeSeriesFigure } from "../../../src/analysis/figures/load-time-series-figure.js";
import { longTermTrendFigure } from "../../../src/analysis/figures/long-term-trend-figure.js";
import { monthlyProfileFigure } from "../../../src/analysis/figures/monthly-profile-figure.js";
import { monthlyProfilesByYearSvg } from "../../../src/analysis/figures/monthly-profiles-by-year-svg.js";
import { peakTimingFigure } from "../../../src/analysis/figures/peak-timing-figure.js";
import type { PlotlyFigure } from "../../../src/analysis/figures/plotly-figure.js";
import { renewableShareFigure } from "../../../src/analysis/figures/renewable-share-figure.js";
import { residualsFigure } from "../../../src/analysis/figures/residuals-figure.js";
import { temperatureLoadFigure } from "../../../src/analysis/figures/temperature-load-figure.js";
import { temperatureSensitivityFigure } from "../../../src/analysis/figures/temperature-sensitivity-figure.js";
import { temperatureLoadDays } from "../../../src/analysis/temperature-load-days.js";
import { weeklyProfileFigure } from "../../../src/analysis/figures/weekly-profile-figure.js";
import { yearOverYearFigure } from "../../../src/analysis/figures/year-over-year-figure.js";
import { forecastErrorBy } from "../../../src/analysis/forecast-error-by.js";
import { createLoadSeries, sliceRows, type LoadSeries } from "../../../src/frame.js";
import { generateLoad } from "../../../src/generate/generate-load.js";
import type { ForecastOutlook } from "../../../src/ml/forecast-outlook.js";
import { expectGolden, goldenJson, goldenSvg } from "../../helpers/golden.js";

const TZ = "America/New_York";
let series: LoadSeries;
let analysis: LoadAnalysis;
let forecast: ForecastOutlook;

beforeAll(() => {
  const generated = generateLoad({
    days: 800,
    seed: 7,
    zones: [{ name: "ALPHA", baseMw: 12_000 }],
  });
  const zone = generated.zones[0]!;
  series = createLoadSeries(zone.timeUtcMs, zone.loadMw, {
    temperatureC: generated.temperature.temperatureC,
  });
  analysis = analyzeLoad(series, { timeZone: TZ, name: "ALPHA" });
  const hours = (from: number) => series.columns.loadMw.slice(from, from + 72);
  forecast = {
    model: "ridge",
    level: 0.8,
    timeUtcMs: series.columns.timeUtcMs.slice(0, 72),
    actualMw: Float64Array.from(hours(0), (v, i) => (i < 48 ? v : NaN)),
    forecastMw: hours(24),
    lowerMw: Float64Array.from(hours(24), (v) => v - 500),
    upperMw: Float64Array.from(hours(24), (v) => v + 500),
    startUtcMs: series.columns.timeUtcMs[48]!,
    card: { name: "ridge" } as unknown as ForecastOutlook["card"],
  };
});

const BUILDERS: Record<string, () => PlotlyFigure> = {
  "load-time-series-figure": () => loadTimeSeriesFigure(series, { timeZone: TZ, buckets: 60 }),
  "hour-weekday-heatmap-figure": () =>
    hourWeekdayHeatmapFigure(analysis.hourWeekday, { timeZone: TZ }),
  "weekly-profile-figure": () => weeklyProfileFigure(analysis.hourWeekday, { timeZone: TZ }),
  "monthly-profile-figure": () => monthlyProfileFigure(analysis.monthly),
  "day-type-profile-figure": () => dayTypeProfileFigure(analysis.dayTypes, { timeZone: TZ }),
  "load-duration-curve-figure": () => loadDurationCurveFigure(analysis.duration),
  "peak-timing-figure": () => peakTimingFigure(analysis.peaks),
  "year-over-year-figure": () => yearOverYearFigure(analysis.years),
  "long-term-trend-figure": () => longTermTrendFigure(analysis.trend!),
  "decomposition-figure": () => decompositionFigure(analysis.decomposition!),
  "anomalies-figure": () => anomaliesFigure(analysis.decomposition!, analysis.anomalies),
  "temperature-sensitivity-figure": () => temperatureSensitivityFigure(analysis.temperature!),
  "temperature-load-figure": () =>
    temperatureLoadFigure(temperatureLoadDays(sliceRows(series, 0, 24 * 400), { timeZone: TZ })),
  "forecast-figure": () => forecastFigure(forecast, { timeZone: TZ }),
  "forecast-outlook-figure": () => forecastOutlookFigure(forecast, { timeZone: TZ }),
  "residuals-figure": () => residualsFigure(forecast, { timeZone: TZ }),
  "forecast-error-by-figure": () =>
    forecastErrorByFigure(forecastErrorBy(forecast, { timeZone: TZ }), {
      model: "ridge",
      groupTitle: "Hour of day (local)",
    }),
  "renewable-share-figure": () =>
    renewableShareFigure(
      ["2016", "2017"].map((period, k) => ({
        period,
        days: 365 + (k === 0 ? 1 : 0),
        consumptionGwh: 500_000 + k * 1000,
        windGwh: 70_000 + k * 15_000,
        solarGwh: 35_000 + k * 4000,
        windSharePct: 14 + k * 3,
        solarSharePct: 7 + k,
        renewableSharePct: 21 + k * 4,
      })),
    ),
};

describe("golden figures (tests/golden/figures)", () => {
  test.each(Object.keys(BUILDERS))("%s(seeded input) matches its golden JSON", async (name) => {
    await expectGolden(`figures/${name}.json`, goldenJson(BUILDERS[name]!()));
  });

  test("monthlyProfilesByYearSvg(seeded input) matches its golden SVG", async () => {
    const figure = monthlyProfilesByYearSvg(series, { timeZone: TZ });
    await expectGolden(
      "figures/monthly-profiles-by-year-svg.svg",
      `<!-- ${figure.title} | ${figure.subtitle} -->\n${goldenSvg(figure.svg)}`,
    );
  });

  test("metricsTableBundle(backtest rows) matches its golden HTML", async () => {
    const rows = [
      "seasonal-naive-24",
      "calendar-profile",
      "ridge",
      "mlp",
      "seasonal-naive-168",
    ].map((model, k) => ({
      model,
      maeMw: 400 - 37 * k,
      mase: 1.2 - 0.11 * k,
      coverage80Pct: 70 + 3 * k,
    }));
    const bundle = metricsTableBundle(rows, { digits: { mase: 2 }, unranked: ["coverage80Pct"] });
    await expectGolden("figures/metrics-table-bundle.html", `${bundle["text/html"] as string}\n`);
  });

  test("plotlyNotebookHtml(tiny figure, loader) matches its golden HTML", async () => {
    const spec = { data: [{ type: "bar", x: [1], y: [2] }], layout: { height: 300 }, config: {} };
    const html = plotlyNotebookHtml(spec, {
      elementId: "pf-plotly-0-00000000",
      title: "Tiny",
      plotlyJs: "/* plotly.min.js */",
    });
    await expectGolden("figures/plotly-notebook-html.html", `${html}\n`);
  });
});
