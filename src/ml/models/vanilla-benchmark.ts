/**
 * Tao Hong's "vanilla" benchmark as a named reference model: ordinary least squares on a linear
 * trend, month, weekday × hour and the cubic polynomial of the hour's temperature, alone and
 * interacted with month and with hour (vanilla-features.ts). Both tasks use the same hourly
 * regression (day-ahead it reads no load history: the day's observed temperatures, ex post).
 * Without temperature it is the calendar part alone.
 */
import { ModelError } from "../../errors.js";
import { vanillaFeatureNames, vanillaFeatures } from "../features/vanilla-features.js";
import { horizonRows, maskBeyondGrid } from "../horizon-rows.js";
import type { HourlyGrid } from "../hourly-grid.js";
import type { FitContext, FittedPointModel, Model, ModelState } from "../model.js";
import { predictRidge, ridgeStats, solveRidge, type RidgeFit } from "../ridge-regression.js";
import { observedRows } from "../training-rows.js";

/** Relative penalty: least squares in effect, only enough to resolve the one-hot collinearity. */
const LAMBDA = 1e-7;

/** The vanilla benchmark model. */
export const vanillaBenchmark: Model = {
  name: "vanilla-benchmark",
  description:
    "Tao Hong's vanilla benchmark: least squares on trend, month, weekday × hour and temperature, temperature², temperature³ (each also × month and × hour)",
  tasks: ["long-horizon", "day-ahead"],
  usesTensorflow: false,
  fit: (grid, context) => Promise.resolve(fitVanilla(grid, context)),
  restore: (state) => Promise.resolve(vanillaFitted(state.json as VanillaState)),
};

interface VanillaState {
  fit: RidgeFit;
  features: string[];
}

function fitVanilla(grid: HourlyGrid, context: FitContext): FittedPointModel {
  const rows = observedRows(grid, 0, context.end);
  if (rows.length < 24 * 7 * 4) {
    throw new ModelError(
      `too little history for vanilla-benchmark: ${rows.length} hours (expected at least 672)`,
    );
  }
  const design = vanillaFeatures(grid, rows);
  const targets = Float64Array.from(rows, (r) => grid.loadMw[r]!);
  const fit = solveRidge(ridgeStats(design, targets, 1), LAMBDA);
  return vanillaFitted({ fit, features: vanillaFeatureNames(grid.temperatureC !== undefined) });
}

function vanillaFitted(state: VanillaState): FittedPointModel {
  return {
    hyperparameters: {},
    features: state.features,
    predict: (grid, origins, horizon) => {
      const design = vanillaFeatures(grid, horizonRows(grid, origins, horizon));
      if (design.cols !== state.fit.p) {
        throw new ModelError(
          `vanilla-benchmark grid does not match the fit: ${design.cols} columns (expected ${state.fit.p}; a model fitted with temperature needs it to forecast, and without it cannot use it)`,
        );
      }
      return maskBeyondGrid(grid, origins, horizon, predictRidge(state.fit, design));
    },
    exportState: (): Promise<ModelState> => Promise.resolve({ json: state }),
    dispose: () => undefined,
  };
}
