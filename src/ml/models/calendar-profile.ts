/**
 * Calendar profile: the training mean load by local (month, weekday, hour); cells never seen in
 * training fall back to the mean by hour.
 */
import { ModelError } from "../../errors.js";
import type { HourlyGrid } from "../hourly-grid.js";
import type { FittedPointModel, Model } from "../model.js";

const CELLS = 12 * 7 * 24;

/** The calendar-profile model. */
export const calendarProfile: Model = {
  name: "calendar-profile",
  description: "mean load by local month × weekday × hour of the training period",
  tasks: ["long-horizon", "day-ahead"],
  usesTensorflow: false,
  fit: (grid, context) => Promise.resolve(fitted(profileOf(grid, context.end))),
  restore: (state) => Promise.resolve(fitted((state.json as { profile: number[] }).profile)),
};

function fitted(profile: number[]): FittedPointModel {
  return {
    hyperparameters: {},
    features: ["month", "weekday", "hour"],
    predict: (grid, origins, horizon) => {
      const out = new Float64Array(origins.length * horizon);
      for (let r = 0; r < origins.length; r++) {
        for (let h = 0; h < horizon; h++) {
          const i = origins[r]! + h;
          out[r * horizon + h] = i < grid.length ? profile[cellOf(grid, i)]! : NaN;
        }
      }
      return out;
    },
    exportState: () => Promise.resolve({ json: { profile } }),
    dispose: () => undefined,
  };
}

function profileOf(grid: HourlyGrid, end: number): number[] {
  const sum = new Float64Array(CELLS);
  const count = new Float64Array(CELLS);
  const hourSum = new Float64Array(24);
  const hourCount = new Float64Array(24);
  for (let i = 0; i < end; i++) {
    const y = grid.loadMw[i]!;
    if (!Number.isFinite(y)) continue;
    const cell = cellOf(grid, i);
    sum[cell]! += y;
    count[cell]! += 1;
    hourSum[grid.calendar.hour[i]!]! += y;
    hourCount[grid.calendar.hour[i]!]! += 1;
  }
  if (count.every((c) => c === 0)) {
    throw new ModelError(`calendar-profile has no training rows: end row ${end} (expected data)`);
  }
  return Array.from(sum, (s, cell) => {
    if (count[cell]! > 0) return s / count[cell]!;
    const hour = cell % 24;
    return hourCount[hour]! > 0 ? hourSum[hour]! / hourCount[hour]! : NaN;
  });
}

function cellOf(grid: HourlyGrid, i: number): number {
  const c = grid.calendar;
  return ((c.month[i]! - 1) * 7 + c.weekday[i]!) * 24 + c.hour[i]!;
}
