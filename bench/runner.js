#!/usr/bin/env node
// Benchmark of the notebook runner (npm run bench:runner): the same notebooks executed by
// `powerflow run` and by `jupyter nbconvert --to html --execute` on the tslab kernelspec that
// `powerflow kernel install` writes, in one run. Prints wall times (median of BENCH_REPEAT runs),
// the ratio, and the overhead of an empty and of a one-cell notebook.
// Notebook set: BENCH_NOTEBOOKS (space-separated paths, e.g. "notebooks/*.ipynb" expanded by the
// shell) or, by default, the runner's fixture notebooks (rich, params, minimal).
// Targets (issue 3): powerflow <= 0.5x nbconvert for the set; < 1.5 s overhead for an empty notebook.
// Then incremental runs (issue 13) of the four product notebooks on the default data (generated
// with the README's command when data/raw/default is missing): a second run with nothing changed
// (target < 1.5 s wall in total) and a run with one notebook edited (target: that notebook's own
// time, i.e. at most 1.5 s more than `powerflow run --force` of that notebook alone).
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const fixtures = join(root, "tests", "fixtures", "notebooks");
const JUPYTER = process.env.JUPYTER ?? "/usr/bin/jupyter";
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const set = process.env.BENCH_NOTEBOOKS
  ? process.env.BENCH_NOTEBOOKS.split(/\s+/).filter(Boolean)
  : ["rich.ipynb", "params.ipynb", "minimal.ipynb"].map((n) => join(fixtures, n));
const work = mkdtempSync(join(tmpdir(), "powerflow-bench-runner-"));
const jupyterPath = join(work, "jupyter");
const powerflow = [join(root, "bin", "powerflow.js")];

