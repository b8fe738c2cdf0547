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
import type * as tf from "@tensorflow/tfjs";
import { ModelError } from "../../errors.js";
import { horizonTargets } from "../features/day-ahead-features.js";
import type { HourlyGrid } from "../hourly-grid.js";
import type {
  FitContext,
  FittedPointModel,
  ForecastTaskKind,
  Model,
  ModelState,
} from "../model.js";
import { dayStartOf, networkSamples } from "../network-samples.js";
import {
  networkData,
  networkDesign,
  rowsOf,
  sampleLevels,
  sequenceScale,
} from "../network-inputs.js";
import { lowestLossWeight, stackingLosses } from "../stacking-weight.js";
import { fitStandardizer, type Standardizer } from "../standardizer.js";
import {
  loadNetwork,
  predictNetwork,
  saveNetwork,
  trainNetwork,
  type NetworkData,
} from "../tf-network.js";
import { HOURS_PER_YEAR } from "../training-rows.js";
import { crossFittedRidge, fitRidgeModel, ridge } from "./ridge.js";

/** Tunable settings of a network model (all overridable per run through model options). */
export interface NetworkSettings {
  epochs: number;
  hidden: number;
  ensemble: number;
  learningRate: number;
  batchSize: number;
  patience: number;
  loss: "meanSquaredError" | "meanAbsoluteError" | "huber";
}

/** What distinguishes one network model from another. */
export interface NetworkSpec {
  name: string;
  description: string;
  tasks: readonly ForecastTaskKind[];
  defaults: (task: ForecastTaskKind) => NetworkSettings;
  /** hours of load history (relative to the level) given as a second input ([hours, 1]); 0 = none */
  sequence: number;
  build: (
    shapes: number[][],
    outputs: number,
    settings: NetworkSettings,
    seed: number,
  ) => tf.LayersModel;
}

interface NetworkState {
  task: ForecastTaskKind;
  horizon: number;
  ridge: unknown;
  /** day-ahead: the seasonal ridge whose forecast is a network input */
  seasonalRidge?: unknown;
  scaler: Standardizer;
  load: { mean: number; scale: number };
  residualScale: number;
  /** shrinkage of the network's residual, chosen on the validation rows (stacking weight, 0-1) */
  residualWeight: number;
  features: string[];
  hyperparameters: Record<string, number>;
  members: { topology: unknown; weightSpecs: unknown; offset: number; length: number }[];
}

interface Members {
  state: NetworkState;
  nets: tf.LayersModel[];
  baseline: FittedPointModel;
  seasonal: FittedPointModel | undefined;
  /** the training loss (known for a fit, not for a restored model) */
  loss?: NetworkSettings["loss"];
}

/** Returns a Model that trains `spec`'s network on ridge residuals. */
export function networkModel(spec: NetworkSpec): Model {
  return {
    name: spec.name,
    description: spec.description,
    tasks: spec.tasks,
    usesTensorflow: true,
    fit: async (grid, context) => fitted(spec, await fitMembers(spec, grid, context)),
    restore: async (state) => fitted(spec, await restoreMembers(state)),
  };
}

function settingsOf(spec: NetworkSpec, context: FitContext): NetworkSettings {
  const defaults = spec.defaults(context.task);
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(context.options)) {
    if (!(key in defaults)) {
      throw new ModelError(
        `unknown option for ${spec.name}: "${key}" (expected one of ${Object.keys(defaults).join(", ")})`,
      );
    }
    out[key] = value;
  }
  return out as unknown as NetworkSettings;
}

