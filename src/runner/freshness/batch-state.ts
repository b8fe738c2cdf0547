/**
 * The state of a batch (`powerflow run` over several notebooks), kept beside its reports as
 * `powerflow-batch.json` so a batch that failed, was interrupted or was killed outright (SIGKILL,
 * a lost pod) can be resumed: written whole at the start, listing every notebook, and again each
 * time one finishes (each write replaces the file atomically, locally or in a bucket). Notebooks
 * still "pending" in it never finished.
 */
import type { Store } from "../../storage/store.js";
import { sha256Hex } from "../../util/sha256-hex.js";

/** The file name of the batch state in an output folder. */
export const BATCH_STATE_FILE = "powerflow-batch.json";

const SCHEMA = "powerflow.batch/1";

/** Where one notebook of a batch stands: "cached" and "ok" are finished. */
export type BatchNotebookState = "pending" | "ok" | "failed" | "cached";

/** The batch state file's content. */
export interface BatchState {
  schema: typeof SCHEMA;
  /** hex SHA-256 of the notebooks, parameters and options (see `batchIdentity`). */
  identity: string;
  startedAt: string;
  /** Set once no notebook is pending. */
  finishedAt: string | null;
  notebooks: { name: string; path: string; state: BatchNotebookState }[];
}

/**
 * Returns the identity of a batch: a hash of its notebook paths, raw parameters (values are only
 * hashed, so secrets are not written) and output-shaping options.
 */
export function batchIdentity(parts: {
  notebooks: readonly string[];
  parameters: readonly { name: string; value: unknown }[];
  options: Record<string, unknown>;
}): string {
  return sha256Hex(
    JSON.stringify({
      notebooks: parts.notebooks,
      parameters: parts.parameters.map((p) => [p.name, JSON.stringify(p.value)]),
      options: parts.options,
    }),
  );
}

/** Returns the batch state in `sink`, or undefined when there is none (or it is not one). */
export async function readBatchState(sink: Store): Promise<BatchState | undefined> {
  try {
    const bytes = await sink.read(BATCH_STATE_FILE);
    if (bytes === undefined) return undefined;
    const value = JSON.parse(new TextDecoder().decode(bytes)) as BatchState | null;
    return value?.schema === SCHEMA && Array.isArray(value.notebooks) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a batch's state file up to date. */
export interface BatchRecorder {
  /** Records where notebook `name` stands and writes the file (writes are serialised). */
  set(name: string, state: BatchNotebookState): Promise<void>;
  /** Writes the file as it is now. */
  flush(): Promise<void>;
}

/** Returns a recorder writing `state` into `sink`; `now` stamps `finishedAt`. */
export function batchRecorder(
  sink: Store,
  state: Omit<BatchState, "schema" | "finishedAt">,
  now: () => Date,
): BatchRecorder {
  const current: BatchState = { schema: SCHEMA, ...state, finishedAt: null };
  let queue: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    const done = current.notebooks.every((n) => n.state !== "pending");
    current.finishedAt = done ? (current.finishedAt ?? now().toISOString()) : null;
    const text = `${JSON.stringify(current, null, 2)}\n`;
    // A failed write is reported to its caller; the next one is still made.
    queue = queue
      .catch(() => undefined)
      .then(async () => {
        await sink.write([{ name: BATCH_STATE_FILE, content: text }]);
      });
    return queue;
  };
  return {
    set(name, value) {
      for (const entry of current.notebooks) if (entry.name === name) entry.state = value;
      return flush();
    },
    flush,
  };
}
