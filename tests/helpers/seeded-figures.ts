/**
 * Every Plotly figure builder of src/analysis/figures on small seeded input (800 hourly days,
 * seed 7): the inputs of the golden files (tests/golden/figures) and of the figures' browser test.
 *
 *   const { series, builders } = seededFigures();
 *   const figure = builders["load-time-series-figure"]!();
 */
import { analyzeLoad, type LoadAnalysis } from "../../src/analysis/analyze-load.js";
import { anomaliesFigure } from "../../src/analysis/figures/anomalies-figure.js";
import { dayTypeProfileFigure } from "../../src/analysis/figures/day-type-profile-figure.js";
import { decompositionFigure } from "../../src/analysis/figures/decomposition-figure.js";
import { forecastErrorByFigure } from "../../src/analysis/figures/forecast-error-by-figure.js";
import { forecastFigure } from "../../src/analysis/figures/forecast-figure.js";
import { forecastOutlookFigure } from "../../src/analysis/figures/forecast-outlook-figure.js";
import { hourWeekdayHeatmapFigure } from "../../src/analysis/figures/hour-weekday-heatmap-figure.js";
import { loadDurationCurveFigure } from "../../src/analysis/figures/load-duration-curve-figure.js";
import { loadTimeSeriesFigure } from "../../src/analysis/figures/load-time-series-figure.js";
import { longTermTrendFigure } from "../../src/analysis/figures/long-term-trend-figure.js";
import { monthlyProfileFigure } from "../../src/analysis/figures/monthly-profile-figure.js";
import { peakTimingFigure } from "../../src/analysis/figures/peak-timing-figure.js";
import type { PlotlyFigure } from "../../src/analysis/figures/plotly-figure.js";
import { renewableShareFigure } from "../../src/analysis/figures/renewable-share-figure.js";
import { residualsFigure } from "../../src/analysis/figures/residuals-figure.js";
import { temperatureLoadFigure } from "../../src/analysis/figures/temperature-load-figure.js";
import { temperatureSensitivityFigure } from "../../src/analysis/figures/temperature-sensitivity-figure.js";
import { temperatureLoadDays } from "../../src/analysis/temperature-load-days.js";
import { weeklyProfileFigure } from "../../src/analysis/figures/weekly-profile-figure.js";
import { yearOverYearFigure } from "../../src/analysis/figures/year-over-year-figure.js";
import { forecastErrorBy } from "../../src/analysis/forecast-error-by.js";
import { createLoadSeries, sliceRows, type LoadSeries } from "../../src/frame.js";
import { generateLoad } from "../../src/generate/generate-load.js";
import type { ForecastOutlook } from "../../src/ml/forecast-outlook.js";

/** Zone of the seeded figures. */
export const SEEDED_TZ = "America/New_York";
const TZ = SEEDED_TZ;

/** The seeded input and one call per Plotly figure builder. */
export interface SeededFigures {
  /** 800 days of hourly load with temperature (seed 7) */
  series: LoadSeries;
  /** builder file name (`load-time-series-figure`) -> its figure on small seeded input */
  builders: Record<string, () => PlotlyFigure>;
}

/**
 * Returns every Plotly figure builder of src/analysis/figures called on small seeded input: the
 * golden files' inputs, also drawn in headless Chromium by the figures' browser test.
 */
export function seededFigures(): SeededFigures {
  const generated = generateLoad({
    days: 800,
    seed: 7,
    zones: [{ name: "ALPHA", baseMw: 12_000 }],
  });
  const zone = generated.zones[0]!;
  const series = createLoadSeries(zone.timeUtcMs, zone.loadMw, {
    temperatureC: generated.temperature.temperatureC,
  });
  const analysis = analyzeLoad(series, { timeZone: TZ, name: "ALPHA" });
  const hours = (from: number) => series.columns.loadMw.slice(from, from + 72);
  const forecast: ForecastOutlook = {
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
  return { series, builders: builders(series, analysis, forecast) };
}

function builders(
  series: LoadSeries,
  analysis: LoadAnalysis,
  forecast: ForecastOutlook,
): Record<string, () => PlotlyFigure> {
  return {
    "load-time-series-figure": () =>
      loadTimeSeriesFigure(series, { timeZone: TZ, maxPoints: 240, buckets: 60 }),
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
}
