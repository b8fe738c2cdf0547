/**
 * Seasonal naive: each step repeats the latest value one (or more) seasons earlier that lies
 * before the origin — y[o + h − m·⌈(h + 1)/m⌉]. For long horizons it repeats the last season.
 */
import type { HourlyGrid } from "../hourly-grid.js";
import type { FittedPointModel, Model } from "../model.js";

/** Returns the seasonal naive model with season `period` hours (24 or 168). */
export function seasonalNaive(period: number): Model {
  const fitted = (): FittedPointModel => ({
    hyperparameters: { period },
    features: [`load_t-${period}`],
    predict: (grid, origins, horizon) => predictSeasonal(grid, origins, horizon, period),
    exportState: () => Promise.resolve({ json: { period } }),
    dispose: () => undefined,
  });
  return {
    name: `seasonal-naive-${period}`,
    description: `repeats the load ${period} hours earlier (the last season before the origin)`,
    tasks: ["long-horizon", "day-ahead"],
    usesTensorflow: false,
    fit: () => Promise.resolve(fitted()),
    restore: () => Promise.resolve(fitted()),
  };
}

function predictSeasonal(
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
  period: number,
): Float64Array {
  const out = new Float64Array(origins.length * horizon);
  for (let r = 0; r < origins.length; r++) {
    const o = origins[r]!;
    for (let h = 0; h < horizon; h++) {
      const source = o + h - period * Math.ceil((h + 1) / period);
      out[r * horizon + h] = source >= 0 ? grid.filledMw[source]! : NaN;
    }
  }
  return out;
}
