/**
 * Saving and loading fitted models (the load stage of ML): a directory or `gs://` prefix holding
 * `model-card.json`, `state.json` and, for TensorFlow.js models, `weights.bin`; all I/O goes
 * through the storage layer (atomic local writes, checksum-verified GCS).
 */
import { InputError, ModelError, isPowerFlowError } from "../errors.js";
import { nodeEffects, silentLogger, type Logger } from "../effects.js";
import type { GcsOptions } from "../storage/gcs-client.js";
import { openStore } from "../storage/open-store.js";
import type { BlobInput, Store } from "../storage/store.js";
import { selectBackend } from "./backend.js";
import { forecasterOf, type Forecaster } from "./fit-forecaster.js";
import type { ModelCard } from "./model.js";
import { getModel } from "./registry.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Options of saveModel. */
export interface SaveModelOptions {
  /** Cloud Storage client options (apiEndpoint, projectId, env) for gs:// targets; default {} */
  storage?: GcsOptions;
}

/** Writes `forecaster` under `dir` (local path, file:// or gs://); returns the written URIs. */
export async function saveModel(
  forecaster: Forecaster,
  dir: string,
  options: SaveModelOptions = {},
): Promise<string[]> {
  const state = await forecaster.fitted.exportState();
  const files: BlobInput[] = [
    { name: "state.json", content: encoder.encode(JSON.stringify(state.json)) },
    {
      name: "model-card.json",
      content: encoder.encode(`${JSON.stringify(forecaster.card, null, 2)}\n`),
    },
  ];
  if (state.weights) files.unshift({ name: "weights.bin", content: state.weights });
  const store = modelStore(dir, options.storage);
  await store.write(files);
  return files.map((f) => store.describe(f.name));
}

/** Options of loadModel. */
export interface LoadModelOptions {
  /** receives the TensorFlow.js backend line; default none */
  logger?: Logger;
  /** Cloud Storage client options for gs:// sources; default {} */
  storage?: GcsOptions;
}

/** Returns the model saved under `dir`, ready to forecast. */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<Forecaster> {
  const store = modelStore(dir, options.storage);
  const card = parseJson(
    decoder.decode(await readModelFile(store, "model-card.json")),
    "model-card.json",
  ) as ModelCard;
  if (typeof card.model !== "string" || !card.conformal) {
    throw new InputError(
      `not a PowerFlow model card: ${store.describe("model-card.json")} (expected model and conformal fields)`,
    );
  }
  const model = getModel(card.model);
  if (model.usesTensorflow) await selectBackend(options.logger ? { logger: options.logger } : {});
  const json = parseJson(decoder.decode(await readModelFile(store, "state.json")), "state.json");
  const weights = model.usesTensorflow ? await readModelFile(store, "weights.bin") : undefined;
  const fitted = await model.restore(weights ? { json, weights } : { json }, card);
  return forecasterOf(model, fitted, card);
}

// Models live in a local folder or a gs:// prefix; saving and loading log nothing.
function modelStore(dir: string, storage: GcsOptions = {}): Store {
  return openStore(dir, nodeEffects({ logger: silentLogger() }), { ...storage });
}

async function readModelFile(store: Store, name: string): Promise<Uint8Array> {
  const message = `model file not readable: ${store.describe(name)} (expected a directory written by saveModel)`;
  let bytes: Uint8Array | undefined;
  try {
    bytes = await store.read(name);
  } catch (error) {
    if (!isPowerFlowError(error)) throw error;
    throw new InputError(message, { cause: error });
  }
  if (bytes === undefined) throw new InputError(message);
  return bytes;
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ModelError(
      `model file not valid JSON: ${name} (expected the JSON saveModel writes)`,
      { cause: error },
    );
  }
}
