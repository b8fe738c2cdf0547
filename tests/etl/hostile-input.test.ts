import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidationError, isPowerFlowError } from "../../src/errors.js";
import { nodeEffects, silentLogger } from "../../src/effects.js";
import { extractCsv } from "../../src/etl/extract/csv-extract.js";
import { normalizeEtlConfig } from "../../src/etl/etl-config.js";
import { runEtl } from "../../src/etl/pipeline.js";
import { seededRandom } from "../../src/util/seeded-random.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-hostile-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPowerFlowError(error)).toBe(true);
  return error as Error;
}

const GOOD = "time,load\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,2\n2024-01-01T02:00Z,3\n";

describe("hostile CSV input", () => {
  it("extractCsv(truncated mid-row) quarantines the cut row with its line", async () => {
    const path = await file("truncated.csv", GOOD + "2024-01-01T0");
    const r = await extractCsv(path);
    expect(r.frame.length).toBe(3);
    expect(r.quarantine).toEqual([
      {
        source: path,
        line: 5,
        raw: "2024-01-01T0",
        reason: "row too short: 1 fields (expected at least 2)",
      },
    ]);
    expect(r.rowsRead).toBe(4);
  });

  it("extractCsv(truncated inside a quoted field) quarantines or reports the open quote, never crashes", async () => {
    const path = await file("open-quote.csv", GOOD + '2024-01-01T03:00Z,"4\n');
    const result = await extractCsv(path).then(
      (r) => r,
      (e: unknown) => e as Error,
    );
    if (result instanceof Error) {
      expect(isValidationError(result)).toBe(true);
      expect(result.message).toMatch(/open-quote\.csv line \d+ \(.*[Qq]uote/);
    } else {
      expect(result.frame.length).toBe(3);
      expect(result.quarantine[0]!.reason).toMatch(/CSV record malformed.*[Qq]uote/);
      expect(result.rowsRead).toBe(4);
    }
  });

  it("extractCsv(binary bytes) fails with ValidationError naming the file and the NUL byte", async () => {
    const random = seededRandom(7);
    const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random.next() * 256));
    bytes[10] = 0;
    const path = await file("binary.csv", bytes);
    const error = await failure(extractCsv(path));
    expect(isValidationError(error)).toBe(true);
    expect(error.message).toMatch(
      /CSV file is binary: .*binary\.csv \(expected UTF-8 text; found NUL byte at offset \d+\)/,
    );
  });

  it("extractCsv(10 MB single line) rejects the oversized record quickly and stores a bounded raw text", async () => {
    const path = await file(
      "long-line.csv",
      `time,load\n2024-01-01T00:00Z,${"9".repeat(10 * 1024 * 1024)}\n2024-01-01T01:00Z,2\n`,
    );
    const started = Date.now();
    const r = await extractCsv(path);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.frame.length).toBe(1);
    expect(r.quarantine).toHaveLength(1);
    expect(r.quarantine[0]!.reason).toBe(
      "CSV line too long: 10485778 bytes (expected at most 1048576; set maxRecordBytes)",
    );
    expect(r.quarantine[0]!.line).toBe(2);
    expect(r.quarantine[0]!.raw.length).toBeLessThanOrEqual(10_010);
    expect(r.quarantine[0]!.raw.startsWith("2024-01-01T00:00Z,999")).toBe(true);
    expect(r.rowsRead).toBe(2);
  });

  it("extractCsv(mixed timestamp formats) keeps the column's format and quarantines the others", async () => {
    const path = await file(
      "mixed.csv",
      "Datetime,MW\n31-12-2002 01:00,5\n2002-12-31 02:00:00,6\n31/12/2002 03:00,7\n1041303600,8\n31-12-2002 04:00,9\n",
    );
    const r = await extractCsv(path);
    expect(r.frame.length).toBe(2);
    expect(r.quarantine.map((q) => q.line)).toEqual([3, 4, 5]);
    for (const q of r.quarantine)
      expect(q.reason).toMatch(
        /^timestamp format differs from the column's: .* \(expected like "31-12-2002 01:00"\)$/,
      );
  });

  it("extractCsv(quotes with newlines) parses quoted fields across lines and quarantines a stamp with a newline", async () => {
    const path = await file(
      "quoted.csv",
      'time,load,note\n"2024-01-01T00:00Z","1","two\nlines"\n"2024-01-01T01:00Z\nX",2,x\n2024-01-01T02:00Z,"3",""\n',
    );
    const r = await extractCsv(path);
    expect(Array.from(r.frame.columns.loadMw as Float64Array)).toEqual([1, 3]);
    expect(r.quarantine).toHaveLength(1);
    expect(r.quarantine[0]!.reason).toMatch(/^timestamp unparsable: "2024-01-01T01:00Z\\nX"/);
    expect(r.quarantine[0]!.raw).toBe('"2024-01-01T01:00Z\nX",2,x');
  });

  it("extractCsv(<script> in a header) treats it as a plain name and quotes it in errors", async () => {
    const path = await file("script.csv", "<script>alert(1)</script>,load\n2024-01-01T00:00Z,1\n");
    const r = await extractCsv(path);
    expect(r.frame.length).toBe(1);
    const error = await failure(extractCsv(path, { timeColumn: "Datetime" }));
    expect(error.message).toContain(
      '(expected one of the header\'s columns: "<script>alert(1)</script>", "load")',
    );
  });

  it("extractCsv(empty, header-only, blank-lines-only files) fails with a structural ValidationError", async () => {
    const empty = await failure(extractCsv(await file("empty.csv", "")));
    expect(empty.message).toMatch(/CSV file empty: .*empty\.csv/);
    const header = await failure(extractCsv(await file("header.csv", "time,load\n")));
    expect(header.message).toMatch(/CSV has no parsable rows: .*header\.csv/);
    const blank = await failure(extractCsv(await file("blank.csv", "\n\n\r\n")));
    expect(blank.message).toMatch(/CSV file has no header: .*blank\.csv/);
  });

  it("extractCsv(BOM, CRLF, semicolons and decimal commas, .gz) reads the values", async () => {
    const text =
      "\uFEFFZeit;Last_MW\r\n2024-01-01T00:00:00+01:00;1,5\r\n\r\n2024-01-01T01:00:00+01:00;2,25\r\n";
    const path = await file("euro.csv.gz", gzipSync(Buffer.from(text)));
    const r = await extractCsv(path, { timeColumn: "Zeit" });
    expect(Array.from(r.frame.columns.loadMw as Float64Array)).toEqual([1.5, 2.25]);
    expect(
      Array.from(r.frame.columns.timeUtcMs as Float64Array, (t) => new Date(t).toISOString()),
    ).toEqual(["2023-12-31T23:00:00.000Z", "2024-01-01T00:00:00.000Z"]);
    expect(r.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(["bom", "crlf", "delimiter", "decimal-comma"]),
    );
  });

  it("extractCsv(bad values) quarantines NaN, Infinity, negative and empty values with reasons", async () => {
    const path = await file(
      "values.csv",
      "time,load\n2024-01-01T00:00Z,NaN\n2024-01-01T01:00Z,Infinity\n2024-01-01T02:00Z,-5\n2024-01-01T03:00Z,\n2024-01-01T04:00Z,1e400\n2024-01-01T05:00Z,7\n",
    );
    const r = await extractCsv(path);
    expect(r.frame.length).toBe(1);
    expect(r.quarantine.map((q) => q.reason.split(":")[0])).toEqual([
      "value not a number",
      "value not finite",
      "load negative",
      "value missing",
      "value not finite",
    ]);
  });

  it("runEtl(failing input) leaves no output file behind", async () => {
    const out = join(dir, "never");
    const path = await file("bin2.csv", new Uint8Array([0, 1, 2, 3, 0, 0, 255]));
    const effects = nodeEffects({ logger: silentLogger() });
    await failure(runEtl(normalizeEtlConfig({ input: path, out }), effects));
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });
});
