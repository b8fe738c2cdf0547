/**
 * The ridge's hyperparameters, chosen by RMSE on the last year of the training rows (or its last
 * quarter): the penalty, and long-horizon the training window and how many recent years set the
 * level; day-ahead the seasonal bandwidth.
 */
import type { NamedDesign } from "./features/calendar-features.js";
import type { HourlyGrid } from "./hourly-grid.js";
import type { FitContext } from "./model.js";
import { rootMeanSquaredError } from "./metrics.js";
import { predictRidge, ridgeStats, solveRidge } from "./ridge-regression.js";
import {
  copyLeadingColumns,
  ridgeTrainingData,
  withLevels,
  type TrainingData,
} from "./ridge-training-data.js";
import {
  isGlobalOnly,
  predictSeasonalRidge,
  seasonalRidgeStats,
  solveSeasonalRidge,
} from "./seasonal-ridge.js";
import { HOURS_PER_YEAR, windowStart } from "./training-rows.js";

const LAMBDAS = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1];
const LEVEL_YEARS = [1, 2, 3, 0];
const WINDOWS_YEARS = [3, 6, 0];

/** Penalty (and long-horizon window) with the lowest RMSE on the last training year (or quarter). */
export function chooseHyperparameters(
  grid: HourlyGrid,
  context: FitContext,
  seasonBandwidths: readonly number[],
): Record<string, number> {
  const validationStart = context.end - Math.min(HOURS_PER_YEAR, Math.floor(context.end / 4));
  const validation = ridgeTrainingData(grid, context, validationStart, context.end);
  if (validation.daysOfYear) {
    return chooseDayAhead(grid, context, validationStart, validation, seasonBandwidths);
  }
  let best: Record<string, number> = { lambda: 1e-3, trainYears: 0 };
  let bestRmse = Infinity;
  const plain = withoutLevels(validation.design);
  const starts = new Set<number>();
  for (const years of WINDOWS_YEARS) {
    const start = windowStart(validationStart, years);
    // a window longer than the history repeats an earlier one: the same scores can never win
    if (starts.has(start)) continue;
    starts.add(start);
    const train = ridgeTrainingData(grid, context, start, validationStart);
    const stats = ridgeStats(train.design, train.targets, train.outputs);
    // built once per window, not per penalty: on years of hourly rows they dominate the search
    const designs = (train.periods === undefined ? [0] : LEVEL_YEARS).map((levelYears) => ({
      levelYears,
      design:
        train.periods === undefined
          ? validation.design
          : validationLevels(plain, train.periods, levelYears),
    }));
    for (const lambda of LAMBDAS) {
      const fit = solveRidge(stats, lambda);
      for (const { levelYears, design } of designs) {
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
  const train = ridgeTrainingData(grid, context, 0, validationStart);
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

/** The validation design without its level columns (the calendar and weather features only). */
function withoutLevels(design: NamedDesign): NamedDesign {
  const base = calendarWidth(design);
  if (base < 0) return design;
  return {
    x: copyLeadingColumns(design, base, base),
    rows: design.rows,
    cols: base,
    names: design.names.slice(0, base),
  };
}

/** The validation design (without levels) with the forecast weights of `levelYears` appended. */
function validationLevels(plain: NamedDesign, periods: number, levelYears: number): NamedDesign {
  const recent = Math.min(levelYears, periods) || periods;
  return withLevels(plain, () => -1, periods, recent);
}

function calendarWidth(design: NamedDesign): number {
  return design.names.findIndex((n) => n.startsWith("level_year-"));
}
