/** Saving and restoring the fitted members of a network model (JSON state plus one weights blob). */
import type * as tf from "@tensorflow/tfjs";
import { ModelError } from "../errors.js";
import type { ModelState } from "./model.js";
import { ridge } from "./models/ridge.js";
import type { Members, NetworkState } from "./network-spec.js";
import { loadNetwork, saveNetwork } from "./tf-network.js";

/** Returns the state of `nets` with `state`: each member's topology, and all weights end to end. */
export async function exportMembers(
  state: NetworkState,
  nets: tf.LayersModel[],
): Promise<ModelState> {
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

/** Returns the members saved by `exportMembers`; ModelError when the weights are missing. */
export async function restoreMembers(saved: ModelState): Promise<Members> {
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
