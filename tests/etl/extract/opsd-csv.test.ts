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

  it("extractOpsdCsv stops a download past maxBodyBytes and keeps no temp file", async () => {
    server = await startFixtureServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/csv" });
      res.write(CSV.subarray(0, 400));
      res.end(CSV.subarray(400));
    });
    const { readdir } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const before = (await readdir(tmpdir())).filter((n) => n.startsWith("powerflow-opsd-"));
    const url = `${server.baseUrl}/ts.csv#DE_load_actual_entsoe_transparency`;
    await expect(
      extractOpsdCsv(url, { maxBodyBytes: 512, sleep: recordingSleep() }, recordingEffects()),
    ).rejects.toThrow(
      /^opsd response body exceeds the 512 bytes cap .* at http:\/\/127\.0\.0\.1:\d+\/ts\.csv$/,
    );
    expect(server.requests).toHaveLength(1);
    const after = (await readdir(tmpdir())).filter((n) => n.startsWith("powerflow-opsd-"));
    expect(after.filter((n) => !before.includes(n))).toEqual([]);
  });
});
