import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { InputError, SourceError } from "../../../src/errors.js";
import { extractEiaHourly, parseEiaInput } from "../../../src/etl/extract/eia-hourly.js";
import { parseEiaRecord } from "../../../src/etl/extract/eia-record.js";
import {
  recordingEffects,
  recordingSleep,
  send,
  startFixtureServer,
  type FixtureServer,
  type RecordedRequest,
} from "../../helpers/http-fixture-server.js";

const FIXTURE = JSON.parse(
  readFileSync(
    new URL("../../fixtures/eia/region-data-pjm-2024-06-01.json", import.meta.url),
    "utf8",
  ),
) as { response: { total: string; data: unknown[] } };
const KEY = "test-key-5f2c9a";

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Pages the fixture like the API: slice response.data by offset/length. */
function page(req: RecordedRequest, total = FIXTURE.response.total, shortBy = 0): string {
  const offset = Number(req.url.searchParams.get("offset"));
  const length = Number(req.url.searchParams.get("length"));
  const data = FIXTURE.response.data.slice(offset, offset + Math.max(1, length - shortBy));
  return JSON.stringify({ ...FIXTURE, response: { ...FIXTURE.response, total, data } });
}

const INPUT = "eia://PJM?start=2024-06-01T00&end=2024-06-01T23";

