/**
 * What a run may write about its parameter values. A secret parameter (see
 * `NotebookParameter.secret`) is written only as a hash; every other value goes through the
 * one secret redaction (URL passwords, token/key/signature query values). The kernel still
 * receives the real values: only what is saved (manifest, .ipynb, report) is redacted.
 */
import { sha256Hex } from "../../util/sha256-hex.js";
import { redactDeep, redactSecrets } from "../../util/redact-secrets.js";
import type { NotebookParameter } from "./notebook-parameters.js";

/** Parameter values as they may be written, and how to clean text that echoes the real ones. */
export interface RedactedParameters {
  /** name → the value to write (a hash label for secrets, redacted otherwise) */
  shown: Map<string, unknown>;
  /** names whose written value differs from the real one */
  changed: Set<string>;
  /** [real, shown] string pairs, longest first, to clean outputs and messages */
  replacements: [string, string][];
}

/** Returns the label written instead of a secret value: `<secret sha256:…>` (16 hex digits). */
export function secretLabel(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return `<secret sha256:${sha256Hex(text).slice(0, 16)}>`;
}

/** Returns `values` as they may be written for a notebook with `parameters`. */
export function redactParameters(
  values: ReadonlyMap<string, unknown>,
  parameters: readonly NotebookParameter[],
): RedactedParameters {
  const secret = new Set(parameters.filter((p) => p.secret).map((p) => p.name));
  const shown = new Map<string, unknown>();
  const changed = new Set<string>();
  const replacements: [string, string][] = [];
  for (const [name, value] of values) {
    const written = secret.has(name) ? secretLabel(value) : redactDeep(value);
    shown.set(name, written);
    if (JSON.stringify(written) === JSON.stringify(value)) continue;
    changed.add(name);
    for (const [real, safe] of stringPairs(value, written)) replacements.push([real, safe]);
  }
  replacements.sort((a, b) => b[0].length - a[0].length);
  return { shown, changed, replacements };
}

/**
 * Returns `text` with every real value of `redacted` replaced by its written form, then the
 * general redaction applied (for outputs and error messages that echo a parameter).
 */
export function redactEchoes(text: string, redacted: RedactedParameters): string {
  let out = text;
  for (const [real, safe] of redacted.replacements) {
    if (real.length >= 4) out = out.split(real).join(safe);
  }
  return redactSecrets(out);
}

/** Returns a copy of `value` with `redactEchoes` applied to every string in it (outputs, failures). */
export function redactEchoesDeep<T>(value: T, redacted: RedactedParameters): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redactEchoes(v, redacted);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object" && !(v instanceof Date))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

// The changed strings inside a value (a string, or strings nested in arrays/objects).
function stringPairs(real: unknown, written: unknown): [string, string][] {
  if (typeof real === "string")
    return real === written ? [] : [[real, typeof written === "string" ? written : "***"]];
  if (typeof written === "string") {
    // a secret: every string inside it maps to the label
    return collectStrings(real).map((s) => [s, written]);
  }
  if (Array.isArray(real) && Array.isArray(written))
    return real.flatMap((v, i) => stringPairs(v, written[i]));
  if (real !== null && typeof real === "object" && written !== null && typeof written === "object")
    return Object.entries(real).flatMap(([k, v]) => [
      ...stringPairs(k, redactSecrets(k)),
      ...stringPairs(v, (written as Record<string, unknown>)[redactSecrets(k)]),
    ]);
  return [];
}

function collectStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value instanceof Date) return [];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [k, ...collectStrings(v)]);
  return [];
}
