/**
 * The hourly ridge (long-horizon): the average of two ridges fitted separately for each local
 * hour of the day — one per hour, and one per hour and twelfth of the year (seasonal kernel,
 * 20 days) — on weekday, holiday (one column per named holiday), day-of-year and, with weather,
 * the temperature recency block (temperature-recency.ts), with yearly levels and training rows
 * weighted by recency (half-life 2 years). Each member's penalty and level years are chosen on
 * the last training year; the penalty is kept per weighted training row when refitting on more
 * rows, so a refit on four years is not shrunk as hard as the choice on two.
 */
import { ModelError } from "../../errors.js";
import {
  holidaysIn,
  hourlyRidgeFeatureNames,
  hourlyRidgeFeatures,
  type HourlyRidgeDesign,
} from "../features/hourly-ridge-features.js";
import {
  hourRidgeStats,
  predictHourRidge,
  solveHourRidge,
  type HourRidgeFit,
} from "../hour-of-day-ridge.js";
import type { HourlyGrid } from "../hourly-grid.js";
import { horizonRows, maskBeyondGrid } from "../horizon-rows.js";
import { rootMeanSquaredError } from "../metrics.js";
import type { FitContext, FittedPointModel, Model, ModelState } from "../model.js";
import { HOURS_PER_YEAR, observedRows } from "../training-rows.js";

/** Bandwidths of the two members, days (0 = one ridge per hour for the whole year). */
const MEMBERS = [0, 20];
const LAMBDAS = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1];
const LEVEL_YEARS = [1, 2, 3, 0];
const HALF_LIFE_YEARS = 2;
const MIN_HOURS = 24 * 28;

/** The hourly ridge model. */
export const hourlyRidge: Model = {
  name: "hourly-ridge",
  description:
    "ridge regressions per local hour of the day (and per hour and season), averaged: weekday, named holidays, day-of-year harmonics and the temperature recency block (hour, 3 h lag, 24 h / 72 h means, the day's and the previous day's mean, max, min), yearly levels, recent years weighted up",
  tasks: ["long-horizon"],
  usesTensorflow: false,
  fit: (grid, context) => Promise.resolve(fitHourlyRidge(grid, context)),
  restore: (state) => Promise.resolve(hourlyRidgeFitted(state.json as HourlyRidgeState)),
};

interface HourlyRidgeState {
  holidays: string[];
  features: string[];
  members: HourRidgeFit[];
  hyperparameters: Record<string, number>;
}

function fitHourlyRidge(grid: HourlyGrid, context: FitContext): FittedPointModel {
  const rows = observedRows(grid, 0, context.end);
  if (rows.length < MIN_HOURS) {
    throw new ModelError(
      `too little history for hourly-ridge: ${rows.length} hours (expected at least ${MIN_HOURS})`,
    );
  }
  const holidays = holidaysIn(grid, rows);
  const design = hourlyRidgeFeatures(grid, holidays);
  const validationStart = context.end - Math.min(HOURS_PER_YEAR, Math.floor(context.end / 4));
  const chosen =
    context.hyperparameters ??
    chooseHyperparameters(
      grid,
      design,
      validationStart,
      observedRows(grid, validationStart, context.end),
    );
  const members = MEMBERS.map((bandwidthDays, m) => {
    const stats = hourRidgeStats(grid, design, context.end, {
      bandwidthDays,
      halfLifeYears: HALF_LIFE_YEARS,
    });
    const lambda = (chosen[`penalty${m}`] ?? 1) / stats.weightedRows;
    return solveHourRidge(stats, lambda, chosen[`levelYears${m}`] ?? 1);
  });
  return hourlyRidgeFitted({
    holidays,
    features: hourlyRidgeFeatureNames(holidays, grid.temperatureC !== undefined),
    members,
    hyperparameters: chosen,
  });
}

/**
 * Per member, the penalty and level years with the lowest RMSE on `validation` rows, fitted on
 * the rows before `trainEnd`; the penalty is returned per weighted training row (`penalty<m>`).
 */
function chooseHyperparameters(
  grid: HourlyGrid,
  design: HourlyRidgeDesign,
  trainEnd: number,
  validation: Int32Array,
): Record<string, number> {
  const before = observedRows(grid, 0, trainEnd).length;
  if (before < MIN_HOURS) {
    throw new ModelError(
      `too little history for hourly-ridge validation: ${before} hours before the held-out year (expected at least ${MIN_HOURS})`,
    );
  }
  const actual = Float64Array.from(validation, (i) => grid.loadMw[i]!);
  const chosen: Record<string, number> = {
    seasonBandwidthDays: MEMBERS[1]!,
    halfLifeYears: HALF_LIFE_YEARS,
  };
  MEMBERS.forEach((bandwidthDays, m) => {
    const stats = hourRidgeStats(grid, design, trainEnd, {
      bandwidthDays,
      halfLifeYears: HALF_LIFE_YEARS,
    });
    let best = Infinity;
    for (const lambda of LAMBDAS) {
      for (const levelYears of LEVEL_YEARS) {
        const fit = solveHourRidge(stats, lambda, levelYears);
        const rmse = rootMeanSquaredError(actual, predictHourRidge(fit, grid, design, validation));
        if (!(rmse < best)) continue;
        best = rmse;
        chosen[`penalty${m}`] = lambda * stats.weightedRows;
        chosen[`levelYears${m}`] = levelYears;
      }
    }
  });
  return chosen;
}

function hourlyRidgeFitted(state: HourlyRidgeState): FittedPointModel {
  const predict = (grid: HourlyGrid, origins: Int32Array, horizon: number): Float64Array => {
    const design = hourlyRidgeFeatures(grid, state.holidays);
    const columns = hourlyRidgeFeatureNames(state.holidays, grid.temperatureC !== undefined).length;
    if (columns !== state.features.length) {
      throw new ModelError(
        `hourly-ridge grid does not match the fit: ${columns} columns (expected ${state.features.length}; a model fitted with temperature needs it to forecast, and without it cannot use it)`,
      );
    }
    const rows = horizonRows(grid, origins, horizon);
    const out = new Float64Array(rows.length);
    for (const member of state.members) {
      const forecast = predictHourRidge(member, grid, design, rows);
      for (let k = 0; k < out.length; k++) out[k]! += forecast[k]! / state.members.length;
    }
    return maskBeyondGrid(grid, origins, horizon, out);
  };
  return {
    hyperparameters: state.hyperparameters,
    features: state.features,
    predict,
    // re-chosen on the held-out calibration block, fitted on the rows before it
    tuneOnHeldOut: (grid, origins, horizon) => {
      const start = origins[0] ?? 0;
      const end = Math.min(grid.length, start + horizon);
      const design = hourlyRidgeFeatures(grid, state.holidays);
      return chooseHyperparameters(grid, design, start, observedRows(grid, start, end));
    },
    exportState: (): Promise<ModelState> => Promise.resolve({ json: state }),
    dispose: () => undefined,
  };
}
