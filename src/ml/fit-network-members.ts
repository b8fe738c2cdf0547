/**
 * Fitting a network model: the ridge baseline(s), the samples and standardised inputs, the
 * seeded ensemble trained with early stopping, and the stacking weight of its residual.
 */
import type * as tf from "@tensorflow/tfjs";
import { ModelError } from "../errors.js";
import type { NamedDesign } from "./features/calendar-features.js";
import type { HourlyGrid } from "./hourly-grid.js";
import type { FitContext, FittedPointModel } from "./model.js";
import { crossFittedRidge, fitRidgeModel } from "./models/ridge.js";
import { lossKind } from "./network-forecast.js";
import {
  networkData,
  networkDesign,
  rowsOf,
  sampleLevels,
  sequenceScale,
} from "./network-inputs.js";
import { networkSamples } from "./network-samples.js";
import type { Members, NetworkSettings, NetworkSpec, NetworkState } from "./network-spec.js";
import { lowestLossWeight, stackingLosses } from "./stacking-weight.js";
import { fitStandardizer, type Standardizer } from "./standardizer.js";
import { predictNetwork, trainNetwork, type NetworkData } from "./tf-network.js";
import { HOURS_PER_YEAR } from "./training-rows.js";

/** The inputs a network model trains on, with the scalings its forecasts reuse. */
interface TrainingInputs {
  design: NamedDesign;
  scaler: Standardizer;
  load: { mean: number; scale: number };
  residualScale: number;
  data: NetworkData;
}

/** Fits `spec`'s ensemble on grid rows [0, context.end) (see models/network-model.ts). */
export async function fitNetworkMembers(
  spec: NetworkSpec,
  grid: HourlyGrid,
  context: FitContext,
): Promise<Members> {
  const settings = settingsOf(spec, context);
  const given = context.hyperparameters;
  const { baseline, seasonal } = fitBaselines(grid, context);
  const samples = trainingSamples(spec, grid, context, baseline);
  // day-ahead: train on out-of-fold ridge forecasts, whose errors look like the ones in use (an
  // in-sample ridge fits its training days too well, most of all with seasonal coefficients)
  const stacked = context.task === "day-ahead" ? crossFitted(grid, context, baseline) : baseline;
  const inputs = trainingInputs(spec, grid, context, samples, stacked, seasonal);
  const split = given ? samples.length : validationSplit(samples, context.end);
  const hyperparameters = ridgeHyperparameters(baseline, seasonal);
  const nets = await trainMembers(spec, inputs.data, split, settings, context, hyperparameters);
  const residualWeight = chooseResidualWeight(nets, inputs, split, settings, given);
  hyperparameters.residualWeight = residualWeight;
  const state: NetworkState = {
    task: context.task,
    horizon: context.horizon,
    ridge: (await baseline.exportState()).json,
    ...(seasonal ? { seasonalRidge: (await seasonal.exportState()).json } : {}),
    scaler: inputs.scaler,
    load: inputs.load,
    residualScale: inputs.residualScale,
    residualWeight,
    features: inputs.design.names,
    hyperparameters,
    members: [],
  };
  return { state, nets, baseline, seasonal, loss: settings.loss };
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

/** The residual base is one global ridge; day-ahead, the seasonal ridge's forecast is an input. */
function fitBaselines(
  grid: HourlyGrid,
  context: FitContext,
): { baseline: FittedPointModel; seasonal: FittedPointModel | undefined } {
  const baseline = fitRidgeModel(grid, ridgeContext(context, "ridge."), [0]);
  const seasonal =
    context.task === "day-ahead"
      ? fitRidgeModel(grid, ridgeContext(context, "seasonalRidge."))
      : undefined;
  return { baseline, seasonal };
}

/** The training samples (long-horizon: inside the ridge's window); ModelError below 60 days. */
function trainingSamples(
  spec: NetworkSpec,
  grid: HourlyGrid,
  context: FitContext,
  baseline: FittedPointModel,
): Int32Array {
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
  return samples;
}

/** The standardised design, load sequence and scaled residual targets of `samples`. */
function trainingInputs(
  spec: NetworkSpec,
  grid: HourlyGrid,
  context: FitContext,
  samples: Int32Array,
  stacked: FittedPointModel,
  seasonal: FittedPointModel | undefined,
): TrainingInputs {
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
  return { design, scaler, load, residualScale, data };
}

/** The ridges' hyperparameters, under `ridge.` and `seasonalRidge.`. */
function ridgeHyperparameters(
  baseline: FittedPointModel,
  seasonal: FittedPointModel | undefined,
): Record<string, number> {
  const hyperparameters: Record<string, number> = {};
  for (const [key, value] of Object.entries(baseline.hyperparameters))
    hyperparameters[`ridge.${key}`] = value;
  for (const [key, value] of Object.entries(seasonal?.hyperparameters ?? {}))
    hyperparameters[`seasonalRidge.${key}`] = value;
  return hyperparameters;
}

/**
 * Trains the seeded members on rows [0, split) (validating on the rest) and records each one's
 * epochs in `hyperparameters` (`epochs<m>`); a refit reuses the given epochs.
 */
async function trainMembers(
  spec: NetworkSpec,
  data: NetworkData,
  split: number,
  settings: NetworkSettings,
  context: FitContext,
  hyperparameters: Record<string, number>,
): Promise<tf.LayersModel[]> {
  const given = context.hyperparameters;
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
      ...(split < data.rows ? { validation: rowsOf(data, split, data.rows) } : {}),
      logger: context.logger,
      label: `${spec.name} member ${m + 1}/${settings.ensemble}`,
    });
    hyperparameters[`epochs${m}`] = best;
    nets.push(net);
  }
  return nets;
}

/** The given residual weight (refit), else the one with the lowest validation loss (1 without). */
function chooseResidualWeight(
  nets: tf.LayersModel[],
  inputs: TrainingInputs,
  split: number,
  settings: NetworkSettings,
  given: Record<string, number> | undefined,
): number {
  const { data, residualScale } = inputs;
  const losses = given
    ? undefined
    : validationLosses(nets, rowsOf(data, split, data.rows), settings.loss, residualScale);
  return given ? (given.residualWeight ?? 1) : losses ? lowestLossWeight(losses) : 1;
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