describe("extractEiaHourly", () => {
  it("extractEiaHourly(eia://PJM) pages by offset until response.total and quarantines bad records", async () => {
    server = await startFixtureServer((req, res) => send(res, 200, page(req)));
    const effects = recordingEffects();
    const result = await extractEiaHourly(
      INPUT,
      { apiKey: KEY, baseUrl: `${server.baseUrl}/v2`, pageSize: 10, sleep: recordingSleep() },
      effects,
    );
    expect(server.requests.map((r) => r.url.searchParams.get("offset"))).toEqual(["0", "10", "20"]);
    const q = server.requests[0]!.url.searchParams;
    expect(server.requests[0]!.url.pathname).toBe("/v2/electricity/rto/region-data/data/");
    expect(q.get("frequency")).toBe("hourly");
    expect(q.get("data[0]")).toBe("value");
    expect(q.get("facets[respondent][]")).toBe("PJM");
    expect(q.get("facets[type][]")).toBe("D");
    expect(q.get("start")).toBe("2024-06-01T00");
    expect(q.get("end")).toBe("2024-06-01T23");
    expect(q.get("sort[0][column]")).toBe("period");
    expect(q.get("length")).toBe("10");
    expect(result.rowsRead).toBe(24);
    expect(result.frame.length).toBe(21);
    const time = result.frame.columns.timeUtcMs as Float64Array;
    const load = result.frame.columns.loadMw as Float64Array;
    expect(time[0]).toBe(Date.UTC(2024, 5, 1, 0));
    expect(load[0]).toBe(78123);
    // hour 12 came as the string "98740"
    expect(load[Array.from(time).indexOf(Date.UTC(2024, 5, 1, 12))]).toBe(98740);
    expect(Array.from(result.frame.columns.line as Int32Array).slice(4, 6)).toEqual([5, 7]);
    expect(result.quarantine.map((r) => [r.line, r.reason])).toEqual([
      [
        6,
        expect.stringMatching(/^EIA period unparsable: "2024-06-01 05" \(expected YYYY-MM-DDTHH/),
      ],
      [21, expect.stringMatching(/^EIA value not a number: null/)],
      [23, expect.stringMatching(/^EIA value not a number: "n\/a"/)],
    ]);
    expect(JSON.parse(result.quarantine[1]!.raw)).toMatchObject({ period: "2024-06-01T20" });
    expect(result.source.kind).toBe("eia");
    expect(result.source.location).toContain("api_key=***");
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(effects.lines.join("\n")).not.toContain(KEY);
    expect(result.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("extractEiaHourly reads the key from EIA_API_KEY and sends it only as api_key", async () => {
    server = await startFixtureServer((req, res) => send(res, 200, page(req)));
    await extractEiaHourly(
      INPUT,
      { baseUrl: server.baseUrl, env: { EIA_API_KEY: KEY } },
      recordingEffects(),
    );
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url.searchParams.get("api_key")).toBe(KEY);
  });

  it("extractEiaHourly continues after a short page from the next offset", async () => {
    server = await startFixtureServer((req, res) => send(res, 200, page(req, "24", 3)));
    const result = await extractEiaHourly(
      INPUT,
      { apiKey: KEY, baseUrl: server.baseUrl, pageSize: 10 },
      recordingEffects(),
    );
    expect(server.requests.map((r) => r.url.searchParams.get("offset"))).toEqual([
      "0",
      "7",
      "14",
      "21",
    ]);
    expect(result.rowsRead).toBe(24);
  });

  it("extractEiaHourly fails when a page is empty before response.total", async () => {
    server = await startFixtureServer((req, res) =>
      send(
        res,
        200,
        req.url.searchParams.get("offset") === "0"
          ? page(req, "30")
          : page({ ...req, url: new URL("http://x/?offset=99&length=1") }, "30"),
      ),
    );
    await expect(
      extractEiaHourly(INPUT, { apiKey: KEY, baseUrl: server.baseUrl }, recordingEffects()),
    ).rejects.toThrow(
      /EIA page empty before the total was reached: offset 24 \(expected 6 more records\)/,
    );
  });

  it("extractEiaHourly fails when response.total changes between pages", async () => {
    server = await startFixtureServer((req, res) =>
      send(res, 200, page(req, req.url.searchParams.get("offset") === "0" ? "24" : "25")),
    );
    await expect(
      extractEiaHourly(
        INPUT,
        { apiKey: KEY, baseUrl: server.baseUrl, pageSize: 10 },
        recordingEffects(),
      ),
    ).rejects.toThrow(/EIA total changed while paging: 25 \(expected 24/);
  });

  it("extractEiaHourly turns the API's error page into a SourceError without the key", async () => {
    const body = readFileSync(
      new URL("../../fixtures/eia/error-api-key-invalid.json", import.meta.url),
    );
    server = await startFixtureServer((_req, res) =>
      send(res, 403, body, { "content-type": "application/json" }),
    );
    const error = await extractEiaHourly(
      INPUT,
      { apiKey: KEY, baseUrl: server.baseUrl },
      recordingEffects(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).httpStatus).toBe(403);
    expect((error as Error).message).toMatch(
      /HTTP 403 Forbidden: API_KEY_INVALID: An invalid api_key/,
    );
    expect((error as Error).message).not.toContain(KEY);
    expect((error as SourceError).location).toContain("api_key=***");
  });

  it("extractEiaHourly retries a 429 and a 503, then succeeds", async () => {
    server = await startFixtureServer((req, res, i) => {
      if (i === 0) send(res, 429, "", { "retry-after": "2" });
      else if (i === 1) send(res, 503, "maintenance");
      else send(res, 200, page(req));
    });
    const sleep = recordingSleep();
    const result = await extractEiaHourly(
      INPUT,
      { apiKey: KEY, baseUrl: server.baseUrl, sleep, random: () => 0 },
      recordingEffects(),
    );
    expect(result.frame.length).toBe(21);
    expect(sleep.delays).toEqual([2000, 500]);
  });

  it("extractEiaHourly fails after a 500 storm exceeds the retry budget", async () => {
    server = await startFixtureServer((_req, res) => send(res, 500, "Internal Server Error"));
    const sleep = recordingSleep();
    await expect(
      extractEiaHourly(
        INPUT,
        { apiKey: KEY, baseUrl: server.baseUrl, sleep, retries: 2 },
        recordingEffects(),
      ),
    ).rejects.toThrow(/eia request failed after 3 attempts: HTTP 500/);
    expect(server.requests).toHaveLength(3);
  });

  it("extractEiaHourly rejects a body that is not the v2 shape", async () => {
    server = await startFixtureServer((_req, res) =>
      send(res, 200, JSON.stringify({ response: { total: "x", data: [] } })),
    );
    await expect(
      extractEiaHourly(INPUT, { apiKey: KEY, baseUrl: server.baseUrl }, recordingEffects()),
    ).rejects.toThrow(/EIA response total unparsable: "x"/);
  });

  it("extractEiaHourly without a key is an InputError naming EIA_API_KEY", async () => {
    await expect(extractEiaHourly(INPUT, { env: {} }, recordingEffects())).rejects.toThrow(
      InputError,
    );
    await expect(extractEiaHourly(INPUT, { env: {} }, recordingEffects())).rejects.toThrow(
      /EIA_API_KEY/,
    );
  });

  it("parseEiaInput(input) reads respondent, type and hours and rejects bad ones", () => {
    expect(parseEiaInput("eia://pjm?type=DF&start=2024-06-01T00")).toEqual({
      respondent: "PJM",
      type: "DF",
      start: "2024-06-01T00",
    });
    expect(() => parseEiaInput("eia://PJM?start=2024-06-01")).toThrow(
      /EIA start malformed: "2024-06-01"/,
    );
    expect(() => parseEiaInput("eia:PJM")).toThrow(InputError);
  });
});

describe("parseEiaRecord", () => {
  it("parseEiaRecord(record, hourEnding) shifts hour-ending stamps back one hour", () => {
    const expectation = { respondent: "PJM", type: "D", allowNegative: false, hourEnding: true };
    const reason = (record: unknown) =>
      (parseEiaRecord(record, expectation) as { reason?: string }).reason;
    expect(parseEiaRecord({ period: "2024-06-01T00", value: "5" }, expectation)).toEqual({
      timeUtcMs: Date.UTC(2024, 4, 31, 23),
      valueMw: 5,
    });
    expect(reason({ period: "2024-02-30T00", value: 1 })).toMatch(
      /^EIA period unparsable: "2024-02-30T00"/,
    );
    expect(reason({ period: "2024-06-01T01", value: -3 })).toBe(
      "EIA value negative: -3 (expected load >= 0 MW)",
    );
    expect(reason({ period: "2024-06-01T01", value: 3, respondent: "MISO" })).toMatch(
      /another respondent: "MISO"/,
    );
  });
});
