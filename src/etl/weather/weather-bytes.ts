/**
 * Reads one weather file — a local path or an http(s) URL — into memory, gunzipped when its bytes
 * start with the gzip magic (whatever the name says). URLs go through `Effects.fetch` by the
 * retrying HTTP helper, and both the response and the gunzipped text are capped at `maxBodyBytes`.
 */
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type { Effects } from "../../effects.js";
import { InputError, ValidationError } from "../../errors.js";
import { httpGetBytes, type HttpRetryOptions } from "../extract/http-request.js";

/** One file's bytes and where they came from. */
export interface WeatherBytes {
  /** the path, or the URL with secrets redacted */
  location: string;
  /** the content, gunzipped */
  bytes: Uint8Array;
  /** SHA-256 and size of the bytes as read (before gunzip) */
  sha256: string;
  size: number;
}

/** Options of `readWeatherBytes`. */
export interface ReadWeatherBytesOptions {
  /** largest file, response or gunzipped content in bytes; default 256 MiB */
  maxBodyBytes?: number;
  /** HTTP retry and timeout settings; default the helper's */
  http?: HttpRetryOptions;
}

/** True when `input` is an http(s) URL. */
export function isHttpUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** Returns the (gunzipped) bytes at `location`. */
export async function readWeatherBytes(
  location: string,
  effects: Effects,
  options: ReadWeatherBytesOptions = {},
): Promise<WeatherBytes> {
  const cap = options.maxBodyBytes ?? 256 * 1024 * 1024;
  let raw: Uint8Array;
  let where = location;
  if (isHttpUrl(location)) {
    const got = await httpGetBytes(location, effects, {
      ...options.http,
      maxBodyBytes: cap,
      source: "weather",
    });
    raw = got.value;
    where = got.safeUrl;
  } else raw = await readLocal(location, effects);
  const sha256 = createHash("sha256").update(raw).digest("hex");
  return { location: where, bytes: gunzipped(raw, where, cap), sha256, size: raw.length };
}

async function readLocal(path: string, effects: Effects): Promise<Uint8Array> {
  try {
    return await effects.readFile(path);
  } catch (error) {
    throw new InputError(
      `weather input not readable: "${path}" (expected an existing file, a glob or an http(s) URL)`,
      { cause: error },
    );
  }
}

function gunzipped(raw: Uint8Array, location: string, cap: number): Uint8Array {
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return new Uint8Array(gunzipSync(raw, { maxOutputLength: cap }));
  } catch (error) {
    const tooBig = (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    const problem = tooBig ? `gunzipped content exceeds ${cap} bytes` : "gzip data corrupt";
    throw new ValidationError(
      `weather file ${problem}: ${location} (expected ${tooBig ? "a smaller file or a larger maxBodyBytes" : "a complete .gz file"})`,
      [{ file: location, message: problem, expected: "gzip-compressed text" }],
      { cause: error },
    );
  }
}
