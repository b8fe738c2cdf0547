// A hand-built comparison with and without weather for the row, text and display tests: two
// backtest results with chosen metrics, a weather description and a short series with temperature.
import type { WeatherBacktestComparison } from "../../src/analysis/compare-weather-backtests.js";
import { weatherComparisonRows } from "../../src/analysis/weather-comparison-rows.js";
import { createLoadSeries } from "../../src/frame.js";
import { generateLoad } from "../../src/generate/generate-load.js";
import type { BacktestResult, ModelBacktest } from "../../src/ml/backtest.js";
import { EX_POST_LABEL, type BacktestWeather } from "../../src/ml/backtest-weather.js";

/** One model's metrics: [model, usesWeather, MAE MW, RMSE MW, MAPE %]. */
export type MetricsSpec = [string, boolean, number, number, number];

/** Returns a backtest result of `task` whose models have the given metrics (test period Dec 2016). */
export function resultWith(
  specs: readonly MetricsSpec[],
  task: "day-ahead" | "long-horizon" = "day-ahead",
): BacktestResult {
  const timeUtcMs = Float64Array.of(Date.UTC(2016, 11, 4, 5), Date.UTC(2016, 11, 31, 10));
  const models = specs.map(
    ([model, usesWeather, maeMw, rmseMw, mapePct]) =>
      ({
        model,
        usesWeather,
        metrics: { maeMw, rmseMw, mapePct },
        forecast: { length: 2, columns: { timeUtcMs } },
      }) as unknown as ModelBacktest,
  );
  return {
    task,
    splitUtc: "2016-12-04T05:00:00.000Z",
    origins: 28,
    timeZone: "America/New_York",
    holidayCountry: "US",
    models,
  } as unknown as BacktestResult;
}

/** The weather of a single °F station covering part of the load. */
export const WEATHER = {
  label: EX_POST_LABEL,
  combine: "single station",
  stations: [
    {
      name: "KDCA_weather",
      inputs: ["KDCA_weather.csv"],
      formats: ["csv"],
      weight: 1,
      conversion: "°F → °C: (x − 32) × 5/9",
      timeZone: "America/New_York",
      column: "temp_dca",
      coverage: 0.9995,
    },
  ],
  overlap: {
    rows: 1000,
    rowsWithTemperature: 900,
    firstCoveredUtc: "2011-01-03T05:00:00.000Z",
    lastCoveredUtc: "2017-01-01T04:00:00.000Z",
    rowsBefore: 92812,
    rowsAfter: 0,
    rowsInside: 0,
    loadFirstUtc: "2002-01-01T05:00:00.000Z",
    loadLastUtc: "2018-08-03T03:00:00.000Z",
  },
  usedFirstUtc: "2011-01-03T05:00:00.000Z",
  usedLastUtc: "2017-01-01T04:00:00.000Z",
  rowsOutsideWeather: 92812,
  quality: {},
} as unknown as BacktestWeather;

/** A day-ahead comparison of ridge, vanilla-benchmark and a load-only peer, with weather. */
export function comparison(
  task: "day-ahead" | "long-horizon" = "day-ahead",
): WeatherBacktestComparison {
  const withWeather = resultWith(
    [
      ["seasonal-naive-24", false, 1500, 2000, 5],
      ["vanilla-benchmark", true, 1700, 2100, 5.2],
      ["ridge", true, 750, 1000, 2.3],
    ],
    task,
  );
  const withoutWeather = resultWith(
    [
      ["seasonal-naive-24", false, 1500, 2000, 5],
      ["vanilla-benchmark", false, 4600, 5500, 13.9],
      ["ridge", false, 1200, 1600, 3.7],
    ],
    task,
  );
  const generated = generateLoad({ seed: 2, days: 400, zones: [{ name: "A", baseMw: 1000 }] });
  const zone = generated.zones[0]!;
  return {
    task,
    evaluation: EX_POST_LABEL,
    weather: WEATHER,
    series: createLoadSeries(zone.timeUtcMs, zone.loadMw, {
      temperatureC: generated.temperature.temperatureC,
    }),
    withWeather,
    withoutWeather,
    rows: weatherComparisonRows(withWeather, withoutWeather),
    reused: [],
  };
}

/** The comparison of a run without weather. */
export const SKIPPED: WeatherBacktestComparison = {
  task: "day-ahead",
  rows: [],
  reused: [],
  note: 'No weather given (`weather = ""`): not shown.',
};
