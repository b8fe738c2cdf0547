/** Publishes a key metric from a notebook: shown in the report and listed in reports/index.html. */
import { textOf } from "../util/text-of.js";
import { display } from "./display.js";
import { PUBLISH_MIME } from "./mime-types.js";

/** Options of `publish`. */
export interface PublishOptions {
  /** Unit shown after the value, e.g. "MW" (default none). */
  unit?: string;
}

/**
 * Publishes `value` (a number, string, boolean or small JSON value) under `name`: the report
 * shows it as a metric card, the manifest and reports/index.html list it. Like `display`, it
 * throws DisplayError when no running cell can receive it (outside a kernel, say).
 */
export function publish(name: string, value: unknown, options: PublishOptions = {}): void {
  const unit = options.unit === undefined ? "" : ` ${options.unit}`;
  const metric: Record<string, unknown> = { name, value: jsonValue(value) };
  if (options.unit !== undefined) metric.unit = options.unit;
  const shown = jsonValue(value);
  const text = textOf(shown);
  display({ [PUBLISH_MIME]: metric, "text/plain": `${name}: ${text}${unit}` });
}

function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}
