import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { SourceError } from "../../../src/errors.js";
import { extractOpsdCsv } from "../../../src/etl/extract/opsd-csv.js";
import {
  recordingEffects,
  recordingSleep,
  send,
  startFixtureServer,
  type FixtureServer,
} from "../../helpers/http-fixture-server.js";

const CSV = readFileSync(
  new URL("../../fixtures/opsd/time_series_60min_singleindex-de-trimmed.csv", import.meta.url),
);
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("extractOpsdCsv", () => {
  it("extractOpsdCsv(url#column) reads the named column against utc_timestamp", async () => {
    server = await startFixtureServer((_req, res) =>
      send(res, 200, CSV, { "content-type": "text/csv" }),
    );
    const url = `${server.baseUrl}/time_series/2020-10-06/time_series_60min_singleindex.csv#FR_load_actual_entsoe_transparency`;
    const result = await extractOpsdCsv(url, {}, recordingEffects());
    expect(server.requests[0]!.url.pathname).toBe(
      "/time_series/2020-10-06/time_series_60min_singleindex.csv",
    );
    expect(result.frame.length).toBe(8);
    expect((result.frame.columns.timeUtcMs as Float64Array)[0]).toBe(Date.UTC(2015, 0, 1, 0));
    expect((result.frame.columns.loadMw as Float64Array)[0]).toBe(70929);
    expect(result.quarantine).toHaveLength(1);
    expect(result.quarantine[0]!.source).toBe(url.split("#")[0]);
    expect(result.quarantine[0]!.line).toBe(2);
    expect(result.source).toMatchObject({ kind: "opsd", location: url.split("#")[0] });
    expect(result.rowsRead).toBe(9);
  });

  it("extractOpsdCsv(url.csv.gz) gunzips and retries a dropped connection", async () => {
    server = await startFixtureServer((_req, res, i) => {
      if (i === 0) res.socket?.destroy();
      else send(res, 200, gzipSync(CSV));
    });
    const result = await extractOpsdCsv(
      `${server.baseUrl}/ts.csv.gz#DE_load_actual_entsoe_transparency`,
      { sleep: recordingSleep() },
      recordingEffects(),
    );
    expect(Array.from(result.frame.columns.loadMw as Float64Array).slice(0, 2)).toEqual([
      41151, 40135,
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it("extractOpsdCsv names the URL, not a temp file, when the column is missing", async () => {
    server = await startFixtureServer((_req, res) => send(res, 200, CSV));
    const url = `${server.baseUrl}/ts.csv#XX_load`;
    const error = await extractOpsdCsv(url, {}, recordingEffects()).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`${server.baseUrl}/ts.csv`);
    expect((error as Error).message).not.toMatch(/powerflow-opsd-/);
  });

  it("extractOpsdCsv fails with SourceError on 404", async () => {
    server = await startFixtureServer((_req, res) => send(res, 404, "gone"));
    await expect(extractOpsdCsv(`${server.baseUrl}/x.csv`, {}, recordingEffects())).rejects.toThrow(
      SourceError,
    );
  });
});
