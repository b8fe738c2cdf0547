/**
 * Ridge regression, closed form. Long-horizon: hourly calendar features (hour × day type,
 * day-of-year harmonics and their hour interactions, holiday flags). Day-ahead: the last 48 h,
 * the same day one and two weeks earlier, daily means and calendar dummies, all relative to the
 * origin's level (mean of the last 24 h), with 24 outputs that are ratios to that level (a
 * multiplicative model: one set of coefficients serves every season and year). The penalty (and, for
 * long-horizon, the training window) is chosen on the last year of the training rows.
 */
import { ModelError } from "../../errors.js";
import { calendarFeatures, type NamedDesign } from "../features/calendar-features.js";
import {
  dayAheadFeatures,
  dayAheadLevels,
  horizonTargets,
} from "../features/day-ahead-features.js";
import type { HourlyGrid } from "../hourly-grid.js";
import type { FitContext, FittedPointModel, Model, ModelState } from "../model.js";
import { rootMeanSquaredError } from "../metrics.js";
import { predictRidge, ridgeStats, solveRidge, type RidgeFit } from "../ridge-regression.js";
import {
  isGlobalOnly,
  predictSeasonalRidge,
  seasonalRidgeStats,
  solveSeasonalRidge,
  type SeasonalRidgeFit,
} from "../seasonal-ridge.js";
import { dayAheadOrigins, HOURS_PER_YEAR, observedRows, windowStart } from "../training-rows.js";

const LAMBDAS = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1];
const LEVEL_YEARS = [1, 2, 3, 0];
const WINDOWS_YEARS = [3, 6, 0];
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
  const data = trainingData(grid, context, windowStart(context.end, years), context.end);
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
  const data = trainingData(grid, context, 0, context.end);
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

/** Local day of the year of each origin (the first forecast day). */
function originDaysOfYear(grid: HourlyGrid, origins: Int32Array): Int32Array {
  return Int32Array.from(origins, (o) => grid.calendar.dayOfYear[o]!);
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

interface TrainingData {
  design: NamedDesign;
  targets: Float64Array;
  outputs: number;
  /** long-horizon: number of yearly level columns */
  periods?: number;
  /** day-ahead: the origins and each one's day of the year (for the seasonal ridges) */
  origins?: Int32Array;
  daysOfYear?: Int32Array;
}

/**
 * Appends one level column per year counted back from the training end (column 0 = the last
 * year). Training rows get a one-hot (`periodOf(r)`); forecasts (`periodOf` → −1) get 1/recent on
 * the `recent` latest years, so the forecast level follows recent years rather than the average.
 */
function withLevels(
  design: NamedDesign,
  periodOf: (r: number) => number,
  periods: number,
  recent: number,
): NamedDesign {
  const cols = design.cols + periods;
  const x = new Float64Array(design.rows * cols);
  for (let r = 0; r < design.rows; r++) {
    x.set(design.x.subarray(r * design.cols, (r + 1) * design.cols), r * cols);
    const p = periodOf(r);
    if (p >= 0) x[r * cols + design.cols + p] = 1;
    else for (let q = 0; q < recent; q++) x[r * cols + design.cols + q] = 1 / recent;
  }
  const names = [
    ...design.names,
    ...Array.from({ length: periods }, (_, p) => `level_year-${p + 1}`),
  ];
  return { x, rows: design.rows, cols, names };
}

function trainingData(
  grid: HourlyGrid,
  context: FitContext,
  start: number,
  end: number,
): TrainingData {
  if (context.task === "day-ahead") {
    const origins = dayAheadOrigins(grid, start, end, context.horizon);
    if (origins.length < 14) {
      throw new ModelError(
        `too little history for day-ahead ridge: ${origins.length} complete days before the origin (expected at least 14 after one week of history)`,
      );
    }
    // targets relative to each origin's level, like the load features
    const targets = horizonTargets(grid, origins, context.horizon);
    const levels = dayAheadLevels(grid, origins);
    for (let k = 0; k < targets.length; k++)
      targets[k] = targets[k]! / levels[Math.floor(k / context.horizon)]!;
    return {
      design: dayAheadFeatures(grid, origins),
      targets,
      outputs: context.horizon,
      origins,
      daysOfYear: originDaysOfYear(grid, origins),
    };
  }
  const rows = observedRows(grid, start, end);
  if (rows.length < 24 * 28) {
    throw new ModelError(
      `too little history for ridge: ${rows.length} hours (expected at least 672)`,
    );
  }
  const targets = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) targets[r] = grid.loadMw[rows[r]!]!;
  const periods = Math.max(1, Math.floor((end - Math.max(0, start)) / HOURS_PER_YEAR));
  const periodOf = (r: number): number =>
    Math.min(periods - 1, Math.floor((end - 1 - rows[r]!) / HOURS_PER_YEAR));
  return {
    design: withLevels(calendarFeatures(grid, rows), periodOf, periods, 1),
    targets,
    outputs: 1,
    periods,
  };
}

