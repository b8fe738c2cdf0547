/**
 * Forecasts of a fitted network model: the ridge forecast plus the ensemble's correction (the
 * mean of the members' residual forecasts, back in MW), and the stacking weight re-chosen on
 * held-out rows.
 */
import { ModelError } from "../errors.js";
import { horizonTargets } from "./features/day-ahead-features.js";
import type { HourlyGrid } from "./hourly-grid.js";
import { networkData, networkDesign, sampleLevels } from "./network-inputs.js";
import { dayStartOf } from "./network-samples.js";
import type { Members, NetworkSettings, NetworkSpec, NetworkState } from "./network-spec.js";
import { lowestLossWeight, stackingLosses } from "./stacking-weight.js";
import { predictNetwork } from "./tf-network.js";

/** The ridge forecast and the networks' full (unweighted) correction of it, both in MW. */
export function forecastParts(
  spec: NetworkSpec,
  members: Members,
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
): { base: Float64Array; correction: Float64Array } {
  const { state, baseline } = members;
  const base = baseline.predict(grid, origins, horizon);
  const correction = new Float64Array(base.length);
  if (state.task === "day-ahead") {
    if (horizon > 24)
      throw new ModelError(`${spec.name} horizon too long: ${horizon} steps (fitted for 24)`);
    const residual = ensemble(spec, members, grid, origins, state);
    const levels = sampleLevels(grid, state.task, origins);
    for (let r = 0; r < origins.length; r++) {
      for (let h = 0; h < horizon; h++)
        correction[r * horizon + h] = residual[r * 24 + h]! * levels[r]! * state.residualScale;
    }
    return { base, correction };
  }
  const rows = base.length;
  const starts = new Int32Array(rows);
  const unique = new Map<number, number>();
  for (let k = 0; k < rows; k++) {
    const row = Math.min(grid.length - 1, origins[Math.floor(k / horizon)]! + (k % horizon));
    starts[k] = dayStartOf(grid, row);
    if (!unique.has(starts[k]!)) unique.set(starts[k]!, unique.size);
  }
  const residual = ensemble(spec, members, grid, Int32Array.from(unique.keys()), state);
  for (let k = 0; k < rows; k++) {
    const row = Math.min(grid.length - 1, origins[Math.floor(k / horizon)]! + (k % horizon));
    const day = unique.get(starts[k]!)!;
    correction[k] = residual[day * 24 + grid.calendar.hour[row]!]! * state.residualScale;
  }
  return { base, correction };
}

/**
 * The stacking weight for the refit, re-chosen on the calibration rows: held out from this fit
 * altogether. The validation rows are not used again: they picked the epochs (early stopping), so
 * the networks look better there than on new data, and a weight chosen there comes out too high.
 * Losses are level-relative (day-ahead) like the training loss; a network that does not help on
 * the held-out year is switched off (weight 0).
 */
export function heldOutWeight(
  spec: NetworkSpec,
  members: Members,
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
): Record<string, number> {
  const { base, correction } = forecastParts(spec, members, grid, origins, horizon);
  const actual = horizonTargets(grid, origins, horizon);
  const levels = sampleLevels(grid, members.state.task, origins);
  const divisor = Float64Array.from(actual, (_, k) => levels[Math.floor(k / horizon)]!);
  const losses = stackingLosses(actual, correction, lossKind(members.loss), { base, divisor });
  return { ...members.state.hyperparameters, residualWeight: lowestLossWeight(losses) };
}

/** The stacking loss that matches a training loss: absolute for MAE-trained nets, else squared. */
export function lossKind(loss: NetworkSettings["loss"] | undefined): "absolute" | "squared" {
  return loss === "meanAbsoluteError" ? "absolute" : "squared";
}

function ensemble(
  spec: NetworkSpec,
  members: Members,
  grid: HourlyGrid,
  samples: Int32Array,
  state: NetworkState,
): Float64Array {
  const design = networkDesign(grid, state.task, samples, members.baseline, members.seasonal);
  const data = networkData(
    spec.sequence,
    grid,
    samples,
    design,
    state.scaler,
    state.load,
    undefined,
    1,
  );
  const sum = new Float64Array(samples.length * 24);
  const nets = members.nets;
  for (const net of nets) {
    const p = predictNetwork(net, data);
    for (let k = 0; k < sum.length; k++) sum[k]! += p[k]! / nets.length;
  }
  return sum;
}
