/** Finds a notebook's `parameters` cell and describes each parameter: name, type, default. */
import { InputError } from "../../errors.js";
import { cellTags, sourceText, type Notebook } from "../notebook/notebook-types.js";
import { LiteralSyntaxError, parseLiteralDeclarations } from "./parse-literal.js";

/** The value kinds a parameter can have. */
export type ParameterKind =
  "number" | "string" | "date" | "Date" | "boolean" | "array" | "object" | "any";

/** One parameter of a notebook. */
export interface NotebookParameter {
  name: string;
  kind: ParameterKind;
  /** The type shown to users: the annotation, else the inferred kind. */
  type: string;
  /** The annotation to repeat in the injected cell, if the parameters cell had one. */
  annotation: string | undefined;
  /** For string unions like `"hourly" | "daily"`: the allowed values. */
  choices: string[] | undefined;
  nullable: boolean;
  defaultValue: unknown;
  defaultText: string;
  line: number;
  /**
   * True when the value must never be written: the name ends in secret, password, token or
   * apiKey/api_key (any case: `dbPassword`, `api_token`), or its line in the parameters cell
   * carries a `// secret` comment. Reports show only a hash of it.
   */
  secret: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Returns the index of the cell tagged `parameters`, or -1. */
export function findParametersCell(notebook: Notebook): number {
  return notebook.cells.findIndex(
    (c) => c.cell_type === "code" && cellTags(c).includes("parameters"),
  );
}

/** Returns the parameters of `notebook` (empty without a `parameters` cell). */
export function notebookParameters(notebook: Notebook, path: string): NotebookParameter[] {
  const index = findParametersCell(notebook);
  if (index < 0) return [];
  const source = sourceText(notebook.cells[index]!.source);
  const lines = source.split("\n");
  try {
    return parseLiteralDeclarations(source).map((d) => {
      const kind = kindOf(d.value, d.annotation);
      const choices = d.annotation === undefined ? undefined : stringChoices(d.annotation);
      return {
        name: d.name,
        kind,
        type: d.annotation ?? (kind === "any" ? "unknown" : kind),
        annotation: d.annotation,
        choices,
        nullable: d.value === null || /\bnull\b/.test(d.annotation ?? ""),
        defaultValue: d.value,
        defaultText: d.text,
        line: d.line,
        secret: isSecretParameter(d.name, lines[d.line - 1] ?? ""),
      };
    });
  } catch (error) {
    if (!(error instanceof LiteralSyntaxError)) throw error;
    throw new InputError(
      `invalid parameters cell: ${path}: cell ${index + 1}, ${error.line}:${error.column}: ${error.message}`,
      { cause: error },
    );
  }
}

/** True for a parameter named `…Secret`, `…Password`, `…Token`, `…ApiKey` or marked `// secret`. */
export function isSecretParameter(name: string, line: string): boolean {
  return /(?:secret|password|passwd|token|api_?key)$/i.test(name) || /\/\/\s*secret\b/i.test(line);
}

function kindOf(value: unknown, annotation: string | undefined): ParameterKind {
  const fromType = annotation === undefined ? undefined : kindOfAnnotation(annotation);
  if (fromType) return fromType;
  if (value instanceof Date) return "Date";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return ISO_DATE.test(value) ? "date" : "string";
  if (Array.isArray(value)) return "array";
  if (value !== null && typeof value === "object") return "object";
  return "any";
}

function kindOfAnnotation(annotation: string): ParameterKind | undefined {
  const parts = annotation
    .split("|")
    .map((p) => p.trim())
    .filter((p) => p !== "null" && p !== "undefined");
  const type = parts.join(" | ");
  if (type === "number" || type === "boolean" || type === "Date") return type;
  if (type === "string" || stringChoices(type) !== undefined) return "string";
  if (/\[\]$|^Array<|^readonly /.test(type)) return "array";
  if (/^\{|^Record</.test(type)) return "object";
  return undefined;
}

function stringChoices(annotation: string): string[] | undefined {
  const parts = annotation
    .split("|")
    .map((p) => p.trim())
    .filter((p) => p !== "null");
  const literal = /^("([^"\\]*)"|'([^'\\]*)')$/;
  if (parts.length === 0 || !parts.every((p) => literal.test(p))) return undefined;
  return parts.map((p) => p.slice(1, -1));
}

/** True when `text` is an ISO 8601 date (YYYY-MM-DD, optionally with time and offset) that exists. */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const time = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(time)) return false;
  // Date.parse rolls 2021-02-30 over to March; the calendar date must survive a round trip.
  // (setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.)
  const probe = new Date(0);
  probe.setUTCFullYear(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10));
  return probe.toISOString().slice(0, 10) === text.slice(0, 10);
}
