/**
 * Saving and loading fitted models (the load stage of ML): a directory or `gs://` prefix holding
 * `model-card.json`, `state.json` and, for TensorFlow.js models, `weights.bin`; all I/O goes
 * through the storage layer (atomic local writes, checksum-verified GCS).
 */
import { InputError, ModelError, isPowerFlowError } from "../errors.js";
import { readObject, writeObject, type GcsOptions } from "../etl/load/storage.js";
import type { Logger } from "../effects.js";
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
  const files: [string, Uint8Array][] = [
    ["state.json", encoder.encode(JSON.stringify(state.json))],
    ["model-card.json", encoder.encode(`${JSON.stringify(forecaster.card, null, 2)}\n`)],
  ];
  if (state.weights) files.unshift(["weights.bin", state.weights]);
  const written: string[] = [];
  for (const [name, bytes] of files) {
    const uri = joinUri(dir, name);
    await writeObject(uri, bytes, {
      ...options.storage,
      contentType: name.endsWith(".json") ? "application/json" : "application/octet-stream",
    });
    written.push(uri);
  }
  return written;
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
  const card = parseJson(
    await readText(joinUri(dir, "model-card.json"), options.storage),
    "model-card.json",
  ) as ModelCard;
  if (typeof card.model !== "string" || !card.conformal) {
    throw new InputError(
      `not a PowerFlow model card: ${joinUri(dir, "model-card.json")} (expected model and conformal fields)`,
    );
  }
  const model = getModel(card.model);
  if (model.usesTensorflow) await selectBackend(options.logger ? { logger: options.logger } : {});
  const json = parseJson(await readText(joinUri(dir, "state.json"), options.storage), "state.json");
  const weights = model.usesTensorflow
    ? (await readObject(joinUri(dir, "weights.bin"), options.storage)).bytes
    : undefined;
  const fitted = await model.restore(weights ? { json, weights } : { json }, card);
  return forecasterOf(model, fitted, card);
}

async function readText(uri: string, storage: GcsOptions = {}): Promise<string> {
  try {
    return decoder.decode((await readObject(uri, storage)).bytes);
  } catch (error) {
    if (isPowerFlowError(error)) {
      throw new InputError(
        `model file not readable: ${uri} (expected a directory written by saveModel)`,
        { cause: error },
      );
    }
    throw error;
  }
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

function joinUri(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, "")}/${name}`;
}
