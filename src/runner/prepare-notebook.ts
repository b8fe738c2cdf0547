/** Reads a notebook, checks its parameters and injects the given values: no kernel involved. */
import { basename } from "node:path";
import type { Effects } from "../effects.js";
import { InputError } from "../errors.js";
import { parseNotebook } from "./notebook/read-notebook.js";
import { sourceText, type Notebook } from "./notebook/notebook-types.js";
import { coerceParameters, type RawParameter } from "./params/coerce-parameters.js";
import { injectParameters } from "./params/inject-parameters.js";
import { notebookParameters, type NotebookParameter } from "./params/notebook-parameters.js";
import { redactParameters, type RedactedParameters } from "./params/redact-parameters.js";

/** A notebook ready to execute. */
export interface PreparedNotebook {
  path: string;
  /** Output base name: the file name without `.ipynb`. */
  name: string;
  bytes: Uint8Array;
  /** What the kernel runs: the injected cell holds the real values. */
  notebook: Notebook;
  /** What is saved and shown: the injected cell holds the redacted values (see `redacted`). */
  shown: Notebook;
  parameters: NotebookParameter[];
  /** Default values overridden by the injected ones. */
  effective: Map<string, unknown>;
  injected: Map<string, unknown>;
  /** The effective values as they may be written (secrets hashed, credentials removed). */
  redacted: RedactedParameters;
  title: string;
}

/**
 * Returns `path` read, parsed and with `raw` parameters injected. With `lenient`, names the
 * notebook does not declare are skipped (several notebooks share one -p list); otherwise they
 * raise InputError. A missing file or invalid notebook raises InputError too.
 */
export async function prepareNotebook(
  path: string,
  raw: readonly RawParameter[],
  effects: Effects,
  options: { lenient?: boolean } = {},
): Promise<PreparedNotebook> {
  let bytes: Uint8Array;
  try {
    bytes = await effects.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "not found" : code === "EISDIR" ? "is a folder" : "unreadable";
    throw new InputError(`notebook ${why}: ${path} (expected a readable .ipynb file)`, {
      cause: error,
    });
  }
  const notebook = parseNotebook(new TextDecoder().decode(bytes), path);
  const parameters = notebookParameters(notebook, path);
  const known = new Set(parameters.map((p) => p.name));
  const wanted = options.lenient ? raw.filter((r) => known.has(r.name)) : raw;
  const injected = coerceParameters(wanted, parameters, path);
  const effective = new Map<string, unknown>(parameters.map((p) => [p.name, p.defaultValue]));
  for (const [name, value] of injected) effective.set(name, value);
  const redacted = redactParameters(effective, parameters);
  return {
    path,
    name: basename(path).replace(/\.ipynb$/i, ""),
    bytes,
    notebook: injectParameters(notebook, injected, parameters),
    shown: injectParameters(
      notebook,
      new Map([...injected.keys()].map((k) => [k, redacted.shown.get(k)])),
      parameters,
      notesOf(redacted, parameters),
    ),
    parameters,
    effective,
    injected,
    redacted,
    title: notebookTitle(notebook) ?? basename(path),
  };
}

function notesOf(
  redacted: RedactedParameters,
  parameters: readonly NotebookParameter[],
): Map<string, string> {
  const secret = new Set(parameters.filter((p) => p.secret).map((p) => p.name));
  return new Map(
    [...redacted.changed].map((name) => [
      name,
      secret.has(name)
        ? "secret: the kernel received the value, only its hash is saved"
        : "redacted: the kernel received the value with its credentials",
    ]),
  );
}

function notebookTitle(notebook: Notebook): string | undefined {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const match = /^#\s+(.+)$/m.exec(sourceText(cell.source));
    if (match) return match[1]!.replace(/[*_`]/g, "").trim();
  }
  return undefined;
}
