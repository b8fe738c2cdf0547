/**
 * Training and serialising small TensorFlow.js networks, deterministically: seeded initialisers
 * (set by the caller), batches shuffled with PowerFlow's own seeded PRNG, early stopping on a
 * validation set with the best weights restored, and tensors released as soon as possible.
 */
import type * as tf from "@tensorflow/tfjs";
import type { Logger } from "../effects.js";
import { ModelError } from "../errors.js";
import { seededRandom } from "../util/seeded-random.js";
import { tfjs } from "./tfjs.js";

/**
 * Seeded Glorot-uniform initialisers of one network: `init(k)` for its k-th layer, so each layer
 * draws different, reproducible weights from `seed`.
 */
export function seededInitializers(
  seed: number,
): (k: number) => ReturnType<typeof tf.initializers.glorotUniform> {
  return (k) => tfjs().initializers.glorotUniform({ seed: seed * 7 + k });
}

/** Row-major float inputs: one entry per network input, each `rows × shape`. */
export interface NetworkData {
  inputs: { data: Float32Array; shape: number[] }[];
  target: Float32Array;
  outputs: number;
  rows: number;
}

/** Options of trainNetwork. */
export interface TrainNetworkOptions {
  /** maximum epochs (or exactly this many without validation) */
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** epochs without improvement before stopping; default 10 */
  patience?: number;
  loss: "meanSquaredError" | "meanAbsoluteError" | "huber";
  validation?: NetworkData;
  logger: Logger;
  label: string;
}

/** Trains `model` in place; returns the epoch count with the best validation loss (or all epochs). */
export async function trainNetwork(
  model: tf.LayersModel,
  data: NetworkData,
  options: TrainNetworkOptions,
): Promise<number> {
  if (data.rows < 2)
    throw new ModelError(
      `${options.label} has too few training rows: ${data.rows} (expected at least 2)`,
    );
  const tf = tfjs();
  // An optimizer passed as an object is not the model's to dispose: its slot variables (two per
  // weight for Adam) would outlive the model, so it is disposed here once training ends.
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: lossOf(options.loss) });
  const xs = data.inputs.map((input) => tf.tensor(input.data, [data.rows, ...input.shape]));
  const y = tf.tensor2d(data.target, [data.rows, data.outputs]);
  const valX = options.validation ? toTensors(options.validation) : undefined;
  const valY = options.validation
    ? tf.tensor2d(options.validation.target, [options.validation.rows, options.validation.outputs])
    : undefined;
  const random = seededRandom(options.seed ^ 0x5bd1e995);
  const patience = options.patience ?? 10;
  let best = Infinity;
  let bestEpoch = options.epochs;
  let bestWeights: tf.Tensor[] | undefined;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const order = tf.tensor1d(permutation(data.rows, random), "int32");
      const shuffled = xs.map((x) => tf.gather(x, order));
      const shuffledY = tf.gather(y, order);
      const history = await model.fit(shuffled, shuffledY, {
        epochs: 1,
        batchSize: options.batchSize,
        shuffle: false,
        verbose: 0,
      });
      tf.dispose([order, ...shuffled, shuffledY]);
      const trainLoss = Number(history.history.loss?.[0]);
      if (!valX || !valY) {
        if (epoch % 10 === 0)
          options.logger.info(
            `${options.label}: epoch ${epoch}/${options.epochs} loss ${trainLoss.toFixed(4)}`,
          );
        continue;
      }
      const valLoss = tf.tidy(
        () => (model.evaluate(valX, valY, { batchSize: 1024 }) as tf.Scalar).dataSync()[0]!,
      );
      if (epoch % 10 === 0)
        options.logger.info(
          `${options.label}: epoch ${epoch} loss ${trainLoss.toFixed(4)} validation ${valLoss.toFixed(4)}`,
        );
      if (valLoss < best - 1e-6) {
        best = valLoss;
        bestEpoch = epoch;
        tf.dispose(bestWeights ?? []);
        bestWeights = model.getWeights().map((w) => w.clone());
      } else if (epoch - bestEpoch >= patience) break;
    }
    if (bestWeights) model.setWeights(bestWeights);
    return bestEpoch;
  } finally {
    tf.dispose([...xs, y, ...(valX ?? []), ...(valY ? [valY] : []), ...(bestWeights ?? [])]);
    optimizer.dispose();
  }
}

/** Returns `rows × outputs` predictions of `model` on `data` (targets ignored). */
export function predictNetwork(
  model: tf.LayersModel,
  data: Omit<NetworkData, "target">,
): Float32Array {
  const tf = tfjs();
  return tf.tidy(() => {
    const xs = toTensors(data as NetworkData);
    const out = model.predict(xs.length === 1 ? xs[0]! : xs, { batchSize: 2048 }) as tf.Tensor;
    return out.dataSync() as Float32Array;
  });
}

/** Serialised network: topology JSON, weight specs and the weight bytes. */
export interface SavedNetwork {
  topology: unknown;
  weightSpecs: unknown;
  weights: Uint8Array;
}

/** Returns the network's topology and weights. */
export async function saveNetwork(model: tf.LayersModel): Promise<SavedNetwork> {
  const tf = tfjs();
  let saved: SavedNetwork | undefined;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      const data = artifacts.weightData;
      const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
      saved = {
        topology: artifacts.modelTopology,
        weightSpecs: artifacts.weightSpecs,
        weights: new Uint8Array(buffer ?? new ArrayBuffer(0)),
      };
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" },
      });
    }),
  );
  if (!saved) throw new ModelError("network save produced no artifacts");
  return saved;
}

/** Rebuilds a network saved by saveNetwork. */
export async function loadNetwork(saved: SavedNetwork): Promise<tf.LayersModel> {
  const tf = tfjs();
  const weights = saved.weights.slice().buffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: saved.topology as tf.io.ModelArtifacts["modelTopology"],
      weightSpecs: saved.weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: weights,
    }),
  );
}

function toTensors(data: NetworkData): tf.Tensor[] {
  const tf = tfjs();
  return data.inputs.map((input) => tf.tensor(input.data, [data.rows, ...input.shape]));
}

function lossOf(
  loss: TrainNetworkOptions["loss"],
): string | ((a: tf.Tensor, b: tf.Tensor) => tf.Tensor) {
  const tf = tfjs();
  if (loss === "huber")
    return (yTrue: tf.Tensor, yPred: tf.Tensor) =>
      tf.losses.huberLoss(yTrue, yPred, undefined, 0.5);
  return loss;
}

function permutation(n: number, random: ReturnType<typeof seededRandom>): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
