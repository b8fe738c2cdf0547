// One measured pass for bench:etl-connectors, in its own process so peak RSS is its own.
// Usage: node bench/etl-connectors-peer.js <case> <url-or-path> — prints one JSON line.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const [, , kind, target] = process.argv;
const require = createRequire(import.meta.url);
const started = performance.now();
let rows;

if (kind === "powerflow-postgres") {
  const { extractPostgres } = await import("../dist/src/index.js");
  const r = await extractPostgres(`${target}${target.includes("?") ? "&" : "?"}table=bench`);
  rows = r.frame.length;
} else if (kind === "pg-query-all") {
  // the naive peer: one client.query holding the whole result in memory
  const pg = require("pg");
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  const result = await client.query("SELECT * FROM bench");
  rows = result.rows.length;
  await client.end();
} else if (kind === "powerflow-sqlite") {
  const { extractSqlite } = await import("../dist/src/index.js");
  rows = (await extractSqlite(`sqlite://${target}?table=bench`)).frame.length;
} else if (kind === "sqlite-all") {
  const Database = require("better-sqlite3");
  const db = new Database(target, { readonly: true });
  rows = db.prepare("SELECT * FROM bench").all().length;
  db.close();
} else throw new Error(`unknown case ${kind}`);

const ms = performance.now() - started;
console.log(
  JSON.stringify({ peer: kind, rows, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }),
);