async function fitMembers(
  spec: NetworkSpec,
  grid: HourlyGrid,
  context: FitContext,
): Promise<Members> {
  const settings = settingsOf(spec, context);
  const given = context.hyperparameters;
  // the residual base is one global ridge; day-ahead, the seasonal ridge's forecast is an input
  const baseline = fitRidgeModel(grid, ridgeContext(context, "ridge."), [0]);
  const seasonal =
    context.task === "day-ahead"
      ? fitRidgeModel(grid, ridgeContext(context, "seasonalRidge."))
      : undefined;
  const start =
    context.task === "long-horizon"
      ? windowOf(context.end, baseline.hyperparameters.trainYears ?? 0)
      : 0;
  const samples = networkSamples(grid, context.task, start, context.end, context.horizon);
  if (samples.length < 60) {
    throw new ModelError(
      `too little history for ${spec.name}: ${samples.length} complete days (expected at least 60)`,
    );
  }
  // day-ahead: train on out-of-fold ridge forecasts, whose errors look like the ones in use (an
  // in-sample ridge fits its training days too well, most of all with seasonal coefficients)
  const stacked = context.task === "day-ahead" ? crossFitted(grid, context, baseline) : baseline;
  const design = networkDesign(
    grid,
    context.task,
    samples,
    stacked,
    seasonal && crossFitted(grid, context, seasonal),
  );
  const scaler = fitStandardizer(design.x, design.rows, design.cols);
  const levels = sampleLevels(grid, context.task, samples);
  const load = spec.sequence
    ? sequenceScale(grid, samples, levels, spec.sequence)
    : { mean: 0, scale: 1 };
  const residual = residuals(grid, stacked, samples, levels);
  const residualScale = rms(residual) || 1;
  const data = networkData(
    spec.sequence,
    grid,
    samples,
    design,
    scaler,
    load,
    residual,
    residualScale,
  );
  const split = given ? samples.length : validationSplit(samples, context.end);
  const hyperparameters: Record<string, number> = {};
  for (const [key, value] of Object.entries(baseline.hyperparameters))
    hyperparameters[`ridge.${key}`] = value;
  for (const [key, value] of Object.entries(seasonal?.hyperparameters ?? {}))
    hyperparameters[`seasonalRidge.${key}`] = value;
  const nets: tf.LayersModel[] = [];
  for (let m = 0; m < settings.ensemble; m++) {
    const seed = context.seed * 1009 + m;
    const net = spec.build(
      data.inputs.map((i) => i.shape),
      24,
      settings,
      seed,
    );
    const epochs = given ? (given[`epochs${m}`] ?? settings.epochs) : settings.epochs;
    const best = await trainNetwork(net, rowsOf(data, 0, split), {
      epochs,
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      seed,
      patience: settings.patience,
      loss: settings.loss,
      ...(split < samples.length ? { validation: rowsOf(data, split, samples.length) } : {}),
      logger: context.logger,
      label: `${spec.name} member ${m + 1}/${settings.ensemble}`,
    });
    hyperparameters[`epochs${m}`] = best;
    nets.push(net);
  }
  const losses = given
    ? undefined
    : validationLosses(nets, rowsOf(data, split, samples.length), settings.loss, residualScale);
  const residualWeight = given
    ? (given.residualWeight ?? 1)
    : losses
      ? lowestLossWeight(losses)
      : 1;
  hyperparameters.residualWeight = residualWeight;
  const state: NetworkState = {
    task: context.task,
    horizon: context.horizon,
    ridge: (await baseline.exportState()).json,
    ...(seasonal ? { seasonalRidge: (await seasonal.exportState()).json } : {}),
    scaler,
    load,
    residualScale,
    residualWeight,
    features: design.names,
    hyperparameters,
    members: [],
  };
  return { state, nets, baseline, seasonal, loss: settings.loss };
}

/** The ridge fit of a network: hyperparameters from an earlier fit (keys under `prefix`), if any. */
function ridgeContext(context: FitContext, prefix: string): FitContext {
  const out: FitContext = { ...context, options: {} };
  if (context.hyperparameters) out.hyperparameters = unprefixed(context.hyperparameters, prefix);
  else delete out.hyperparameters;
  return out;
}

