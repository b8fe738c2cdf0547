/**
 * A local HTTP server (node:http on 127.0.0.1, random port) for source tests: each test gives a
 * handler that answers from fixtures; every request is recorded (method, URL, headers) so tests
 * can assert paging, retries and that secrets were sent only where they belong.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { nodeEffects, type Effects } from "../../src/effects.js";

/** One request the server saw. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
}

/** Answers one request; `index` counts requests from 0. */
export type FixtureHandler = (
  request: RecordedRequest,
  response: ServerResponse,
  index: number,
) => void | Promise<void>;

/** A running fixture server. */
export interface FixtureServer {
  /** e.g. "http://127.0.0.1:41234" */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a server answering with `handler`. */
export async function startFixtureServer(handler: FixtureHandler): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const recorded = {
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      headers: req.headers,
    };
    const index = requests.push(recorded) - 1;
    req.resume();
    Promise.resolve(handler(recorded, res, index)).catch((error: unknown) => {
      res.statusCode = 599;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `body` with `status` and headers. */
export function send(
  response: ServerResponse,
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, headers);
  response.end(body);
}

/** Effects for source tests: real fetch and files, a fixed clock, and a logger that records. */
export function recordingEffects(nowIso = "2024-06-02T00:00:00Z"): Effects & { lines: string[] } {
  const lines: string[] = [];
  const base = nodeEffects();
  return {
    ...base,
    lines,
    logger: {
      info: (m) => void lines.push(`info: ${m}`),
      warn: (m) => void lines.push(`warn: ${m}`),
      debug: (m) => void lines.push(`debug: ${m}`),
    },
    now: () => new Date(nowIso),
  };
}

/** A sleep that returns at once and records each requested delay (ms). */
export function recordingSleep(): ((ms: number) => Promise<void>) & { delays: number[] } {
  const delays: number[] = [];
  return Object.assign(
    (ms: number) => {
      delays.push(ms);
      return Promise.resolve();
    },
    { delays },
  );
}
