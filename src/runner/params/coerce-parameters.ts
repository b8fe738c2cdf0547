/** Checks user-supplied parameter values against a notebook's parameters and types them. */
import { InputError } from "../../errors.js";
import { redactSecrets } from "../../util/redact-secrets.js";
import { isIsoDate, type NotebookParameter } from "./notebook-parameters.js";
import { MAX_LITERAL_DEPTH } from "./parse-literal.js";
import { secretLabel } from "./redact-parameters.js";

/** A raw value: text from `-p name=value`, or an already typed value from a params file. */
export interface RawParameter {
  name: string;
  value: unknown;
  /** True for `-p` text, which is parsed according to the parameter's type. */
  fromText: boolean;
  /** Where it came from, for messages: "-p" or the params file path. */
  origin: string;
}

/**
 * Returns the typed values of `raw` for `notebook`'s `parameters`. An unknown name raises
 * InputError listing the parameters and their types; a value of the wrong type raises InputError.
 */
export function coerceParameters(
  raw: readonly RawParameter[],
  parameters: readonly NotebookParameter[],
  notebook: string,
): Map<string, unknown> {
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const out = new Map<string, unknown>();
  for (const item of raw) {
    const parameter = byName.get(item.name);
    if (!parameter) throw unknownParameter(item, parameters, notebook);
    out.set(item.name, coerceValue(item, parameter, notebook));
  }
  return out;
}

/** Returns the "name: type" list used in messages. */
export function describeParameters(parameters: readonly NotebookParameter[]): string {
  if (parameters.length === 0) return 'none: the notebook has no cell tagged "parameters"';
  return parameters.map((p) => `${p.name}: ${p.type}`).join(", ");
}

function unknownParameter(
  item: RawParameter,
  parameters: readonly NotebookParameter[],
  notebook: string,
) {
  return new InputError(
    `unknown parameter for ${notebook}: "${item.name}" from ${item.origin} (expected one of: ${describeParameters(parameters)})`,
  );
}

function coerceValue(item: RawParameter, p: NotebookParameter, notebook: string): unknown {
  const fail = (why: string): never => {
    const shown = p.secret
      ? secretLabel(item.value)
      : redactSecrets(clip(JSON.stringify(item.value) ?? String(item.value)));
    throw new InputError(
      `invalid parameter ${p.name} for ${notebook}: ${shown} from ${item.origin} (expected ${why})`,
    );
  };
  const text = item.fromText ? String(item.value) : undefined;
  if (p.nullable && (item.value === null || text === "null")) return null;
  const value = text === undefined ? item.value : parseText(text, p);
  // what is injected must read back, and be written, without overflowing a stack
  if (depthOf(value) > MAX_LITERAL_DEPTH)
    fail(`at most ${MAX_LITERAL_DEPTH} levels of arrays and objects`);
  return checkKind(value, p, fail);
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

// Nesting depth of arrays, objects and dates, counted without recursion.
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [v, depth] = next;
    if (v === null || typeof v !== "object") continue;
    deepest = Math.max(deepest, depth + 1);
    if (v instanceof Date) continue;
    if (deepest > MAX_LITERAL_DEPTH) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function parseText(text: string, p: NotebookParameter): unknown {
  switch (p.kind) {
    case "number":
      return /^[-+]?(\d[\d_]*)?\.?\d[\d_]*([eE][-+]?\d+)?$/.test(text.trim())
        ? Number(text.trim().replaceAll("_", ""))
        : text;
    case "boolean":
      return /^true$/i.test(text.trim()) ? true : /^false$/i.test(text.trim()) ? false : text;
    case "array":
    case "object":
    case "any":
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return p.kind === "any" ? text : { __invalidJson: text };
      }
    default:
      return text;
  }
}

function checkKind(value: unknown, p: NotebookParameter, fail: (why: string) => never): unknown {
  switch (p.kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : fail("a finite number");
    case "boolean":
      return typeof value === "boolean" ? value : fail("true or false");
    case "string":
      if (typeof value !== "string") return fail("a string");
      if (p.choices && !p.choices.includes(value))
        return fail(`one of ${p.choices.map((c) => JSON.stringify(c)).join(", ")}`);
      return value;
    case "date":
    case "Date": {
      const text = value instanceof Date ? value.toISOString() : value;
      if (typeof text !== "string" || !isIsoDate(text))
        return fail("an ISO 8601 date like 2021-01-31 or 2021-01-31T00:00:00Z");
      if (p.kind === "Date" && text.length > 10 && !/(Z|[+-]\d{2}:\d{2})$/.test(text)) {
        return fail(
          "a UTC offset on a date-time (Z or +hh:mm), so the machine's time zone cannot change it",
        );
      }
      return p.kind === "Date" ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text) : text;
    }
    case "array":
      return Array.isArray(value) ? value : fail("a JSON array");
    case "object":
      return value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        !("__invalidJson" in value)
        ? value
        : fail("a JSON object");
    default:
      return value;
  }
}
