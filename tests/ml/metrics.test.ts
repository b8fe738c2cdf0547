import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  forecastMetrics,
  intervalCoverage,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  pinballLoss,
  rootMeanSquaredError,
  seasonalNaiveScale,
  symmetricMape,
} from "../../src/ml/metrics.js";

// errors y − f = [−10, 10, −30, 0]
const actual = [100, 200, 300, 400];
const forecast = [110, 190, 330, 400];

describe("metrics", () => {
  it("meanAbsoluteError and rootMeanSquaredError match hand-computed values", () => {
    expect(meanAbsoluteError(actual, forecast)).toBe(12.5);
    expect(rootMeanSquaredError(actual, forecast)).toBeCloseTo(Math.sqrt(275), 12);
  });

  it("MAPE and sMAPE match hand-computed values", () => {
    expect(meanAbsolutePercentageError(actual, forecast)).toBeCloseTo(6.25, 12);
    const smape = (100 * (20 / 210 + 20 / 390 + 60 / 630 + 0)) / 4;
    expect(symmetricMape(actual, forecast)).toBeCloseTo(smape, 12);
    expect(symmetricMape([0], [0])).toBe(0);
    expect(meanAbsolutePercentageError([0, 100], [5, 90])).toBeCloseTo(10, 12);
  });

  it("seasonalNaiveScale(history, period) is the in-sample naive MAE and scales MASE", () => {
    expect(seasonalNaiveScale([1, 2, 4, 7], 1)).toBe(2);
    expect(seasonalNaiveScale([1, 2, 4, 7, 9], 2)).toBeCloseTo((3 + 5 + 5) / 3, 12);
    expect(forecastMetrics(actual, forecast, { maseScale: 2 }).mase).toBe(6.25);
  });

  it("pinballLoss weighs under- and over-forecasts by q and 1 − q", () => {
    expect(pinballLoss([100, 200], [110, 190], 0.9)).toBeCloseTo(5, 12);
    expect(pinballLoss([100, 200], [110, 190], 0.1)).toBeCloseTo(5, 12);
    expect(pinballLoss([100], [110], 0.25)).toBeCloseTo(7.5, 12);
    expect(() => pinballLoss([1], [1], 1)).toThrow(InputError);
  });

  it("intervalCoverage counts actuals inside [lower, upper], bounds included", () => {
    expect(intervalCoverage(actual, [90, 200, 310, 399], [110, 205, 320, 400])).toBe(0.75);
  });

  it("forecastMetrics skips NaN pairs and reports every metric with intervals", () => {
    const m = forecastMetrics([...actual, NaN], [...forecast, 5], {
      maseScale: 2,
      intervals: {
        lower80: [100, 180, 310, 390, 0],
        upper80: [120, 200, 350, 410, 0],
        lower95: [90, 170, 280, 380, 0],
        upper95: [130, 210, 360, 420, 0],
      },
    });
    expect(m.n).toBe(4);
    expect(m.maeMw).toBe(12.5);
    expect(m.coverage80).toBe(0.75);
    expect(m.coverage95).toBe(1);
    expect(m.width80Mw).toBe((20 + 20 + 40 + 20) / 4);
    expect(m.width95Mw).toBe((40 + 40 + 80 + 40) / 4);
    // pinball: q=.025 lower95 → (0.25+0.75+0.5+0.5)/4 = 0.5; q=.1 lower80 → (0+2+9+1)/4 = 3;
    // q=.9 upper80 → (2+0+5+1)/4 = 2; q=.975 upper95 → (0.75+0.25+1.5+0.5)/4 = 0.75
    expect(m.pinballMw).toBeCloseTo((0.5 + 3 + 2 + 0.75) / 4, 12);
  });

  it("forecastMetrics rejects inputs of different lengths with InputError", () => {
    expect(() => forecastMetrics([1, 2], [1])).toThrow(
      /differ in length: 1 forecasts \(expected 2/,
    );
  });
});
