/**
 * The description of a network model (`mlp`, `gru`): its settings, the network it builds, and the
 * fitted state it saves. The model itself is `networkModel` (models/network-model.ts).
 */
import type * as tf from "@tensorflow/tfjs";
import type { FittedPointModel, ForecastTaskKind } from "./model.js";
import type { Standardizer } from "./standardizer.js";

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

/** The saved (JSON) state of a fitted network model; the weights are saved beside it. */
export interface NetworkState {
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

/** A fitted network model: its state, the ensemble's networks and the ridge(s) under them. */
export interface Members {
  state: NetworkState;
  nets: tf.LayersModel[];
  baseline: FittedPointModel;
  seasonal: FittedPointModel | undefined;
  /** the training loss (known for a fit, not for a restored model) */
  loss?: NetworkSettings["loss"];
}
