import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { normalizeEtlConfig } from "../../../src/etl/etl-config.js";
import { runEtl } from "../../../src/etl/pipeline.js";
import { redactConfig } from "../../../src/etl/load/manifest.js";
import { findSource } from "../../../src/etl/sources.js";
import { InputError } from "../../../src/errors.js";
import {
  recordingEffects,
  send,
  startFixtureServer,
  type FixtureServer,
} from "../../helpers/http-fixture-server.js";

let dir: string;
let server: FixtureServer;
const eiaBody = readFileSync(
  new URL("../../fixtures/eia/region-data-pjm-2024-06-01.json", import.meta.url),
);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-connectors-"));
  server = await startFixtureServer((_req, res) => send(res, 200, eiaBody));
  const Database = createRequire(import.meta.url)("better-sqlite3") as new (path: string) => {
    exec(sql: string): void;
    close(): void;
  };
  const db = new Database(join(dir, "load.db"));
  const values = Array.from(
    { length: 48 },
    (_, h) => `('${new Date(Date.UTC(2024, 5, 1, h)).toISOString()}', ${1000 + h})`,
  );
  db.exec(
    `CREATE TABLE load (time_utc TEXT, load_mw REAL); INSERT INTO load VALUES ${values.join(",")}, ('bad', 1);`,
  );
  db.close();
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("connector sources in the ETL registry", () => {
  it("findSource(input) routes each connector URI to its source and keeps paths on CSV", () => {
    expect(findSource("eia://PJM?start=2024-06-01T00").name).toBe("eia");
    expect(findSource("entsoe://10YCZ-CEPS-----N?start=202401010000&end=202401020000").name).toBe(
      "entsoe",
    );
    expect(
      findSource(
        "https://data.open-power-system-data.org/x/time_series_60min_singleindex.csv#DE_load",
      ).name,
    ).toBe("opsd");
    expect(findSource("postgresql://u@h/db?table=t").name).toBe("postgres");
    expect(findSource("sqlite:data/x.db?table=t").name).toBe("sqlite");
    expect(findSource("data/raw/PJME_hourly.csv").name).toBe("csv");
    expect(() => findSource("ftp://x/y.csv")).toThrow(InputError);
  });

  it("redactConfig(config) keeps a database password out of the manifest parameters", () => {
    const config = normalizeEtlConfig({
      input: "postgres://loader:hunter22-secret@127.0.0.1:5432/grid?table=load",
      out: join(dir, "out-pg"),
    });
    const redacted = JSON.stringify(redactConfig(config));
    expect(redacted).not.toContain("hunter22-secret");
    expect(redactConfig(config).input).toBe("postgres://loader:***@127.0.0.1:5432/grid?table=load");
    expect(config.input).toContain("hunter22-secret");
  });

  it("runEtl(sqlite input) reconciles rows read with rows written and quarantined", async () => {
    const config = normalizeEtlConfig({
      input: `sqlite://${join(dir, "load.db")}?table=load`,
      out: join(dir, "out-sqlite"),
    });
    const manifest = await runEtl(config, recordingEffects());
    expect(manifest.counts).toMatchObject({
      rowsRead: 49,
      rowsQuarantined: 1,
      rowsKept: 48,
      reconciled: true,
    });
  });

  it("runEtl(eia input) reads pages from source.baseUrl and never writes the key", async () => {
    const out = join(dir, "out-eia");
    const config = normalizeEtlConfig({
      input: "eia://PJM?start=2024-06-01T00&end=2024-06-01T23",
      out,
      source: { baseUrl: server.baseUrl, retries: 0 },
    });
    process.env.EIA_API_KEY = "never-in-output-42";
    try {
      const manifest = await runEtl(config, recordingEffects());
      expect(manifest.counts).toMatchObject({ rowsRead: 24, rowsQuarantined: 3, reconciled: true });
      const written = await Promise.all(manifest.outputs.map((o) => readFile(o.location, "utf8")));
      expect(written.join("\n")).not.toContain("never-in-output-42");
      expect(JSON.stringify(manifest)).not.toContain("never-in-output-42");
    } finally {
      delete process.env.EIA_API_KEY;
    }
  });
});
