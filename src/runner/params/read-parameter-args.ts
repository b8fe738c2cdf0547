/** Turns `-p name=value` flags and a `--params file.json|yaml` file into raw parameters. */
import { parseDocument } from "yaml";
import { InputError } from "../../errors.js";
import type { RawParameter } from "./coerce-parameters.js";

/** Returns the raw parameters of `-p` flags (text, typed later by the notebook's types). */
export function parsePairArgs(pairs: readonly string[]): RawParameter[] {
  return pairs.map((pair) => {
    const at = pair.indexOf("=");
    const name = at < 0 ? "" : pair.slice(0, at).trim();
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
      throw new InputError(
        `invalid -p value: "${pair}" (expected name=value with a TypeScript identifier)`,
      );
    }
    return { name, value: pair.slice(at + 1), fromText: true, origin: "-p" };
  });
}

/** Returns the raw parameters in a JSON or YAML mapping read from `path`. */
export function parseParamsFile(text: string, path: string): RawParameter[] {
  let doc: unknown;
  try {
    doc = /\.json$/i.test(path) ? JSON.parse(text) : readYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new InputError(
      `invalid params file: ${path}: ${detail} (expected a JSON or YAML mapping)`,
      { cause: error },
    );
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError(
      `invalid params file: ${path} (expected a mapping of parameter names to values)`,
    );
  }
  return Object.entries(doc as Record<string, unknown>).map(([name, value]) => ({
    name,
    value,
    fromText: false,
    origin: path,
  }));
}

// A warning (an unknown tag, say) fails like an error: the file would not mean what it says.
function readYaml(text: string): unknown {
  const doc = parseDocument(text);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw problem;
  return doc.toJS();
}
