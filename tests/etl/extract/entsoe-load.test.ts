import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { InputError, SourceError } from "../../../src/errors.js";
import { extractEntsoeLoad, parseEntsoeInput } from "../../../src/etl/extract/entsoe-load.js";
import {
  recordingEffects,
  recordingSleep,
  send,
  startFixtureServer,
  type FixtureServer,
} from "../../helpers/http-fixture-server.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/entsoe/${name}`, import.meta.url), "utf8");
const TOKEN = "tok-1b2c3d4e";
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const xml = { "content-type": "text/xml" };

describe("extractEntsoeLoad", () => {
  it("extractEntsoeLoad(entsoe://CEPS) reads PT15M points, quarantines bad ones and leaves gaps", async () => {
    server = await startFixtureServer((_req, res) =>
      send(res, 200, fixture("actual-load-a01-pt15m.xml"), xml),
    );
    const effects = recordingEffects();
    const result = await extractEntsoeLoad(
      "entsoe://10YCZ-CEPS-----N?start=2024-01-01T00:00Z&end=2024-01-01T02:00Z",
      { token: TOKEN, baseUrl: `${server.baseUrl}/api` },
      effects,
    );
    const q = server.requests[0]!.url.searchParams;
    expect(Object.fromEntries(q)).toEqual({
      securityToken: TOKEN,
      documentType: "A65",
      processType: "A16",
      outBiddingZone_Domain: "10YCZ-CEPS-----N",
      periodStart: "202401010000",
      periodEnd: "202401010200",
    });
    const t0 = Date.UTC(2024, 0, 1);
    expect(Array.from(result.frame.columns.timeUtcMs as Float64Array)).toEqual(
      [0, 1, 2, 3, 4, 7].map((k) => t0 + k * 900_000),
    );
    expect(Array.from(result.frame.columns.loadMw as Float64Array)).toEqual([
      6512, 6488, 6431.5, 6390, 6342, 6201,
    ]);
    expect(result.quarantine.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^ENTSO-E quantity not a number: "bad"/),
      expect.stringMatching(/^ENTSO-E position out of range: "9" \(expected 1 to 8\)/),
    ]);
    expect(result.rowsRead).toBe(8);
    expect(result.source.location).toContain("securityToken=***");
    expect(JSON.stringify(result) + effects.lines.join("")).not.toContain(TOKEN);
  });

  it("extractEntsoeLoad fills the positions an A03 curve leaves out with the previous value", async () => {
    server = await startFixtureServer((_req, res) =>
      send(res, 200, fixture("actual-load-a03-pt60m.xml"), xml),
    );
    const result = await extractEntsoeLoad(
      {
        area: "10YDE-VE-------2",
        startUtcMs: Date.UTC(2024, 0, 1),
        endUtcMs: Date.UTC(2024, 0, 1, 6),
      },
      { token: TOKEN, baseUrl: server.baseUrl },
      recordingEffects(),
    );
    expect(Array.from(result.frame.columns.loadMw as Float64Array)).toEqual([
      9100, 9050, 9050, 9050, 9300, 9300,
    ]);
    expect((result.frame.columns.timeUtcMs as Float64Array)[5]).toBe(Date.UTC(2024, 0, 1, 5));
  });

  it("extractEntsoeLoad turns an Acknowledgement_MarketDocument into a SourceError with its reason", async () => {
    server = await startFixtureServer((_req, res) =>
      send(res, 200, fixture("acknowledgement-no-data.xml"), xml),
    );
    await expect(
      extractEntsoeLoad(
        "entsoe://10YCZ-CEPS-----N?start=203001010000&end=203001020000",
        { token: TOKEN, baseUrl: server.baseUrl },
        recordingEffects(),
      ),
    ).rejects.toThrow(/acknowledgement: 999 No matching data found.*securityToken=\*\*\*/);
  });

  it("extractEntsoeLoad reports a 400 acknowledgement body as the HTTP error text", async () => {
    const body = fixture("acknowledgement-no-data.xml").replace("999", "400");
    server = await startFixtureServer((_req, res) => send(res, 400, body, xml));
    const error = await extractEntsoeLoad(
      "entsoe://X?start=203001010000&end=203001020000",
      { token: TOKEN, baseUrl: server.baseUrl },
      recordingEffects(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).httpStatus).toBe(400);
    expect((error as Error).message).toMatch(/HTTP 400 Bad Request: No matching data found/);
  });

  it("extractEntsoeLoad rejects malformed XML with a clear SourceError", async () => {
    server = await startFixtureServer((_req, res) =>
      send(res, 200, "<GL_MarketDocument><TimeSeries>", xml),
    );
    await expect(
      extractEntsoeLoad(
        "entsoe://X?start=202401010000&end=202401020000",
        { token: TOKEN, baseUrl: server.baseUrl },
        recordingEffects(),
      ),
    ).rejects.toThrow(/ENTSO-E response unreadable: .*\(expected GL_MarketDocument XML\)/);
  });

  it("extractEntsoeLoad splits a range over one year into yearly requests and retries a 429", async () => {
    server = await startFixtureServer((_req, res, i) =>
      i === 1
        ? send(res, 429, "", { "retry-after": "1" })
        : send(res, 200, fixture("actual-load-a03-pt60m.xml"), xml),
    );
    const sleep = recordingSleep();
    await extractEntsoeLoad(
      "entsoe://X?start=2022-01-01&end=2024-01-01",
      { token: TOKEN, baseUrl: server.baseUrl, sleep },
      recordingEffects(),
    );
    expect(server.requests.map((r) => r.url.searchParams.get("periodStart"))).toEqual([
      "202201010000",
      "202301010000",
      "202301010000",
    ]);
    expect(server.requests.map((r) => r.url.searchParams.get("periodEnd"))).toEqual([
      "202301010000",
      "202401010000",
      "202401010000",
    ]);
    expect(sleep.delays).toEqual([1000]);
  });

  it("parseEntsoeInput(input) checks the range and extractEntsoeLoad needs ENTSOE_TOKEN", async () => {
    expect(() => parseEntsoeInput("entsoe://X?start=202401020000&end=202401010000")).toThrow(
      /range empty/,
    );
    expect(() => parseEntsoeInput("entsoe://X?start=yesterday&end=202401010000")).toThrow(
      /start malformed: "yesterday"/,
    );
    await expect(
      extractEntsoeLoad(
        "entsoe://X?start=202401010000&end=202401020000",
        { env: {} },
        recordingEffects(),
      ),
    ).rejects.toThrow(InputError);
  });
});
