/**
 * Gradient-boosted trees on the published PJME reference's calendar features (hour, weekday,
 * quarter, month, year, day of year; holiday flags; with temperature, the hour's temperature, its
 * 1 h and 3 h lags, trailing 24 h / 72 h means, the day's mean / max / min and the previous day's
 * mean):
 * an in-house peer of the XGBoost reference (1,000 trees, depth 3) run in the same backtest. The
 * tree count is chosen by early stopping on the last training year, never on the test period.
 */
import { ModelError } from "../../errors.js";
import type { NamedDesign } from "../features/calendar-features.js";
import { dayKinds } from "../features/day-kinds.js";
import { temperatureTable } from "../features/temperature-table.js";
import {
  fitBoostedTrees,
  predictBoostedTrees,
  type BoostedTrees,
  type BoostedTreesOptions,
} from "../gradient-boosting.js";
import type { HourlyGrid } from "../hourly-grid.js";
import { horizonRows, maskBeyondGrid } from "../horizon-rows.js";
import type { FitContext, FittedPointModel, Model, ModelState } from "../model.js";
import { HOURS_PER_YEAR, observedRows } from "../training-rows.js";

const DEFAULTS = { trees: 1000, depth: 3, learningRate: 0.01, l2: 1, minLeaf: 20, bins: 64 };

/** The gradient-boosted trees model (long-horizon only: calendar features). */
export const gbt: Model = {
  name: "gbt",
  description:
    "histogram gradient-boosted trees on hour, weekday, quarter, month, year, day of year and holiday flags (the published XGBoost reference's features), tree count by early stopping on the last training year",
  tasks: ["long-horizon"],
  usesTensorflow: false,
  fit: (grid, context) => Promise.resolve(fitGbtModel(grid, context)),
  restore: (state) => Promise.resolve(gbtFitted(state.json as GbtState)),
};

interface GbtState {
  model: BoostedTrees;
  features: string[];
  hyperparameters: Record<string, number>;
}

function fitGbtModel(grid: HourlyGrid, context: FitContext): FittedPointModel {
  const settings = settingsOf(context.options);
  const rows = observedRows(grid, 0, context.end);
  if (rows.length < 24 * 28) {
    throw new ModelError(
      `too little history for gbt: ${rows.length} hours (expected at least 672)`,
    );
  }
  const trees = context.hyperparameters?.trees ?? chooseTrees(grid, rows, context, settings);
  const model = fitBoostedTrees(gbtFeatures(grid, rows), targetsOf(grid, rows), {
    ...settings,
    trees,
  });
  return gbtFitted({
    model,
    features: gbtFeatureNames(grid.temperatureC !== undefined),
    hyperparameters: { ...settings, trees },
  });
}

/** Tree count with the lowest RMSE on the last training year (or quarter of the rows). */
function chooseTrees(
  grid: HourlyGrid,
  rows: Int32Array,
  context: FitContext,
  settings: BoostedTreesOptions,
): number {
  const cut = context.end - Math.min(HOURS_PER_YEAR, Math.floor(context.end / 4));
  const train = rows.filter((r) => r < cut);
  const validation = rows.filter((r) => r >= cut);
  const fitted = fitBoostedTrees(gbtFeatures(grid, train), targetsOf(grid, train), {
    ...settings,
    validation: { design: gbtFeatures(grid, validation), targets: targetsOf(grid, validation) },
  });
  const best = fitted.trees.length;
  context.logger.info(
    `gbt: ${best} trees by validation (RMSE ${Math.min(...fitted.validationRmse).toFixed(1)})`,
  );
  return best;
}

function settingsOf(options: Record<string, unknown>): typeof DEFAULTS {
  const out: Record<string, number> = { ...DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (!(key in DEFAULTS) || typeof value !== "number") {
      throw new ModelError(
        `invalid option for gbt: "${key}" (expected a number for one of ${Object.keys(DEFAULTS).join(", ")})`,
      );
    }
    out[key] = value;
  }
  return out as typeof DEFAULTS;
}

function gbtFitted(state: GbtState): FittedPointModel {
  return {
    hyperparameters: state.hyperparameters,
    features: state.features,
    predict: (grid, origins, horizon) => {
      const rows = horizonRows(grid, origins, horizon);
      const out = predictBoostedTrees(state.model, gbtFeatures(grid, rows));
      return maskBeyondGrid(grid, origins, horizon, out);
    },
    exportState: (): Promise<ModelState> => Promise.resolve({ json: state }),
    dispose: () => undefined,
  };
}

function targetsOf(grid: HourlyGrid, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => grid.loadMw[r]!);
}

/** The tree features of grid `rows` (plain numbers: trees need no one-hot encoding). */
export function gbtFeatures(grid: HourlyGrid, rows: Int32Array): NamedDesign {
  const table = temperatureTable(grid);
  const names = gbtFeatureNames(table !== undefined);
  const cols = names.length;
  const x = new Float64Array(rows.length * cols);
  const kinds = dayKinds(grid.calendar);
  const { hour, weekday, month, year, dayOfYear } = grid.calendar;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const values = [
      hour[i]!,
      weekday[i]!,
      Math.ceil(month[i]! / 3),
      month[i]!,
      year[i]!,
      dayOfYear[i]!,
      kinds.holiday(i),
      kinds.dayBeforeHoliday(i),
      kinds.dayAfterHoliday(i),
    ];
    if (table) {
      values.push(
        table.hourly[i]!,
        table.hourly[Math.max(0, i - 1)]!,
        table.hourly[Math.max(0, i - 3)]!,
        table.mean24[i]!,
        table.mean72[i]!,
        table.dayMean[i]!,
        table.dayMax[i]!,
        table.dayMin[i]!,
        table.previousDayMean[i]!,
      );
    }
    x.set(values, r * cols);
  }
  return { x, rows: rows.length, cols, names };
}

function gbtFeatureNames(withTemperature: boolean): string[] {
  const names = ["hour", "weekday", "quarter", "month", "year", "dayOfYear"];
  names.push("holiday", "dayBeforeHoliday", "dayAfterHoliday");
  if (withTemperature) {
    names.push("temperatureC", "temperatureC_t-1", "temperatureC_t-3");
    names.push("temperatureMean24h", "temperatureMean72h");
    names.push("dayTemperatureMean", "dayTemperatureMax", "dayTemperatureMin");
    names.push("previousDayTemperatureMean");
  }
  return names;
}