/** Penalty (and long-horizon window) with the lowest RMSE on the last training year (or quarter). */
function chooseHyperparameters(
  grid: HourlyGrid,
  context: FitContext,
  seasonBandwidths: readonly number[],
): Record<string, number> {
  const validationStart = context.end - Math.min(HOURS_PER_YEAR, Math.floor(context.end / 4));
  const validation = trainingData(grid, context, validationStart, context.end);
  if (validation.daysOfYear) {
    return chooseDayAhead(grid, context, validationStart, validation, seasonBandwidths);
  }
  let best: Record<string, number> = { lambda: 1e-3, trainYears: 0 };
  let bestRmse = Infinity;
  for (const years of WINDOWS_YEARS) {
    const train = trainingData(grid, context, windowStart(validationStart, years), validationStart);
    const stats = ridgeStats(train.design, train.targets, train.outputs);
    for (const lambda of LAMBDAS) {
      const fit = solveRidge(stats, lambda);
      for (const levelYears of train.periods === undefined ? [0] : LEVEL_YEARS) {
        const design =
          train.periods === undefined
            ? validation.design
            : validationLevels(validation.design, train.periods, levelYears);
        const rmse = rootMeanSquaredError(validation.targets, predictRidge(fit, design));
        context.logger.debug(
          `ridge validation: trainYears=${years} lambda=${lambda} levelYears=${levelYears} rmse=${rmse.toFixed(1)}`,
        );
        if (rmse < bestRmse) {
          bestRmse = rmse;
          best = { lambda, trainYears: years, levelYears };
        }
      }
    }
  }
  return best;
}

/** Day-ahead penalty and seasonal bandwidth with the lowest RMSE (of ratios) on the validation rows. */
function chooseDayAhead(
  grid: HourlyGrid,
  context: FitContext,
  validationStart: number,
  validation: TrainingData,
  seasonBandwidths: readonly number[],
): Record<string, number> {
  const train = trainingData(grid, context, 0, validationStart);
  let best: Record<string, number> = { lambda: 1e-3, trainYears: 0, seasonBandwidthDays: 0 };
  let bestRmse = Infinity;
  for (const bandwidth of seasonBandwidths) {
    const stats = seasonalRidgeStats(
      train.design,
      train.targets,
      train.outputs,
      train.daysOfYear!,
      bandwidth,
    );
    // too few rows per season for this bandwidth: every season is the global ridge already tried
    if (bandwidth > 0 && seasonBandwidths.includes(0) && isGlobalOnly(stats)) continue;
    for (const lambda of LAMBDAS) {
      const fit = solveSeasonalRidge(stats, lambda);
      const predicted = predictSeasonalRidge(fit, validation.design, validation.daysOfYear!);
      const rmse = rootMeanSquaredError(validation.targets, predicted);
      context.logger.debug(
        `ridge validation: seasonBandwidthDays=${bandwidth} lambda=${lambda} rmse=${rmse.toFixed(5)}`,
      );
      if (rmse < bestRmse) {
        bestRmse = rmse;
        best = { lambda, trainYears: 0, seasonBandwidthDays: bandwidth };
      }
    }
  }
  return best;
}

/** The validation design with its own level columns replaced by the forecast weights. */
function validationLevels(design: NamedDesign, periods: number, levelYears: number): NamedDesign {
  const base = design.cols - (design.cols - calendarWidth(design));
  const plain: NamedDesign = {
    x: new Float64Array(design.rows * base),
    rows: design.rows,
    cols: base,
    names: design.names.slice(0, base),
  };
  for (let r = 0; r < design.rows; r++) {
    plain.x.set(design.x.subarray(r * design.cols, r * design.cols + base), r * base);
  }
  const recent = Math.min(levelYears, periods) || periods;
  return withLevels(plain, () => -1, periods, recent);
}

function calendarWidth(design: NamedDesign): number {
  return design.names.findIndex((n) => n.startsWith("level_year-"));
}
