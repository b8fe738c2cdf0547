// One benchmark peer, run in its own process: `node bench/etl-peer.js <peer> <input> <outDir>`.
// Prints one JSON line: { peer, rowsIn, rowsOut, ms, maxRssMb }.
import { createReadStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const [peer, input, outDir] = process.argv.slice(2);
const started = performance.now();
let rowsIn = 0;
let rowsOut = 0;

if (peer === "duckdb" || peer === "duckdb-rows") {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(
    `CREATE TABLE raw AS SELECT strptime(Datetime, '%Y-%m-%d %H:%M:%S') AS t, Load_MW AS v FROM read_csv('${input}', columns = {'Datetime': 'VARCHAR', 'Load_MW': 'DOUBLE'}, header = true)`,
  );
  rowsIn = Number((await c.runAndReadAll("SELECT count(*) FROM raw")).getRows()[0][0]);
  const unique = "SELECT t, first(v ORDER BY rowid) AS v FROM raw GROUP BY t";
  const query =
    peer === "duckdb"
      ? `SELECT time_bucket(INTERVAL 1 hour, t) AS hour, avg(v) AS Load_MW FROM (${unique}) GROUP BY hour ORDER BY hour`
      : `${unique} ORDER BY t`;
  const out = join(outDir, `${peer}.csv`);
  await c.run(`COPY (${query}) TO '${out}' (HEADER)`);
  rowsOut = Number(
    (await c.runAndReadAll(`SELECT count(*) FROM read_csv('${out}')`)).getRows()[0][0],
  );
  c.closeSync();
} else if (peer === "powerflow-read") {
  const { readLoadSeries } = await import("../dist/src/etl/read-load-series.js");
  const tz = process.argv[5] ?? "UTC";
  const { series, quality } = await readLoadSeries(input, {
    tz,
    hourEnding: tz !== "UTC",
    outliers: "none",
  });
  rowsIn = quality.rowsRead;
  rowsOut = series.length;
} else if (peer === "csv-parse") {
  const { parse } = await import("csv-parse");
  const parser = createReadStream(input).pipe(parse({ bom: true, skip_empty_lines: true }));
  for await (const record of parser) if (record.length > 0) rowsIn++;
  rowsIn--; // header
} else if (peer === "danfojs") {
  // danfojs-node requires @tensorflow/tfjs-node, whose native binding is not built here; point it
  // at the pure-JS @tensorflow/tfjs (as package.json's override intends).
  const Module = (await import("node:module")).default;
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return resolveFilename.call(
      this,
      request === "@tensorflow/tfjs-node" ? "@tensorflow/tfjs" : request,
      ...rest,
    );
  };
  const dfd = await import("danfojs-node");
  const df = await dfd.readCSV(input);
  rowsIn = df.shape[0];
  if (process.argv[5] !== "read-only") {
    const timeName = df.columns[0];
    const valueName = df.columns[1];
    const hours = df[timeName].values.map((s) => String(s).slice(0, 13));
    df.addColumn("hour", hours, { inplace: true });
    // danfojs has no row-level drop-duplicates by column: this peer skips the dedupe step.
    const grouped = df.groupby(["hour"]).col([valueName]).mean();
    rowsOut = grouped.shape[0];
    writeFileSync(join(outDir, "danfojs.csv"), dfd.toCSV(grouped));
  }
} else if (peer === "polars") {
  const pl = (await import("nodejs-polars")).default;
  const df = pl.readCSV(input, { tryParseDates: false });
  rowsIn = df.height;
  const out = df
    .withColumns(pl.col("Datetime").str.strptime(pl.Datetime("ms"), "%Y-%m-%d %H:%M:%S").alias("t"))
    .unique({ subset: ["t"], keep: "first" })
    .sort("t")
    .groupByDynamic({ indexColumn: "t", every: "1h" })
    .agg(pl.col("Load_MW").mean());
  rowsOut = out.height;
  out.writeCSV(join(outDir, "polars.csv"));
} else {
  throw new Error(`unknown peer ${peer}`);
}

const ms = performance.now() - started;
const usage = process.resourceUsage();
const maxRssMb = usage.maxRSS / 1024;
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(`${JSON.stringify({ peer, rowsIn, rowsOut, ms, cpuMs, maxRssMb })}\n`);
