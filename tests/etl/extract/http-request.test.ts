import { afterEach, describe, expect, it } from "vitest";
import { SourceError } from "../../../src/errors.js";
import { httpGetBytes, httpRequest } from "../../../src/etl/extract/http-request.js";
import { retrySettings } from "../../../src/etl/extract/http-settings.js";
import { redactSecrets } from "../../../src/util/redact-secrets.js";
import {
  recordingEffects,
  recordingSleep,
  send,
  startFixtureServer,
  type FixtureServer,
} from "../../helpers/http-fixture-server.js";

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const text = async (r: Response) => r.text();

describe("httpRequest", () => {
  it("httpRequest(url) honours Retry-After on 429 and then returns the body", async () => {
    server = await startFixtureServer((_req, res, i) =>
      i === 0 ? send(res, 429, "slow down", { "retry-after": "7" }) : send(res, 200, "ok"),
    );
    const sleep = recordingSleep();
    const result = await httpRequest(`${server.baseUrl}/x`, recordingEffects(), text, { sleep });
    expect(result).toMatchObject({ value: "ok", status: 200, attempts: 2 });
    expect(sleep.delays).toEqual([7000]);
  });

  it("httpRequest(url) reads an HTTP-date Retry-After against the injected clock", async () => {
    server = await startFixtureServer((_req, res, i) =>
      i === 0
        ? send(res, 503, "", { "retry-after": "Sun, 02 Jun 2024 00:00:30 GMT" })
        : send(res, 200, "ok"),
    );
    const sleep = recordingSleep();
    await httpRequest(`${server.baseUrl}/x`, recordingEffects("2024-06-02T00:00:00Z"), text, {
      sleep,
    });
    expect(sleep.delays).toEqual([30_000]);
  });

  it("httpRequest(url) gives up after the retry budget on a 500 storm with backoff and jitter", async () => {
    server = await startFixtureServer((_req, res) => send(res, 500, "boom"));
    const sleep = recordingSleep();
    const error = await httpRequest(
      `${server.baseUrl}/x?api_key=SECRET123`,
      recordingEffects(),
      text,
      {
        sleep,
        retries: 3,
        baseDelayMs: 100,
        random: () => 0.5,
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).httpStatus).toBe(500);
    expect((error as Error).message).toMatch(/failed after 4 attempts: HTTP 500.*boom/);
    expect((error as Error).message).not.toContain("SECRET123");
    expect(server.requests).toHaveLength(4);
    // cap = 100·2^(n-1); equal jitter with random 0.5 → 0.75·cap
    expect(sleep.delays).toEqual([75, 150, 300]);
  });

  it("httpRequest(url) fails at once on a 404 with the server's text", async () => {
    server = await startFixtureServer((_req, res) => send(res, 404, "no such route"));
    const error = await httpRequest(`${server.baseUrl}/x`, recordingEffects(), text, {
      sleep: recordingSleep(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/rejected: HTTP 404 Not Found: no such route/);
    expect(server.requests).toHaveLength(1);
  });

  it("httpRequest(url) retries a dropped connection and a timeout", async () => {
    server = await startFixtureServer((_req, res, i) => {
      if (i === 0) res.socket?.destroy();
      else if (i === 1)
        return; // never answers: the attempt times out
      else send(res, 200, "third time");
    });
    const sleep = recordingSleep();
    const effects = recordingEffects();
    const result = await httpRequest(`${server.baseUrl}/x`, effects, text, {
      sleep,
      timeoutMs: 300,
    });
    expect(result.value).toBe("third time");
    expect(result.attempts).toBe(3);
    expect(effects.lines.join("\n")).toMatch(/connection failed: \w+/);
    expect(effects.lines.join("\n")).toMatch(/timed out after 300 ms/);
  });

  it("httpRequest(url) refuses a Retry-After longer than the limit", async () => {
    server = await startFixtureServer((_req, res) => send(res, 429, "", { "retry-after": "3600" }));
    await expect(
      httpRequest(`${server.baseUrl}/x`, recordingEffects(), text, { sleep: recordingSleep() }),
    ).rejects.toThrow(/asked to retry too late: 3600 s/);
  });

  it("httpGetBytes(url) stops a streamed body past maxBodyBytes: one attempt, redacted URL, the cap", async () => {
    // chunked (no Content-Length): the cap trips while reading, not from the headers
    server = await startFixtureServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      for (let i = 0; i < 64; i++) res.write(new Uint8Array(1024));
      res.end();
    });
    const url = `${server.baseUrl}/big?api_key=SECRET123`;
    const error = await httpGetBytes(url, recordingEffects(), {
      source: "eia",
      secrets: ["SECRET123"],
      maxBodyBytes: 16 * 1024,
      sleep: recordingSleep(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^eia response body exceeds the 16 KiB cap \(expected at most maxBodyBytes = 16384 bytes/,
    );
    expect(message).toContain(`${server.baseUrl}/big?api_key=***`);
    expect(message).not.toContain("SECRET123");
    expect(server.requests).toHaveLength(1);
  });

  it("httpGetBytes(url) refuses a declared Content-Length over the cap and reads one at the cap", async () => {
    server = await startFixtureServer((req, res) =>
      send(res, 200, new Uint8Array(req.url.pathname === "/over" ? 2049 : 2048)),
    );
    const options = { maxBodyBytes: 2048, sleep: recordingSleep() };
    await expect(
      httpGetBytes(`${server.baseUrl}/over`, recordingEffects(), options),
    ).rejects.toThrow(
      /http response body exceeds the 2 KiB cap .* at http:\/\/127\.0\.0\.1:\d+\/over$/,
    );
    const exact = await httpGetBytes(`${server.baseUrl}/exact`, recordingEffects(), options);
    expect(exact.value.byteLength).toBe(2048);
  });

  it("retrySettings(settings) reads maxBodyBytes from a source block", () => {
    expect(retrySettings({ maxBodyBytes: 1000 })).toEqual({ maxBodyBytes: 1000 });
    expect(() => retrySettings({ maxBodyBytes: "1GB" })).toThrow(/source\.maxBodyBytes/);
  });

  it("redactSecrets(text) hides keys, tokens and URL passwords", () => {
    expect(
      redactSecrets("GET https://h/a?api_key=abc123&x=1 and securityToken=tok-9 user:pw@host", []),
    ).toBe("GET https://h/a?api_key=***&x=1 and securityToken=tok-9 user:pw@host");
    expect(redactSecrets("postgres://me:s3cret@db/x says tok-9", ["tok-9"])).toBe(
      "postgres://me:***@db/x says ***",
    );
  });
});