function timed(command, args, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${result.status}:\n${result.stderr.slice(-2000)}`,
    );
  }
  return seconds;
}

// CPU seconds (user + system) of the waited-for children so far, from /proc (Linux; else NaN):
// on a busy machine it tells the work apart from the wait for a core.
function childCpuSeconds() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // after ") ": field 3 is the state, so cutime (16) and cstime (17) are at 13 and 14
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label, run) {
  const times = [];
  for (let i = 0; i < repeat; i += 1) times.push(run(i));
  const m = median(times);
  console.log(
    `${label.padEnd(44)} ${m.toFixed(2).padStart(7)} s   (runs: ${times.map((t) => t.toFixed(2)).join(", ")})`,
  );
  return m;
}

// Each run writes to its own folder: `label` tells the variants apart.
const runPowerflow =
  (notebooks, extra = [], label = "pf") =>
  (i) =>
    timed(process.execPath, [
      ...powerflow,
      "run",
      ...notebooks,
      ...extra,
      "--out",
      join(work, `${label}-${i}`),
      "--quiet",
    ]);
const runNbconvert = (notebooks) => (i) =>
  timed(
    JUPYTER,
    [
      "nbconvert",
      "--to",
      "html",
      "--execute",
      "--ExecutePreprocessor.kernel_name=tslab",
      "--ExecutePreprocessor.timeout=600",
      "--output-dir",
      join(work, `nb-${i}`),
      ...notebooks,
    ],
    { JUPYTER_PATH: jupyterPath },
  );

// A notebook with `// edit N` appended to its last code cell: new code, so its key changes.
function editNotebook(path, n) {
  const notebook = JSON.parse(readFileSync(path, "utf8"));
  const cell = notebook.cells.filter((c) => c.cell_type === "code").at(-1);
  const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
  cell.source = `${source.replace(/\n\/\/ edit \d+$/, "")}\n// edit ${n}`;
  writeFileSync(path, JSON.stringify(notebook, null, 1));
}

function incremental() {
  const names = ["01-ingest-and-clean", "02-explore", "03-forecast", "04-trend-report"];
  if (!existsSync(join(root, "data", "raw", "default", "ALPHA_hourly.csv"))) {
    console.log("\ngenerating the default data (data/raw/default, as the README does)");
    execFileSync(
      process.execPath,
      [
        ...powerflow,
        "generate",
        "--seed",
        "42",
        "--out",
        "data/raw/default",
        "--gaps",
        "5",
        "--duplicates",
        "3",
        "--outliers",
        "2",
      ],
      { cwd: root, stdio: "ignore" },
    );
  }
  // Copies, so the edits leave notebooks/ alone; data paths resolve against the project root.
  const dir = join(work, "products");
  mkdirSync(dir);
  const copies = names.map((n) => join(dir, `${n}.ipynb`));
  names.forEach((n, i) => copyFileSync(join(root, "notebooks", `${n}.ipynb`), copies[i]));
  const edited = copies[1];
  const out = join(work, "incremental");
  const run = (notebooks, extra = [], to = out) =>
    timed(process.execPath, [...powerflow, "run", ...notebooks, "--out", to, "--quiet", ...extra]);
  console.log(
    `\nincremental runs (issue 13): the four product notebooks, median of ${repeat} runs`,
  );
  const cold = run(copies);
  console.log(
    `${"powerflow run <products> (first run, once)".padEnd(44)} ${cold.toFixed(2).padStart(7)} s`,
  );
  const cpuBefore = childCpuSeconds();
  const warm = measure("  again, nothing changed (every report cached)", () => run(copies));
  const warmCpu = (childCpuSeconds() - cpuBefore) / repeat;
  const alone = measure(`  ${names[1]} alone --force`, (i) =>
    run([edited], ["--force"], join(work, `alone-${i}`)),
  );
  const oneEdited = measure(`  again, ${names[1]} edited`, (i) => {
    editNotebook(edited, i);
    return run(copies);
  });
  console.log(
    `nothing changed:   ${warm.toFixed(2)} s (${warmCpu.toFixed(2)} CPU-s) against ${cold.toFixed(2)} s for the first run  (target < 1.5 s: ${warm < 1.5 ? "met" : "NOT met"}; load average ${loadavg()[0].toFixed(1)})`,
  );
  console.log(
    `one notebook edited: ${oneEdited.toFixed(2)} s against ${alone.toFixed(2)} s for it alone  (target: at most 1.5 s more: ${oneEdited - alone <= 1.5 ? "met" : "NOT met"})`,
  );
}

try {
  execFileSync(
    process.execPath,
    [...powerflow, "kernel", "install", "--jupyter-path", jupyterPath],
    { cwd: root, stdio: "ignore" },
  );
  console.log(
    `runner benchmark: ${set.length} notebooks, median of ${repeat} runs, ${process.env.BENCH_NOTEBOOKS ? "BENCH_NOTEBOOKS" : "fixture set"}`,
  );
  console.log(set.map((p) => `  ${p}`).join("\n"));
  const hasJupyter = existsSync(JUPYTER);
  if (!hasJupyter)
    console.log(
      `(${JUPYTER} not found: nbconvert comparison skipped; apt-get install jupyter python3-nbconvert)`,
    );
  const pf = measure("powerflow run <set> (--jobs = CPUs)", runPowerflow(set));
  const pf1 = measure("powerflow run <set> --jobs 1", runPowerflow(set, ["--jobs", "1"], "pf1"));
  // The same kernels, but compiling the notebooks' ./src imports in the kernel as nbconvert's
  // kernels do (powerflow run otherwise serves them from the checked build, see --live-src).
  const pfLive = measure(
    "powerflow run <set> --live-src",
    runPowerflow(set, ["--live-src"], "pfl"),
  );
  const nb = hasJupyter
    ? measure("jupyter nbconvert --to html --execute <set>", runNbconvert(set))
    : undefined;
  // Folders of their own: in the set's folders minimal.ipynb's report is fresh, hence reused.
  const empty = measure(
    "powerflow run empty.ipynb (no cells)",
    runPowerflow([join(fixtures, "empty.ipynb")], [], "empty"),
  );
  const minimal = measure(
    "powerflow run minimal.ipynb (one cell: 1 + 1)",
    runPowerflow([join(fixtures, "minimal.ipynb")], [], "minimal"),
  );
  const nbMinimal = hasJupyter
    ? measure("jupyter nbconvert minimal.ipynb", runNbconvert([join(fixtures, "minimal.ipynb")]))
    : undefined;
  console.log("");
  if (nb !== undefined) {
    const ratio = pf / nb;
    console.log(
      `ratio powerflow/nbconvert (set):          ${ratio.toFixed(2)}x  (target <= 0.50x: ${ratio <= 0.5 ? "met" : "NOT met"})`,
    );
    console.log(`ratio powerflow --jobs 1/nbconvert (set): ${(pf1 / nb).toFixed(2)}x`);
    console.log(`ratio powerflow --live-src/nbconvert (set): ${(pfLive / nb).toFixed(2)}x`);
  }
  if (nbMinimal !== undefined)
    console.log(`ratio powerflow/nbconvert (one cell):     ${(minimal / nbMinimal).toFixed(2)}x`);
  console.log(
    `empty-notebook overhead:                  ${empty.toFixed(2)} s  (target < 1.5 s: ${empty < 1.5 ? "met" : "NOT met"}; no kernel is started for a notebook without code)`,
  );
  console.log(`one-cell overhead (kernel start included): ${minimal.toFixed(2)} s`);
  incremental();
} finally {
  rmSync(work, { recursive: true, force: true });
}
