/**
 * Sequence model (TensorFlow.js): the last 168 hours are cut into 7 daily patches, each embedded
 * by a shared dense layer (a 1-D convolution with kernel 24 and stride 24), a GRU reads the 7
 * days in order, and its state joins the day-ahead calendar/lag features to predict the 24-step
 * residual of the ridge baseline; a seeded ensemble of three. (Dense patches instead of conv1d because
 * the wasm backend has no convolution gradient kernels.)
 */
import type * as tf from "@tensorflow/tfjs";
import { seededInitializers } from "../tf-network.js";
import { tfjs } from "../tfjs.js";
import { networkModel, type NetworkSettings } from "./network-model.js";

/** The GRU model (day-ahead only: it needs load history). */
export const gru = networkModel({
  name: "gru",
  description:
    "daily-patch GRU over the last 168 h + day-ahead features (TensorFlow.js), learning the ridge residual for 24 steps",
  tasks: ["day-ahead"],
  sequence: 168,
  defaults: (): NetworkSettings => ({
    epochs: 80,
    hidden: 64,
    ensemble: 3,
    learningRate: 2e-3,
    batchSize: 256,
    patience: 12,
    loss: "meanAbsoluteError",
  }),
  build: (shapes, outputs, settings, seed) => {
    const tf = tfjs();
    const init = seededInitializers(seed);
    const features = tf.input({ shape: shapes[0]! });
    const sequence = tf.input({ shape: shapes[1]! });
    const days = tf.layers.reshape({ targetShape: [7, 24] }).apply(sequence) as tf.SymbolicTensor;
    const patches = tf.layers
      .timeDistributed({
        layer: tf.layers.dense({ units: 16, activation: "relu", kernelInitializer: init(1) }),
      })
      .apply(days) as tf.SymbolicTensor;
    const state = tf.layers
      .gru({
        units: 32,
        kernelInitializer: init(2),
        recurrentInitializer: tf.initializers.orthogonal({ seed: seed * 7 + 5 }),
      })
      .apply(patches) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate().apply([features, state]) as tf.SymbolicTensor;
    const hidden = tf.layers
      .dense({ units: settings.hidden, activation: "relu", kernelInitializer: init(3) })
      .apply(joined) as tf.SymbolicTensor;
    const out = tf.layers
      .dense({ units: outputs, kernelInitializer: init(4) })
      .apply(hidden) as tf.SymbolicTensor;
    return tf.model({ inputs: [features, sequence], outputs: out });
  },
});
