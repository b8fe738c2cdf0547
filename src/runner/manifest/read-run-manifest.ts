/** Reads a report's manifest back from the store it was written to. */
import type { Store } from "../../storage/store.js";
import { parseRunManifest, type RunManifest } from "./run-manifest.js";

/**
 * Returns the run manifest stored as `name` in `store`, or undefined when there is none or it is
 * not a run manifest (another tool's JSON, or half-written by a crashed writer).
 */
export async function readRunManifest(
  store: Pick<Store, "read">,
  name: string,
): Promise<RunManifest | undefined> {
  const bytes = await store.read(name);
  return bytes === undefined ? undefined : parseRunManifest(new TextDecoder().decode(bytes));
}
