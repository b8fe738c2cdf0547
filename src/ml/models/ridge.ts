/**
 * Ridge regression, closed form. Long-horizon: hourly calendar features (hour × day type,
 * day-of-year harmonics and their hour interactions, holiday flags). Day-ahead: the last 48 h,
 * the same day one and two weeks earlier, daily means and calendar dummies, all relative to the
 * origin's level (mean of the last 24 h), with 24 outputs that are ratios to that level (a
 * multiplicative model: one set of coefficients serves every season and year). The penalty (and, for
 * long-horizon, the training window) is chosen on the last year of the training rows.
 */
import { chooseHyperparameters } from "../choose-ridge-hyperparameters.js";
import { ModelError } from "../../errors.js";
import { calendarFeatures } from "../features/calendar-features.js";
import { dayAheadFeatures, dayAheadLevels } from "../features/day-ahead-features.js";
import type { HourlyGrid } from "../hourly-grid.js";
import type { FitContext, FittedPointModel, Model, ModelState } from "../model.js";
import { predictRidge, ridgeStats, solveRidge, type RidgeFit } from "../ridge-regression.js";
import { originDaysOfYear, ridgeTrainingData, withLevels } from "../ridge-training-data.js";
import {
  predictSeasonalRidge,
  seasonalRidgeStats,
  solveSeasonalRidge,
  type SeasonalRidgeFit,
} from "../seasonal-ridge.js";
import { windowStart } from "../training-rows.js";

/** day-ahead: bandwidths (days) of the seasonal kernel; 0 = one global ridge */
const SEASON_BANDWIDTHS = [0, 10, 20, 40];

/** The ridge model (features depend on the task). */
export const ridge: Model = {
  name: "ridge",
  description:
    "closed-form ridge regression: calendar features (long-horizon) or last 48 h, same day 1 and 2 weeks earlier and calendar dummies relative to the last day's mean, 24 outputs as ratios to it, one ridge per season weighted by day-of-year distance (day-ahead)",
  tasks: ["long-horizon", "day-ahead"],
  usesTensorflow: false,
  fit: (grid, context) => Promise.resolve(fitRidgeModel(grid, context)),
  restore: (state) => Promise.resolve(ridgeFitted(state.json as RidgeState)),
};

interface RidgeState {
  task: FitContext["task"];
  /** long-horizon (and day-ahead states saved before seasonal fits) */
  fit?: RidgeFit;
  /** day-ahead: one ridge per season */
  seasonal?: SeasonalRidgeFit;
  /** long-horizon: yearly level columns (P) and how many recent ones set the forecast level */
  levels?: { periods: number; recent: number };
  features: string[];
  hyperparameters: Record<string, number>;
}

/**
 * Fits the task's ridge regression on grid rows [0, context.end); day-ahead, validation picks the
 * seasonal bandwidth among `seasonBandwidths` (0 = one global ridge).
 */
export function fitRidgeModel(
  grid: HourlyGrid,
  context: FitContext,
  seasonBandwidths: readonly number[] = SEASON_BANDWIDTHS,
): FittedPointModel {
  const chosen = context.hyperparameters ?? chooseHyperparameters(grid, context, seasonBandwidths);
  const lambda = chosen.lambda ?? 1e-3;
  const years = chosen.trainYears ?? 0;
  const data = ridgeTrainingData(grid, context, windowStart(context.end, years), context.end);
  const state: RidgeState = {
    task: context.task,
    features: data.design.names,
    hyperparameters: { lambda, trainYears: years },
  };
  if (data.daysOfYear) {
    const bandwidth = chosen.seasonBandwidthDays ?? 0;
    const stats = seasonalRidgeStats(
      data.design,
      data.targets,
      data.outputs,
      data.daysOfYear,
      bandwidth,
    );
    state.seasonal = solveSeasonalRidge(stats, lambda);
    state.hyperparameters.seasonBandwidthDays = bandwidth;
  } else {
    state.fit = solveRidge(ridgeStats(data.design, data.targets, data.outputs), lambda);
  }
  if (data.periods !== undefined) {
    const recent = Math.min(chosen.levelYears ?? 0, data.periods) || data.periods;
    state.levels = { periods: data.periods, recent };
    state.hyperparameters.levelYears = chosen.levelYears ?? 0;
  }
  return ridgeFitted(state);
}

