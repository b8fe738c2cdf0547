#!/usr/bin/env node
// Benchmark of the notebook runner (npm run bench:runner): the same notebooks executed by
// `powerflow run` and by `jupyter nbconvert --to html --execute` on the tslab kernelspec that
// `powerflow kernel install` writes, in one run. Prints wall times (median of BENCH_REPEAT runs),
// the ratio, and the overhead of an empty and of a one-cell notebook.
// Notebook set: BENCH_NOTEBOOKS (space-separated paths, e.g. "notebooks/*.ipynb" expanded by the
// shell) or, by default, the runner's fixture notebooks (rich, params, minimal).
// Targets (issue 3): powerflow <= 0.5x nbconvert for the set; < 1.5 s overhead for an empty notebook.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
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
  const empty = measure(
    "powerflow run empty.ipynb (no cells)",
    runPowerflow([join(fixtures, "empty.ipynb")]),
  );
  const minimal = measure(
    "powerflow run minimal.ipynb (one cell: 1 + 1)",
    runPowerflow([join(fixtures, "minimal.ipynb")]),
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
} finally {
  rmSync(work, { recursive: true, force: true });
}