/** `model` with training-period forecasts made out of fold (see crossFittedRidge). */
function crossFitted(
  grid: HourlyGrid,
  context: FitContext,
  model: FittedPointModel,
): FittedPointModel {
  return { ...model, predict: crossFittedRidge(grid, context, model.hyperparameters) };
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

/** The ridge forecast and the networks' full (unweighted) correction of it, both in MW. */
function forecastParts(
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
function heldOutWeight(
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

function lossKind(loss: NetworkSettings["loss"] | undefined): "absolute" | "squared" {
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

/** Baseline residuals relative to each sample's level (so an absolute-error loss tracks MAPE). */
function residuals(
  grid: HourlyGrid,
  baseline: FittedPointModel,
  samples: Int32Array,
  levels: Float64Array,
): Float64Array {
  const base = baseline.predict(grid, samples, 24);
  const out = new Float64Array(base.length);
  for (let r = 0; r < samples.length; r++) {
    for (let h = 0; h < 24; h++)
      out[r * 24 + h] = (grid.loadMw[samples[r]! + h]! - base[r * 24 + h]!) / levels[r]!;
  }
  return out;
}

/** Samples before the last training year train; the rest validates (at least 20 % of samples). */
function validationSplit(samples: Int32Array, end: number): number {
  const cut = end - HOURS_PER_YEAR;
  let split = samples.findIndex((o) => o >= cut);
  if (split < samples.length * 0.5 || split > samples.length * 0.8)
    split = Math.floor(samples.length * 0.8);
  return split;
}

function windowOf(end: number, years: number): number {
  return years > 0 ? Math.max(0, end - Math.round(years * HOURS_PER_YEAR)) : 0;
}

function rms(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v * v;
  return Math.sqrt(s / values.length);
}

async function exportMembers(state: NetworkState, nets: tf.LayersModel[]): Promise<ModelState> {
  const members: NetworkState["members"] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const net of nets) {
    const saved = await saveNetwork(net);
    members.push({
      topology: saved.topology,
      weightSpecs: saved.weightSpecs,
      offset,
      length: saved.weights.length,
    });
    chunks.push(saved.weights);
    offset += saved.weights.length;
  }
  const weights = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    weights.set(chunk, at);
    at += chunk.length;
  }
  return { json: { ...state, members }, weights };
}

async function restoreMembers(saved: ModelState): Promise<Members> {
  const state = saved.json as NetworkState;
  const weights = saved.weights;
  if (!weights) throw new ModelError("saved network model has no weights (expected weights.bin)");
  const nets: tf.LayersModel[] = [];
  for (const m of state.members) {
    nets.push(
      await loadNetwork({
        topology: m.topology,
        weightSpecs: m.weightSpecs,
        weights: weights.subarray(m.offset, m.offset + m.length),
      }),
    );
  }
  const baseline = await ridge.restore({ json: state.ridge }, undefined as never);
  const seasonal = state.seasonalRidge
    ? await ridge.restore({ json: state.seasonalRidge }, undefined as never)
    : undefined;
  return { state, nets, baseline, seasonal };
}

function unprefixed(values: Record<string, number>, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  }
  return out;
}

/**
 * Validation loss of the averaged network residual for each stacking weight (absolute error for
 * MAE-trained nets, squared otherwise), in level-relative units (the scaled targets times
 * `residualScale`); undefined without validation rows.
 */
function validationLosses(
  nets: tf.LayersModel[],
  validation: NetworkData,
  loss: NetworkSettings["loss"],
  residualScale: number,
): number[] | undefined {
  if (validation.rows === 0) return undefined;
  const mean = new Float64Array(validation.rows * validation.outputs);
  for (const net of nets) {
    const p = predictNetwork(net, validation);
    for (let k = 0; k < mean.length; k++) mean[k]! += p[k]! / nets.length;
  }
  return stackingLosses(validation.target, mean, lossKind(loss), { divisor: 1 / residualScale });
}
