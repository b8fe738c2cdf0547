/**
 * The shared TensorFlow.js model: a seeded ensemble of small networks that learn the residual
 * of the ridge baseline (daily 24-hour residual profiles for long-horizon, 24 outputs per origin
 * for day-ahead, relative to each origin's level so that an absolute-error loss tracks MAPE; the
 * day-ahead inputs are the ridge's relative features, the log level, the ridge's own forecast
 * and its error on the last day, both relative to the level). Inputs are standardised
 * on training rows; epochs are chosen by early stopping
 * on the last year of the training rows, and a refit reuses them. `mlp` and `gru` differ only in
 * the network they build.
 */
import type * as tf from "@tensorflow/tfjs";
import { ModelError } from "../../errors.js";
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
import { fitStandardizer, type Standardizer } from "../standardizer.js";
import {
  loadNetwork,
  predictNetwork,
  saveNetwork,
  trainNetwork,
  type NetworkData,
} from "../tf-network.js";
import { HOURS_PER_YEAR } from "../training-rows.js";
import { fitRidgeModel, ridge } from "./ridge.js";

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
  const ridgeContext: FitContext = { ...context, options: {} };
  if (given) ridgeContext.hyperparameters = unprefixed(given, "ridge.");
  else delete ridgeContext.hyperparameters;
  const baseline = fitRidgeModel(grid, ridgeContext);
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
  const design = networkDesign(grid, context.task, samples, baseline);
  const scaler = fitStandardizer(design.x, design.rows, design.cols);
  const levels = sampleLevels(grid, context.task, samples);
  const load = spec.sequence
    ? sequenceScale(grid, samples, levels, spec.sequence)
    : { mean: 0, scale: 1 };
  const residual = residuals(grid, baseline, samples, levels);
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
  const residualWeight = given
    ? (given.residualWeight ?? 1)
    : stackingWeight(nets, rowsOf(data, split, samples.length), settings.loss);
  hyperparameters.residualWeight = residualWeight;
  const state: NetworkState = {
    task: context.task,
    horizon: context.horizon,
    ridge: (await baseline.exportState()).json,
    scaler,
    load,
    residualScale,
    residualWeight,
    features: design.names,
    hyperparameters,
    members: [],
  };
  return { state, nets, baseline };
}

function fitted(spec: NetworkSpec, members: Members): FittedPointModel {
  const { state, nets, baseline } = members;
  return {
    hyperparameters: state.hyperparameters,
    features: spec.sequence
      ? [...state.features, `load_sequence_t-${spec.sequence}..t-1/level`]
      : state.features,
    predict: (grid, origins, horizon) => predictMembers(spec, members, grid, origins, horizon),
    exportState: () => exportMembers(state, nets),
    dispose: () => {
      for (const net of nets) net.dispose();
      baseline.dispose();
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
  const { state, baseline } = members;
  const out = baseline.predict(grid, origins, horizon);
  if (state.task === "day-ahead") {
    if (horizon > 24)
      throw new ModelError(`${spec.name} horizon too long: ${horizon} steps (fitted for 24)`);
    const residual = ensemble(spec, members, grid, origins, state);
    const levels = sampleLevels(grid, state.task, origins);
    const scale = state.residualScale * state.residualWeight;
    for (let r = 0; r < origins.length; r++) {
      for (let h = 0; h < horizon; h++)
        out[r * horizon + h]! += residual[r * 24 + h]! * levels[r]! * scale;
    }
    return out;
  }
  const rows = out.length;
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
    out[k]! +=
      residual[day * 24 + grid.calendar.hour[row]!]! * state.residualScale * state.residualWeight;
  }
  return out;
}

function ensemble(
  spec: NetworkSpec,
  members: Members,
  grid: HourlyGrid,
  samples: Int32Array,
  state: NetworkState,
): Float64Array {
  const design = networkDesign(grid, state.task, samples, members.baseline);
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
  return { state, nets, baseline };
}

function unprefixed(values: Record<string, number>, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  }
  return out;
}

/**
 * Stacking weight of the averaged network residual: the value in {0, ¼, ½, ¾, 1} with the lowest
 * validation loss (absolute error for MAE-trained nets, squared error otherwise); 1 without rows.
 */
function stackingWeight(
  nets: tf.LayersModel[],
  validation: NetworkData,
  loss: NetworkSettings["loss"],
): number {
  if (validation.rows === 0) return 1;
  const mean = new Float64Array(validation.rows * validation.outputs);
  for (const net of nets) {
    const p = predictNetwork(net, validation);
    for (let k = 0; k < mean.length; k++) mean[k]! += p[k]! / nets.length;
  }
  let best = 1;
  let bestLoss = Infinity;
  for (const w of [0, 0.25, 0.5, 0.75, 1]) {
    let total = 0;
    for (let k = 0; k < mean.length; k++) {
      const e = validation.target[k]! - w * mean[k]!;
      total += loss === "meanAbsoluteError" ? Math.abs(e) : e * e;
    }
    if (total < bestLoss) {
      bestLoss = total;
      best = w;
    }
  }
  return best;
}
