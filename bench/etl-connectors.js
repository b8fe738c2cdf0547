// bench:etl-connectors — reading N rows (timestamptz + numeric) from PostgreSQL and SQLite with
// PowerFlow's streaming extractors (pg-cursor, .iterate()) against the naive peers that hold the
// whole result (pg client.query, better-sqlite3 .all()), each in its own process. Prints rows/s,
// wall time, peak RSS and each peer's ratio to PowerFlow; the point is flat memory, not speed.
// Usage: npm run bench:etl-connectors [-- --rows 1000000,3000000]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const at = args.indexOf("--rows");
const sizes = (at >= 0 ? args[at + 1] : "1000000,3000000").split(",").map(Number);
const work = mkdtempSync(join(tmpdir(), "pf-bench-conn-"));
const { postgresSkipReason, startPostgresCluster } = await import("../tests/helpers/postgres.ts");

function measure(kind, target) {
  const out = execFileSync(process.execPath, ["bench/etl-connectors-peer.js", kind, target], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split("\n").pop());
}

function report(title, results) {
  const base = results[0];
  console.log(`\n${title}`);
  for (const r of results) {
    const rate = Math.round(r.rows / (r.ms / 1000));
    console.log(
      `  ${r.peer.padEnd(20)} ${String(r.rows).padStart(9)} rows ${String(rate).padStart(10)} rows/s ` +
        `${(r.ms / 1000).toFixed(2).padStart(7)} s  peak RSS ${r.peakRssMb.toFixed(0).padStart(5)} MB` +
        (r === base
          ? ""
          : `  (time ×${(r.ms / base.ms).toFixed(2)}, RSS ×${(r.peakRssMb / base.peakRssMb).toFixed(2)} vs PowerFlow)`),
    );
  }
}

const skip = postgresSkipReason();
const cluster = skip ? undefined : await startPostgresCluster();
const pg = require("pg");
try {
  for (const n of sizes) {
    if (cluster) {
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      await client.query("DROP TABLE IF EXISTS bench");
      await client.query(
        `CREATE TABLE bench AS SELECT timestamptz '2020-01-01 00:00+00' + (i || ' minutes')::interval AS ts,
         (1000 + (i % 977))::numeric(10,3) AS load_mw FROM generate_series(1, ${n}) AS i`,
      );
      await client.end();
      report(`PostgreSQL, ${n} rows`, [
        measure("powerflow-postgres", cluster.url),
        measure("pg-query-all", cluster.url),
      ]);
    } else console.log(`PostgreSQL skipped: ${skip}`);
    const file = join(work, `bench-${n}.db`);
    const Database = require("better-sqlite3");
    const db = new Database(file);
    db.exec(`CREATE TABLE bench (ts TEXT, load_mw REAL);
      WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})
      INSERT INTO bench SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 1577836800 + i * 60, 'unixepoch'), 1000 + i % 977 FROM s;`);
    db.close();
    report(`SQLite, ${n} rows`, [measure("powerflow-sqlite", file), measure("sqlite-all", file)]);
  }
} finally {
  await cluster?.stop();
  rmSync(work, { recursive: true, force: true });
}
