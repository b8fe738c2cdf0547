// forecastAhead with a model fitted on observed temperatures: it forecasts with the temperatures it
// is given for the forecast hours and refuses, naming what is missing, to guess them.
import { describe, expect, it } from "vitest";
import { dropWeather } from "../../src/etl/transform/drop-weather.js";
import { backtest } from "../../src/ml/backtest.js";
import { forecastAhead } from "../../src/ml/forecast-ahead.js";
import { syntheticSeries } from "./synthetic-series.js";

describe("forecastAhead with a weather-fitted model", () => {
  it("reads the forecast hours' temperatures and refuses to forecast without them", async () => {
    const series = syntheticSeries(170, { temperature: true });
    const result = await backtest(series, {
      task: "day-ahead",
      split: "2021-06-01",
      timeZone: "America/New_York",
      models: ["ridge"],
      keepModels: true,
    });
    expect(result.models[0]!.usesWeather).toBe(true);
    const forecaster = result.models[0]!.forecaster!;
    expect(() => forecastAhead(forecaster, series)).toThrow(
      /model ridge was fitted with observed temperatures: forecasting ahead needs the temperature of each of the 24 forecast hours/,
    );
    expect(() =>
      forecastAhead(forecaster, dropWeather(series), {
        temperatureC: new Float64Array(24).fill(20),
      }),
    ).toThrow(/the series needs a temperatureC column/);
    expect(() => forecastAhead(forecaster, series, { temperatureC: [20, 21] })).toThrow(
      /2 forecast temperatures for 24 hours/,
    );
    expect(() =>
      forecastAhead(forecaster, series, { temperatureC: new Float64Array(24).fill(NaN) }),
    ).toThrow(/forecast temperature 1 of 24 is NaN/);
    const mild = forecastAhead(forecaster, series, { temperatureC: new Float64Array(24).fill(18) });
    const hot = forecastAhead(forecaster, series, { temperatureC: new Float64Array(24).fill(28) });
    expect(Array.from(mild.columns.forecastMw).every(Number.isFinite)).toBe(true);
    // the generated load rises with heat (above 18.5 °C): a warm day is forecast higher on average
    const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(mean(hot.columns.forecastMw)).toBeGreaterThan(mean(mild.columns.forecastMw) * 1.05);
  });
});
