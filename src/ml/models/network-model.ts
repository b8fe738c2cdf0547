/**
 * The shared TensorFlow.js model: a seeded ensemble of small networks that learn the residual
 * of a global ridge baseline (daily 24-hour residual profiles for long-horizon, 24 outputs per
 * origin for day-ahead, relative to each origin's level so that an absolute-error loss tracks
 * MAPE; the day-ahead inputs are the ridge's relative features, the log level, the ridge's own
 * forecast and its error on the last day, and the seasonal ridge's forecast, all relative to the
 * level). Day-ahead, the ridge forecasts of the training days are made out of fold (by ridges
 * fitted without that block of years), so the networks learn from errors like the ones they will
 * meet. Inputs are standardised on training rows; epochs are chosen by early stopping on the
 * last year of the training rows, and a refit reuses them. `mlp` and `gru` differ only in the
 * network they build.
 */
import { fitNetworkMembers } from "../fit-network-members.js";
import type { HourlyGrid } from "../hourly-grid.js";
import type { FittedPointModel, Model } from "../model.js";
import { forecastParts, heldOutWeight } from "../network-forecast.js";
import { exportMembers, restoreMembers } from "../network-members.js";
import type { Members, NetworkSpec } from "../network-spec.js";

export type { NetworkSettings, NetworkSpec } from "../network-spec.js";

/** Returns a Model that trains `spec`'s network on ridge residuals. */
export function networkModel(spec: NetworkSpec): Model {
  return {
    name: spec.name,
    description: spec.description,
    tasks: spec.tasks,
    usesTensorflow: true,
    fit: async (grid, context) => fitted(spec, await fitNetworkMembers(spec, grid, context)),
    restore: async (state) => fitted(spec, await restoreMembers(state)),
  };
}

function fitted(spec: NetworkSpec, members: Members): FittedPointModel {
  const { state, nets, baseline, seasonal } = members;
  return {
    hyperparameters: state.hyperparameters,
    features: spec.sequence
      ? [...state.features, `load_sequence_t-${spec.sequence}..t-1/level`]
      : state.features,
    predict: (grid, origins, horizon) => predictMembers(spec, members, grid, origins, horizon),
    tuneOnHeldOut: (grid, origins, horizon) => heldOutWeight(spec, members, grid, origins, horizon),
    exportState: () => exportMembers(state, nets),
    dispose: () => {
      for (const net of nets) net.dispose();
      baseline.dispose();
      seasonal?.dispose();
    },
  };
}

function predictMembers(
  spec: NetworkSpec,
  members: Members,
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
): Float64Array {
  const { base, correction } = forecastParts(spec, members, grid, origins, horizon);
  const weight = members.state.residualWeight;
  for (let k = 0; k < base.length; k++) base[k]! += weight * correction[k]!;
  return base;
}
