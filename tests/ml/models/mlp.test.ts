import { describe, expect, it } from "vitest";
import { mlp } from "../../../src/ml/models/mlp.js";
import { TINY } from "../synthetic-series.js";
import {
  contextOf,
  DAYS,
  fitAndForecast,
  flatMape,
  futureChanged,
  mapeOf,
  standardCase,
} from "./model-checks.js";
import { describeNetworkDayAhead } from "./network-checks.js";

describeNetworkDayAhead(mlp, TINY.mlp, "logLevel");

describe("mlp (long-horizon)", () => {
  const { grid, end } = standardCase();
  const horizon = 24 * 14;
  const context = contextOf("long-horizon", end, { horizon, options: TINY.mlp });
  const from = Int32Array.of(end);

  it("mlp.fit(long-horizon) forecasts two weeks better than a flat forecast, reading no future load", async () => {
    const forecast = await fitAndForecast(mlp, grid, context, from, horizon);
    expect(forecast.every(Number.isFinite)).toBe(true);
    expect(mapeOf(grid, from, horizon, forecast)).toBeLessThan(flatMape(grid, end, from, horizon));
    const changed = await fitAndForecast(mlp, futureChanged(DAYS, end), context, from, horizon);
    expect(Array.from(changed)).toEqual(Array.from(forecast));
  });
});
