/**
 * Feed-forward network (TensorFlow.js) on engineered features: day-level calendar features →
 * 24-hour residual profile (long-horizon), or day-ahead lag/calendar features → 24 residuals,
 * on top of the ridge baseline; a seeded ensemble.
 */
import { seededInitializers } from "../tf-network.js";
import { tfjs } from "../tfjs.js";
import { networkModel, type NetworkSettings } from "./network-model.js";

/** The MLP model. */
export const mlp = networkModel({
  name: "mlp",
  description:
    "feed-forward network ensemble (TensorFlow.js) on engineered features, learning the ridge residual (24 outputs)",
  tasks: ["long-horizon", "day-ahead"],
  sequence: 0,
  defaults: (task): NetworkSettings =>
    task === "day-ahead"
      ? {
          epochs: 150,
          hidden: 128,
          ensemble: 5,
          learningRate: 1e-3,
          batchSize: 64,
          patience: 20,
          loss: "meanAbsoluteError",
        }
      : {
          epochs: 200,
          hidden: 64,
          ensemble: 5,
          learningRate: 2e-3,
          batchSize: 64,
          patience: 25,
          loss: "meanSquaredError",
        },
  build: (shapes, outputs, settings, seed) => {
    const tf = tfjs();
    const init = seededInitializers(seed);
    const model = tf.sequential();
    model.add(
      tf.layers.dense({
        inputShape: shapes[0]!,
        units: settings.hidden,
        activation: "relu",
        kernelInitializer: init(1),
      }),
    );
    model.add(
      tf.layers.dense({ units: settings.hidden, activation: "relu", kernelInitializer: init(2) }),
    );
    model.add(tf.layers.dense({ units: outputs, kernelInitializer: init(3) }));
    return model;
  },
});
