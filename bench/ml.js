// Forecasting benchmark on the real PJM data (issue 4): runs the two standard tasks with every
// model and prints metrics, training/prediction time and the ratio to named peers in the same
// run (seasonal naive, ridge) and to the published XGBoost reference.
// Usage: npm run bench:ml [-- --input ../shared/data/PJME_hourly.csv --split 2015-01-01
//        --tasks long-horizon,day-ahead --models a,b --seed 42 --json out.json]
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { runForecastTask, stderrLogger } from "../dist/src/index.js";
import { readKdcaWeather } from "./kdca-weather.js";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const input = resolve(args.input ?? "../shared/data/PJME_hourly.csv");
const split = args.split ?? "2015-01-01";
const tasks = (args.tasks ?? "long-horizon,day-ahead").split(",");
const seed = Number(args.seed ?? 42);
const REFERENCE = {
  "long-horizon": { name: "XGBoost (published)", rmseMw: 3721.75, mapePct: 9.14 },
  "day-ahead": { name: "ridge (issue, measured)", rmseMw: 1825, mapePct: 3.7 },
};
const quiet = {
  info: () => undefined,
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
  debug: () => undefined,
};
const logger = args.verbose ? stderrLogger(false) : quiet;
const weather = args.weather ? await readKdcaWeather(resolve(args.weather)) : undefined;

const report = [];
for (const task of tasks) {
  const started = performance.now();
  const result = await runForecastTask(input, {
    task,
    split,
    tz: args.tz ?? "America/New_York",
    hourEnding: args["hour-ending"] !== "false",
    seed,
    logger,
    ...(weather ? { weather } : {}),
    ...(args.models ? { models: args.models.split(",") } : {}),
  });
  const wallS = (performance.now() - started) / 1000;
  const naive = result.models.find((m) => m.model === "seasonal-naive-24");
  const ridge = result.models.find((m) => m.model === "ridge");
  const ref = REFERENCE[task];
  console.log(
    `\n## ${task} — ${input.split("/").pop()}, split ${result.splitUtc}, ${result.origins} origin(s) × ${result.horizon} h, backend ${result.backend}, seed ${seed}, wall ${wallS.toFixed(0)} s`,
  );
  console.log(
    "| model | RMSE MW | MAE MW | MAPE % | sMAPE % | MASE | pinball MW | cover 80 % | cover 95 % | fit s | predict s | RMSE ÷ naive-24 | RMSE ÷ ridge | RMSE ÷ ref |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const m of result.models) {
    const x = m.metrics;
    console.log(
      `| ${m.model} | ${x.rmseMw.toFixed(0)} | ${x.maeMw.toFixed(0)} | ${x.mapePct.toFixed(2)} | ${x.smapePct.toFixed(2)} | ${x.mase.toFixed(3)} | ${x.pinballMw.toFixed(0)} | ${x.coverage80.toFixed(3)} | ${x.coverage95.toFixed(3)} | ${(m.fitMs / 1000).toFixed(1)} | ${(m.predictMs / 1000).toFixed(2)} | ${naive ? (x.rmseMw / naive.metrics.rmseMw).toFixed(3) : "–"} | ${ridge ? (x.rmseMw / ridge.metrics.rmseMw).toFixed(3) : "–"} | ${(x.rmseMw / ref.rmseMw).toFixed(3)} |`,
    );
  }
  console.log(`reference: ${ref.name} RMSE ${ref.rmseMw} MW, MAPE ${ref.mapePct} %`);
  report.push({
    task,
    wallS,
    result: {
      ...result,
      models: result.models.map((m) => ({ ...m, forecast: undefined, forecaster: undefined })),
    },
  });
}
if (args.json) await writeFile(args.json, JSON.stringify(report, null, 2));
