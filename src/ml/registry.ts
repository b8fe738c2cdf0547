/** The registry of forecasting models, by name. */
import { InputError } from "../errors.js";
import type { ForecastTaskKind, Model } from "./model.js";
import { calendarProfile } from "./models/calendar-profile.js";
import { gbt } from "./models/gbt.js";
import { gru } from "./models/gru.js";
import { hourlyRidge } from "./models/hourly-ridge.js";
import { mlp } from "./models/mlp.js";
import { ridge } from "./models/ridge.js";
import { seasonalNaive } from "./models/seasonal-naive.js";
import { vanillaBenchmark } from "./models/vanilla-benchmark.js";

const MODELS: readonly Model[] = [
  seasonalNaive(24),
  seasonalNaive(168),
  calendarProfile,
  vanillaBenchmark,
  ridge,
  hourlyRidge,
  gbt,
  mlp,
  gru,
];

/** Names of every registered model, in table order. */
export function modelNames(): string[] {
  return MODELS.map((m) => m.name);
}

/** Returns the model called `name`; unknown names raise InputError listing the known ones. */
export function getModel(name: string): Model {
  const model = MODELS.find((m) => m.name === name);
  if (!model) {
    throw new InputError(`unknown model: "${name}" (expected one of ${modelNames().join(", ")})`);
  }
  return model;
}

/** Returns the models for `names` (default: every model that supports `task`), checking support. */
export function modelsForTask(task: ForecastTaskKind, names?: readonly string[]): Model[] {
  if (!names || names.length === 0) return MODELS.filter((m) => m.tasks.includes(task));
  return names.map((name) => {
    const model = getModel(name);
    if (!model.tasks.includes(task)) {
      throw new InputError(
        `model does not support task ${task}: "${name}" (expected one of ${MODELS.filter((m) =>
          m.tasks.includes(task),
        )
          .map((m) => m.name)
          .join(", ")})`,
      );
    }
    return model;
  });
}
