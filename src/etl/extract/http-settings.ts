/**
 * Reads a connector's settings from the config file's `source:` block (`SourceOptions.settings`):
 * each known key is type-checked, and a wrong type is an InputError naming `source.<key>`.
 */
import { InputError } from "../../errors.js";
import type { HttpRetryOptions } from "./http-request.js";

type Settings = Record<string, unknown> | undefined;

/** Returns `settings[key]` when it is a string, undefined when absent; throws otherwise. */
export function stringSetting(settings: Settings, key: string): string | undefined {
  const value = settings?.[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw wrongType(key, value, "a string");
  return value;
}

/** Returns `settings[key]` when it is a finite number ≥ 0, undefined when absent; throws otherwise. */
export function numberSetting(settings: Settings, key: string): number | undefined {
  const value = settings?.[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw wrongType(key, value, "a number >= 0");
  }
  return value;
}

/** Returns `settings[key]` when it is an array, undefined when absent; throws otherwise. */
export function arraySetting(settings: Settings, key: string): unknown[] | undefined {
  const value = settings?.[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw wrongType(key, value, "a list");
  return value as unknown[];
}

/** Returns the retry settings present in `settings` (retries, baseDelayMs, maxDelayMs, timeoutMs, maxBodyBytes). */
export function retrySettings(settings: Settings): HttpRetryOptions {
  const out: HttpRetryOptions = {};
  for (const key of [
    "retries",
    "baseDelayMs",
    "maxDelayMs",
    "maxRetryAfterMs",
    "timeoutMs",
    "maxBodyBytes",
  ] as const) {
    const value = numberSetting(settings, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function wrongType(key: string, value: unknown, expected: string): InputError {
  return new InputError(
    `source.${key} has the wrong type: ${JSON.stringify(value)} (expected ${expected})`,
  );
}
