// bench:etl — the same job (parse → validate → UTC → dedupe → hourly mean → write) on generated
// minute-resolution CSVs with PowerFlow and named peers (a bare csv-parse pass, pandas, polars,
// danfojs-node), each in its own process, then PowerFlow's readLoadSeries on the real files.
// Prints rows/s, wall and CPU time (CPU is steadier on a shared machine; polars uses several
// threads) and peak RSS, and each peer's ratio to PowerFlow.
// Usage: npm run bench:etl [-- --rows 1000000,10000000] [--repeat 3] [--skip-danfo-above 2000000]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { makeMinuteCsv } from "./etl-make-minute-csv.js";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const sizes = option("--rows", "1000000,10000000").split(",").map(Number);
const danfoLimit = Number(option("--skip-danfo-above", "2000000"));
// The machine is shared: peers run interleaved, N rounds, and each keeps its fastest round.
const repeat = Number(option("--repeat", "3"));
const python = "/usr/bin/python3";
const work = mkdtempSync(join(tmpdir(), "pf-bench-etl-"));

function run(command, argv) {
  const started = performance.now();
  try {
    const out = execFileSync(command, argv, {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 26,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const result = JSON.parse(out.trim().split("\n").pop());
    return { ...result, wallMs: performance.now() - started };
  } catch (error) {
    return {
      peer: argv[1] ?? argv[0],
      error: String(error.stderr || error.message)
        .split("\n")
        .slice(-3)
        .join(" ")
        .slice(0, 200),
    };
  }
}

function bestOf(peers, rounds) {
  const best = new Map();
  for (let r = 0; r < rounds; r++) {
    for (const [name, command, argv] of peers) {
      const result = command === undefined ? { peer: name, error: argv } : run(command, argv);
      const previous = best.get(name);
      if (!previous || previous.error || (!result.error && result.wallMs < previous.wallMs)) {
        best.set(
          name,
          result.error
            ? result
            : { ...result, maxRssMb: Math.max(result.maxRssMb, previous?.maxRssMb ?? 0) },
        );
      }
    }
  }
  return [...best.values()];
}

function hasPandas() {
  try {
    execFileSync(python, ["-c", "import pandas"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function table(title, results, baseline) {
  console.log(`\n${title}`);
  console.log(
    "peer            rows in   rows out   wall s   CPU s   rows/s (wall)  peak RSS MB  wall ×PF  CPU ×PF  RSS ×PF",
  );
  const base = results.find((r) => r.peer === baseline && !r.error);
  const ratio = (a, b) => (base ? (a / b).toFixed(2) : "-");
  for (const r of results) {
    if (r.error) {
      console.log(`${r.peer.padEnd(14)}  failed: ${r.error}`);
      continue;
    }
    const rps = Math.round(r.rowsIn / (r.wallMs / 1000)).toLocaleString("en-US");
    console.log(
      [
        r.peer.padEnd(14),
        String(r.rowsIn).padStart(9),
        String(r.rowsOut).padStart(10),
        (r.wallMs / 1000).toFixed(2).padStart(8),
        (r.cpuMs / 1000).toFixed(2).padStart(7),
        rps.padStart(14),
        r.maxRssMb.toFixed(0).padStart(12),
        ratio(r.wallMs, base?.wallMs).padStart(9),
        ratio(r.cpuMs, base?.cpuMs).padStart(8),
        ratio(r.maxRssMb, base?.maxRssMb).padStart(8),
      ].join(" "),
    );
  }
  if (!base) return;
  for (const r of results) {
    if (r === base || r.error) continue;
    const wall = r.wallMs / base.wallMs;
    const cpu = r.cpuMs / base.cpuMs;
    const word = (x) => (x >= 1 ? `${x.toFixed(2)}× less` : `${(1 / x).toFixed(2)}× more`);
    console.log(
      `  PowerFlow vs ${r.peer}: wall ${word(wall)}, CPU ${word(cpu)}, peak RSS ${(base.maxRssMb / r.maxRssMb).toFixed(2)}× theirs`,
    );
  }
}

if (!existsSync(join(root, "dist", "src", "index.js"))) throw new Error("run npm run build first");
const pandas = hasPandas();
try {
  for (const rows of sizes) {
    const input = join(work, `minute-${rows}.csv`);
    await makeMinuteCsv(input, rows);
    const mb = statSync(input).size / 1e6;
    const out = join(work, `out-${rows}`);
    mkdirSync(out, { recursive: true });
    const peers = [
      ["powerflow", process.execPath, ["bench/etl-peer.js", "powerflow", input, out]],
      ["csv-parse", process.execPath, ["bench/etl-peer.js", "csv-parse", input, out]],
      ["polars", process.execPath, ["bench/etl-peer.js", "polars", input, out]],
      pandas
        ? ["pandas", python, ["bench/etl-pandas-peer.py", input, out]]
        : ["pandas", undefined, "python3-pandas not installed (apt-get install python3-pandas)"],
      rows <= danfoLimit
        ? ["danfojs", process.execPath, ["bench/etl-peer.js", "danfojs", input, out]]
        : ["danfojs", undefined, `skipped above ${danfoLimit} rows (--skip-danfo-above)`],
    ];
    const results = bestOf(peers, rows <= 2_000_000 ? repeat : 1);
    table(
      `minute CSV, ${rows.toLocaleString("en-US")} rows, ${mb.toFixed(0)} MB, best of ${rows <= 2_000_000 ? repeat : 1} interleaved runs: parse → validate → UTC → dedupe → hourly mean → write`,
      results,
      "powerflow",
    );
    rmSync(input);
  }
  const data = resolve(process.env.POWERFLOW_SHARED_DATA ?? join(root, "..", "shared", "data"));
  if (existsSync(data)) {
    for (const file of [
      "PJME_hourly.csv",
      "AEP_hourly.csv",
      "COMED_hourly.csv",
      "DOM_hourly.csv",
      "NI_hourly.csv",
    ]) {
      const path = join(data, file);
      const out = join(work, "real");
      mkdirSync(out, { recursive: true });
      const results = [
        run(process.execPath, [
          "bench/etl-peer.js",
          "powerflow-read",
          path,
          out,
          "America/New_York",
        ]),
        run(process.execPath, ["bench/etl-peer.js", "csv-parse", path, out]),
        run(process.execPath, ["bench/etl-peer.js", "danfojs", path, out, "read-only"]),
      ];
      table(
        `${file}: readLoadSeries (local→UTC, hour-ending, sort, dedupe) vs bare csv-parse vs danfojs readCSV`,
        results,
        "powerflow-read",
      );
    }
  } else console.log(`\n(real files skipped: ${data} not found)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