function ridgeFitted(state: RidgeState): FittedPointModel {
  return {
    hyperparameters: state.hyperparameters,
    features: state.features,
    predict: (grid, origins, horizon) => predictRidgeModel(state, grid, origins, horizon),
    exportState: (): Promise<ModelState> => Promise.resolve({ json: state }),
    dispose: () => undefined,
  };
}

/** Point forecasts of a fitted ridge state. */
function predictRidgeModel(
  state: RidgeState,
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
): Float64Array {
  if (state.task === "day-ahead") {
    const seasonal = state.seasonal ?? { bandwidthDays: 0, fits: state.fit ? [state.fit] : [] };
    const k = seasonal.fits[0]?.k ?? 0;
    if (horizon > k) {
      throw new ModelError(`ridge horizon too long: ${horizon} steps (fitted for ${k})`);
    }
    const all = predictSeasonalRidge(
      seasonal,
      dayAheadFeatures(grid, origins),
      originDaysOfYear(grid, origins),
    );
    const levels = dayAheadLevels(grid, origins);
    const out = new Float64Array(origins.length * horizon);
    for (let r = 0; r < origins.length; r++) {
      for (let h = 0; h < horizon; h++) out[r * horizon + h] = all[r * k + h]! * levels[r]!;
    }
    return out;
  }
  return predictHourly(state, grid, origins, horizon);
}

/**
 * Day-ahead forecasts for stacking: each training origin is forecast by a ridge (with the given
 * hyperparameters) fitted WITHOUT its own contiguous block of the training rows (`folds` blocks),
 * so a model trained on the ridge's residuals sees out-of-sample residuals, as it will in use.
 * Origins at or after `context.end` get the ridge fitted on every block but the last.
 */
export function crossFittedRidge(
  grid: HourlyGrid,
  context: FitContext,
  hyperparameters: Record<string, number>,
  folds = 5,
): FittedPointModel["predict"] {
  const data = ridgeTrainingData(grid, context, 0, context.end);
  const origins = data.origins!;
  const blockOf = (o: number): number =>
    Math.min(folds - 1, Math.max(0, Math.floor((o * folds) / context.end)));
  const fits: SeasonalRidgeFit[] = [];
  for (let b = 0; b < folds; b++) {
    const keep = Float64Array.from(origins, (o) => (blockOf(o) === b ? 0 : 1));
    const stats = seasonalRidgeStats(
      data.design,
      data.targets,
      data.outputs,
      data.daysOfYear!,
      hyperparameters.seasonBandwidthDays ?? 0,
      keep,
    );
    fits.push(solveSeasonalRidge(stats, hyperparameters.lambda ?? 1e-3));
  }
  return (onGrid, at, horizon) => {
    const out = new Float64Array(at.length * horizon);
    for (let b = 0; b < folds; b++) {
      const mine = Int32Array.from(Array.from(at).filter((o) => blockOf(o) === b));
      if (mine.length === 0) continue;
      const state: RidgeState = {
        task: "day-ahead",
        seasonal: fits[b]!,
        features: [],
        hyperparameters,
      };
      const predicted = predictRidgeModel(state, onGrid, mine, horizon);
      let i = 0;
      for (let r = 0; r < at.length; r++) {
        if (blockOf(at[r]!) !== b) continue;
        out.set(predicted.subarray(i * horizon, (i + 1) * horizon), r * horizon);
        i++;
      }
    }
    return out;
  };
}

function predictHourly(
  state: RidgeState,
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
): Float64Array {
  const rows = new Int32Array(origins.length * horizon);
  for (let r = 0; r < origins.length; r++) {
    for (let h = 0; h < horizon; h++)
      rows[r * horizon + h] = Math.min(grid.length - 1, origins[r]! + h);
  }
  const design = calendarFeatures(grid, rows);
  const levels = state.levels;
  if (!state.fit) throw new ModelError("ridge state has no fit (expected a long-horizon fit)");
  const out = predictRidge(
    state.fit,
    levels ? withLevels(design, () => -1, levels.periods, levels.recent) : design,
  );
  for (let r = 0; r < rows.length; r++) {
    if (origins[Math.floor(r / horizon)]! + (r % horizon) >= grid.length) out[r] = NaN;
  }
  return out;
}
