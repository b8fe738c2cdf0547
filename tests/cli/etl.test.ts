import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { Database } from "../helpers/sqlite.js";
import { describeWithSharedData, sharedDataFile } from "../helpers/shared-data.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-cli-etl-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("powerflow etl", () => {
  it("powerflow etl --json prints the manifest on stdout and progress on stderr, exit 0", async () => {
    const path = join(dir, "small.csv");
    await writeFile(path, "time,load_mw\n2024-01-01T00:00:00Z,10\n2024-01-01T01:00:00Z,11\n");
    const { code, stdout, stderr } = await runCli([
      "etl",
      "--input",
      path,
      "--out",
      join(dir, "o1"),
      "--json",
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/etl: 2 rows, 0\.0 MB, [\d.]+ MB\/s/);
    const manifest = JSON.parse(stdout) as { counts: { rowsRead: number; reconciled: boolean } };
    expect(manifest.counts).toMatchObject({ rowsRead: 2, reconciled: true });
  });

  it("powerflow etl --query streams that SQL from a sqlite: input instead of ?table=", async () => {
    const db = join(dir, "q.db");
    const handle = new Database(db);
    handle.exec("CREATE TABLE load (time_utc TEXT, load_mw REAL, zone TEXT)");
    const insert = handle.prepare("INSERT INTO load VALUES (?, ?, ?)");
    for (let h = 0; h < 6; h += 1)
      insert.run(`2024-01-01T0${h}:00:00Z`, 100 + h, h % 2 === 0 ? "A" : "B");
    handle.close();
    const { code, stdout } = await runCli([
      "etl",
      "--input",
      `sqlite:${db}`,
      "--query",
      "SELECT time_utc, load_mw FROM load WHERE zone = 'A' ORDER BY time_utc",
      "--interval",
      "120",
      "--out",
      join(dir, "o-query"),
      "--formats",
      "csv",
      "--json",
      "--quiet",
    ]);
    expect(code).toBe(0);
    const manifest = JSON.parse(stdout) as {
      counts: { rowsRead: number; rowsWritten: number };
      inputs: { location?: string }[];
    };
    expect(manifest.counts).toMatchObject({ rowsRead: 3, rowsWritten: 3 });
    expect(JSON.stringify(manifest.inputs)).toMatch(
      /query SELECT time_utc, load_mw FROM load WHERE zone = 'A'/,
    );
  });

  it("powerflow etl --config etl.yaml uses the file, lets flags override it and points at a bad key", async () => {
    const path = join(dir, "cfg.csv");
    await writeFile(path, "Datetime,MW\n2024-01-01 00:00:00,10\n2024-01-01 01:00:00,11\n");
    const config = join(dir, "etl.yaml");
    await writeFile(
      config,
      `input: ${path}\nout: ${join(dir, "o-cfg")}\ntz: Europe/Berlin\nformats: [csv]\n`,
    );
    const { code, stdout } = await runCli([
      "etl",
      "--config",
      config,
      "--tz",
      "UTC",
      "--json",
      "--quiet",
    ]);
    expect(code).toBe(0);
    const m = JSON.parse(stdout) as {
      parameters: { timeZone: string; formats: string[] };
      quality: { firstUtc: string };
    };
    expect(m.parameters).toMatchObject({ timeZone: "UTC", formats: ["csv"] });
    expect(m.quality.firstUtc).toBe("2024-01-01T00:00:00.000Z");
    await writeFile(config, `input: ${path}\nout: ${dir}\nmaxBadRows: -3\n`);
    const bad = await runCli(["etl", "--config", config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `${config}:3: key "maxBadRows" invalid: -3 (expected an integer ≥ 0)`,
    );
  });

  it("powerflow etl with a missing input exits 2 with one line, no stack", async () => {
    const { code, stderr } = await runCli([
      "etl",
      "--input",
      join(dir, "nope.csv"),
      "--out",
      join(dir, "o2"),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/CSV input not found: ".*nope\.csv" \(expected an existing file\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("powerflow etl with a bad --duplicates exits 2 naming the flag's key", async () => {
    const { code, stderr } = await runCli([
      "etl",
      "--input",
      "x.csv",
      "--out",
      dir,
      "--duplicates",
      "median",
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /key "duplicates" invalid: "median" \(expected mean, first, last, fail\)/,
    );
  });

  it("powerflow etl with an unknown source scheme exits 2 listing the sources", async () => {
    const { code, stderr } = await runCli([
      "etl",
      "--input",
      "ftp://example.org/x.csv",
      "--out",
      dir,
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /no ETL source for input: "ftp:\/\/example\.org\/x\.csv" \(expected one of: (.*, )?csv/,
    );
  });
});

describeWithSharedData("powerflow etl on every real file", () => {
  const files: [string, string[]][] = [
    ["PJME_hourly.csv", ["--tz", "America/New_York", "--hour-ending"]],
    ["AEP_hourly.csv", ["--tz", "America/New_York", "--hour-ending"]],
    ["COMED_hourly.csv", ["--tz", "America/New_York", "--hour-ending"]],
    ["DOM_hourly.csv", ["--tz", "America/New_York", "--hour-ending"]],
    ["NI_hourly.csv", ["--tz", "America/New_York", "--hour-ending"]],
    [
      "opsd_germany_daily.csv",
      ["--value-col", "Consumption", "--unit", "GWh", "--tz", "Europe/Berlin"],
    ],
  ];
  const quirks: Record<string, string[]> = {
    PJME_hourly: [
      "timestamp-format",
      "unsorted",
      "dst-repeat-resolved",
      "dst-fall-back-missing",
      "dst-spring-forward",
      "gaps",
      "hour-ending",
      "local-time",
    ],
    AEP_hourly: [
      "timestamp-format",
      "unsorted",
      "dst-repeat-resolved",
      "dst-fall-back-missing",
      "dst-spring-forward",
      "gaps",
    ],
    COMED_hourly: [
      "timestamp-format",
      "unsorted",
      "dst-repeat-resolved",
      "dst-fall-back-missing",
      "dst-spring-forward",
      "gaps",
    ],
    DOM_hourly: [
      "timestamp-format",
      "unsorted",
      "dst-repeat-resolved",
      "dst-fall-back-missing",
      "gaps",
      "outliers",
    ],
    NI_hourly: [
      "timestamp-format",
      "two-digit-year",
      "crlf",
      "unsorted",
      "dst-fall-back-missing",
      "gaps",
    ],
    opsd_germany_daily: ["timestamp-format", "trailing-separators", "empty-cells", "units"],
  };
  it.each(files)(
    "powerflow etl --input %s accounts for every row and reports the README's quirks",
    async (file, flags) => {
      const out = join(dir, "real");
      const { code, stdout } = await runCli([
        "etl",
        "--input",
        sharedDataFile(file),
        ...flags,
        "--out",
        out,
        "--json",
        "--formats",
        "parquet",
      ]);
      expect(code).toBe(0);
      const m = JSON.parse(stdout) as {
        counts: Record<string, number | boolean>;
        quality: { findings: { code: string }[] };
      };
      const c = m.counts as Record<string, number>;
      expect(c.rowsRead).toBe(
        c.rowsKept! + c.rowsQuarantined! + c.duplicatesMerged! + c.outliersDropped!,
      );
      expect(c.rowsQuarantined).toBe(0);
      expect(m.counts.reconciled).toBe(true);
      const stem = file.replace(".csv", "");
      expect(m.quality.findings.map((f) => f.code)).toEqual(expect.arrayContaining(quirks[stem]!));
      expect(await readdir(out)).toContain(`${stem}.parquet`);
    },
    30_000,
  );
});
