/**
 * The HTTP client of the API sources: every request goes through the injected `Effects.fetch`,
 * with a per-attempt timeout and a bounded number of retries (exponential backoff with jitter on
 * 408/429/5xx, timeouts and dropped connections; `Retry-After` honoured) and a cap on every
 * response body. Secrets are redacted from every log line and error message.
 */
import type { Effects } from "../../effects.js";
import { PowerFlowError, SourceError } from "../../errors.js";
import { redactSecrets } from "../../util/redact-secrets.js";
import { withUrlCredentials } from "./url-credentials.js";

/** Largest response body any HTTP source reads, in bytes (1 GiB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 ** 3;

/** Retry, timeout and size settings of an HTTP source. */
export interface HttpRetryOptions {
  /** largest response body read, in bytes (a larger one fails, not retried); default 1 GiB */
  maxBodyBytes?: number;
  /** retries after the first attempt; default 4 (so at most 5 attempts) */
  retries?: number;
  /** first backoff delay in ms, doubled per retry; default 500 */
  baseDelayMs?: number;
  /** longest backoff delay in ms; default 30,000 */
  maxDelayMs?: number;
  /** longest accepted `Retry-After` in ms (longer fails at once); default 300,000 */
  maxRetryAfterMs?: number;
  /** time limit of one attempt (headers and body) in ms; default 60,000 */
  timeoutMs?: number;
  /** waits `ms` (tests pass a recording no-op); default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** jitter source in [0, 1); default Math.random */
  random?: () => number;
}

/** Options of `httpRequest`. */
export interface HttpRequestOptions extends HttpRetryOptions {
  /** source name used in errors and logs, e.g. "eia"; default "http" */
  source?: string;
  headers?: Record<string, string>;
  /** values to redact from every message (API keys, tokens) */
  secrets?: readonly (string | undefined)[];
  /** turns a failed response body into a one-line reason (e.g. the API's own error text) */
  describeError?: (status: number, body: string) => string | undefined;
}

/** What a consumer returns plus how the request went. */
export interface HttpResult<T> {
  value: T;
  status: number;
  attempts: number;
  /** the URL with secrets replaced by `***` */
  safeUrl: string;
}

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

class Retryable extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/**
 * Sends GET `url` and hands each successful (2xx) response to `consume`, retrying transient
 * failures (of the request or of `consume` reading the body); returns the consumer's value.
 * Throws SourceError (with `httpStatus`) on a non-retryable status or an exhausted retry budget.
 */
export async function httpRequest<T>(
  url: string,
  effects: Effects,
  consume: (response: Response) => Promise<T>,
  options: HttpRequestOptions = {},
): Promise<HttpResult<T>> {
  const source = options.source ?? "http";
  const redact = (text: string) => redactSecrets(text, options.secrets ?? []);
  const safeUrl = redact(url);
  const retries = options.retries ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await attemptOnce(url, effects, consume, options, redact);
      return { value: out.value, status: out.status, attempts: attempt, safeUrl };
    } catch (error) {
      if (!(error instanceof Retryable)) throw wrapFatal(error, source, safeUrl, redact);
      if (attempt > retries) {
        throw new SourceError(
          source,
          `${source} request failed after ${attempt} attempts: ${error.message} (expected a 2xx response) at ${safeUrl}`,
          { location: safeUrl, httpStatus: error.status, cause: new Error(error.message) },
        );
      }
      const delay = backoffMs(attempt, error.retryAfterMs, options);
      if (delay > (options.maxRetryAfterMs ?? 300_000)) {
        throw new SourceError(
          source,
          `${source} server asked to retry too late: ${Math.round(delay / 1000)} s (expected Retry-After up to ${Math.round((options.maxRetryAfterMs ?? 300_000) / 1000)} s) at ${safeUrl}`,
          { location: safeUrl, httpStatus: error.status },
        );
      }
      effects.logger.debug(
        `${source} GET ${safeUrl}: ${error.message}; retry ${attempt}/${retries} in ${delay} ms`,
      );
      await sleep(delay);
    }
  }
}

/** `httpRequest` that reads the whole body as bytes. */
export function httpGetBytes(
  url: string,
  effects: Effects,
  options: HttpRequestOptions = {},
): Promise<HttpResult<Uint8Array>> {
  return httpRequest(url, effects, async (r) => new Uint8Array(await r.arrayBuffer()), options);
}

