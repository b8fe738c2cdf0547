/**
 * TensorFlow.js backend selection: the native `tensorflow` binding when @tensorflow/tfjs-node
 * loads (an optional dependency), else WebAssembly, else the pure-JS `cpu` backend.
 */
import { ModelError } from "../errors.js";
import type { Logger } from "../effects.js";
import { tfjs } from "./tfjs.js";

/** Backends PowerFlow can run TensorFlow.js on. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

/** Options of selectBackend. */
export interface SelectBackendOptions {
  /** "auto" tries tensorflow, then wasm, then cpu; default "auto" */
  prefer?: BackendName | "auto";
  /** receives one line naming the backend that runs; default none */
  logger?: Logger;
}

let selected: Promise<BackendName> | undefined;
let selectedPreference: string | undefined;

/** Returns the name of the active backend after initialising it (idempotent per preference). */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendName> {
  const prefer = options.prefer ?? "auto";
  if (!selected || selectedPreference !== prefer) {
    selectedPreference = prefer;
    selected = initialise(prefer, options.logger);
  }
  return selected;
}

/** Returns the active backend's name, or "none" before selectBackend ran. */
export function activeBackend(): string {
  return selected ? tfjs().getBackend() : "none";
}

async function initialise(prefer: BackendName | "auto", logger?: Logger): Promise<BackendName> {
  const order: BackendName[] = prefer === "auto" ? ["tensorflow", "wasm", "cpu"] : [prefer];
  const tf = tfjs();
  const failures: string[] = [];
  for (const name of order) {
    try {
      await register(name);
      if (await tf.setBackend(name)) {
        await tf.ready();
        logger?.info(`tfjs backend: ${name}${failures.length ? ` (${failures.join("; ")})` : ""}`);
        return name;
      }
      failures.push(`${name} did not initialise`);
    } catch (error) {
      failures.push(`${name} unavailable: ${firstLine(error)}`);
    }
  }
  throw new ModelError(`no TensorFlow.js backend available: ${failures.join("; ")}`);
}

async function register(name: BackendName): Promise<void> {
  if (name === "tensorflow") await import("@tensorflow/tfjs-node");
  else if (name === "wasm") await import("@tensorflow/tfjs-backend-wasm");
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]!.slice(0, 160);
}
