/**
 * Reads an etl.yaml (or .json) file into an unchecked spec plus a locator that maps a key path
 * to its line, so config errors point at the offending key.
 */
import { isMap, LineCounter, parseDocument, type Node } from "yaml";
import type { Effects } from "../effects.js";
import { InputError } from "../errors.js";
import type { EtlSpec, KeyLocator } from "./etl-config.js";

/** The parsed file and where each key is. */
export interface EtlConfigFile {
  spec: EtlSpec;
  locate: KeyLocator;
}

/** Returns the spec in `path`; throws InputError (with line and column) on bad YAML. */
export async function readEtlConfigFile(
  path: string,
  effects: Pick<Effects, "readFile">,
): Promise<EtlConfigFile> {
  let text: string;
  try {
    text = new TextDecoder().decode(await effects.readFile(path));
  } catch (error) {
    throw new InputError(`config file not readable: "${path}" (expected an etl.yaml file)`, {
      cause: error,
    });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const at = lines.linePos(first.pos[0]);
    throw new InputError(
      `config file invalid YAML: ${path}:${at.line}:${at.col} (${first.message.split("\n")[0]})`,
    );
  }
  if (!isMap(doc.contents)) {
    throw new InputError(
      `config file not a mapping: ${path} (expected keys such as input:, out:, tz:)`,
    );
  }
  const spec = doc.toJS() as EtlSpec;
  const locate: KeyLocator = (keyPath) => {
    for (let n = keyPath.length; n > 0; n--) {
      const node = doc.getIn(keyPath.slice(0, n), true) as Node | undefined;
      const start = node?.range?.[0];
      if (start !== undefined) return lines.linePos(start).line;
    }
    return undefined;
  };
  return { spec, locate };
}