async function attemptOnce<T>(
  url: string,
  effects: Effects,
  consume: (response: Response) => Promise<T>,
  options: HttpRequestOptions,
  redact: (text: string) => string,
): Promise<{ value: T; status: number }> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutMarker()), timeoutMs);
  try {
    const target = withUrlCredentials(url, options.headers);
    const init: RequestInit = { signal: controller.signal, redirect: "follow" };
    if (target.headers) init.headers = target.headers;
    const response = await effects.fetch(target.url, init);
    const cap = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (!response.ok) {
      const body = await readErrorBody(response, cap);
      const detail = options.describeError?.(response.status, body) ?? snippet(body);
      const message = redact(
        `HTTP ${response.status} ${response.statusText}${detail ? `: ${detail}` : ""}`,
      );
      if (RETRY_STATUS.has(response.status)) {
        throw new Retryable(message, response.status, retryAfterMs(response, effects));
      }
      throw new HttpStatusError(message, response.status);
    }
    const capped = capBody(response, cap);
    try {
      return { value: await consume(capped.response), status: response.status };
    } catch (error) {
      // The consumer sees the cap as a failed read of its body, in its own words or not at all.
      throw capped.exceeded() ?? error;
    }
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof TimeoutMarker) {
      throw new Retryable(`timed out after ${timeoutMs} ms`, undefined, undefined);
    }
    const code = errorCode(error);
    if (code !== undefined && TRANSIENT_CODES.has(code)) {
      throw new Retryable(`connection failed: ${code}`, undefined, undefined);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

class TimeoutMarker extends Error {}

class BodyTooLarge extends Error {
  constructor(readonly capBytes: number) {
    super(`response body exceeds the ${formatBytes(capBytes)} cap`);
  }
}

// A copy of `response` whose body errors once more than `cap` bytes have been read (or at once
// when Content-Length announces more), so no consumer can hold more than the cap in memory.
function capBody(
  response: Response,
  cap: number,
): { response: Response; exceeded: () => BodyTooLarge | undefined } {
  let tripped: BodyTooLarge | undefined;
  const exceeded = () => tripped;
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > cap) {
    void response.body?.cancel().catch(() => undefined);
    tripped = new BodyTooLarge(cap);
    throw tripped;
  }
  if (response.body === null) return { response, exceeded };
  let seen = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > cap) {
        tripped = new BodyTooLarge(cap);
        controller.error(tripped);
      } else controller.enqueue(chunk);
    },
  });
  const body = response.body.pipeThrough(counter);
  const init = {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  };
  return { response: new Response(body, init), exceeded };
}

async function readErrorBody(response: Response, cap: number): Promise<string> {
  try {
    return await capBody(response, cap).response.text();
  } catch {
    return "";
  }
}

function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit += 1;
  }
  return `${value} ${units[unit]}`;
}

class HttpStatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function wrapFatal(
  error: unknown,
  source: string,
  safeUrl: string,
  redact: (text: string) => string,
): Error {
  if (error instanceof PowerFlowError) return error;
  if (error instanceof BodyTooLarge) {
    return new SourceError(
      source,
      `${source} ${error.message} (expected at most maxBodyBytes = ${error.capBytes} bytes; raise source.maxBodyBytes to read it) at ${safeUrl}`,
      { location: safeUrl },
    );
  }
  if (error instanceof HttpStatusError) {
    return new SourceError(
      source,
      `${source} request rejected: ${error.message} (expected a 2xx response) at ${safeUrl}`,
      { location: safeUrl, httpStatus: error.status },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  return new SourceError(
    source,
    redact(
      `${source} request failed: ${message}${code ? ` (${code})` : ""} (expected a reachable server) at ${safeUrl}`,
    ),
    { location: safeUrl },
  );
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function retryAfterMs(response: Response, effects: Effects): number | undefined {
  const header = response.headers.get("retry-after");
  if (header === null) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - effects.now().getTime());
}

/** Exponential backoff with "equal jitter"; a server's Retry-After wins when it is longer. */
function backoffMs(
  attempt: number,
  retryAfter: number | undefined,
  options: HttpRetryOptions,
): number {
  const cap = Math.min(
    options.maxDelayMs ?? 30_000,
    (options.baseDelayMs ?? 500) * 2 ** (attempt - 1),
  );
  const random = options.random ?? Math.random;
  const jittered = Math.round(cap / 2 + (random() * cap) / 2);
  return retryAfter === undefined ? jittered : Math.max(retryAfter, 0);
}

function snippet(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
