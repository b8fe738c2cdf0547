// Forecasting benchmark on the real PJM data: runs the two standard tasks with every model and
// prints metrics, training/prediction time and the ratio to named peers in the same run
// (seasonal naive, ridge). With weather (the KDCA file by default, when it exists) each task runs
// on the overlap of load and weather twice — with the observed temperatures (ex post) and
// without them on the same rows — and prints the issue-14 references and targets; with
// `--weather none` it runs on the whole load history against the issue-4 references.
// Usage: npm run bench:ml [-- --input ../shared/data/PJME_hourly.csv --split 2015-01-01
//        --tasks long-horizon,day-ahead --models a,b --seed 42 --json out.json
//        --weather ../shared/data/KDCA_weather_2011_2016.csv|none --without-weather true|false]
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import {
  backtest,
  readLoadSeries,
  runForecastTask,
  sliceRows,
  stderrLogger,
} from "../dist/src/index.js";
import { kdcaWeatherSpec } from "./kdca-weather.js";
import { printTargets, WHOLE_HISTORY_REFERENCE } from "./ml-targets.js";

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
const tz = args.tz ?? "America/New_York";
const hourEnding = args["hour-ending"] !== "false";
const KDCA = resolve("../shared/data/KDCA_weather_2011_2016.csv");
const weatherPath = args.weather ?? (existsSync(KDCA) ? KDCA : "none");
const quiet = {
  info: () => undefined,
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
  debug: () => undefined,
};
const logger = args.verbose ? stderrLogger(false) : quiet;
const weather = weatherPath === "none" ? undefined : kdcaWeatherSpec(resolve(weatherPath));
const common = { split, seed, logger, ...(args.models ? { models: args.models.split(",") } : {}) };

const report = [];
for (const task of tasks) {
  const runs = [];
  const withWeather = await timed(() =>
    runForecastTask(input, { ...common, task, tz, hourEnding, ...(weather ? { weather } : {}) }),
  );
  runs.push({ label: weather ? "with weather" : "whole history", ...withWeather });
  if (weather) {
    const used = withWeather.result.weather;
    const station = used.stations.map(
      (s) => `${s.inputs.join(", ")} ${s.column} (${s.conversion}, ${s.timeZone})`,
    );
    console.log(`\n# ${task}: ${withWeather.result.evaluation}`);
    console.log(`weather: ${station.join("; ")}`);
    console.log(
      used.note ?? `the weather covers the whole load, ${used.usedFirstUtc} … ${used.usedLastUtc}`,
    );
  }
  printTable(task, runs[0], weather ? "with observed temperature, ex post" : undefined);
  if (weather && args["without-weather"] !== "false") {
    const withoutWeather = await timed(() => sameRowsWithoutWeather(task, withWeather.result));
    runs.push({ label: "without weather", ...withoutWeather });
    printTable(task, runs[1], "without weather, same rows (load and calendar only)");
  }
  if (weather) printTargets(task, runs);
  else {
    const ref = WHOLE_HISTORY_REFERENCE[task];
    console.log(`reference: ${ref.name} RMSE ${ref.rmseMw} MW, MAPE ${ref.mapePct} %`);
  }
  for (const run of runs) {
    report.push({
      task,
      run: run.label,
      wallS: run.wallS,
      result: {
        ...run.result,
        models: run.result.models.map((m) => ({
          ...m,
          forecast: undefined,
          forecaster: undefined,
        })),
      },
    });
  }
}
if (args.json) await writeFile(args.json, JSON.stringify(report, null, 2));

async function timed(run) {
  const started = performance.now();
  const result = await run();
  return { result, wallS: (performance.now() - started) / 1000 };
}

/** The backtest of the same load rows as `withWeather` (the weather's span), without temperature. */
async function sameRowsWithoutWeather(task, withWeather) {
  const { series } = await readLoadSeries(input, { tz, hourEnding, duplicates: "mean" });
  const from = Date.parse(withWeather.weather.usedFirstUtc);
  const to = Date.parse(withWeather.weather.usedLastUtc);
  const times = series.columns.timeUtcMs;
  const first = times.findIndex((t) => t >= from);
  const end = times.findIndex((t) => t > to);
  const rows = sliceRows(series, first, end < 0 ? series.length : end);
  return backtest(rows, { ...common, task, timeZone: tz });
}

function printTable(task, { result, wallS }, label) {
  // the whole-history run keeps its ratio to the issue-4 reference
  const ref = label ? undefined : WHOLE_HISTORY_REFERENCE[task];
  const naive = result.models.find((m) => m.model === "seasonal-naive-24");
  const ridge = result.models.find((m) => m.model === "ridge");
  console.log(
    `\n## ${task}${label ? ` — ${label}` : ""} — ${input.split("/").pop()}, split ${result.splitUtc}, ${result.origins} origin(s) × ${result.horizon} h, backend ${result.backend}, seed ${seed}, wall ${wallS.toFixed(0)} s`,
  );
  console.log(
    `| model | weather | RMSE MW | MAE MW | MAPE % | sMAPE % | MASE | pinball MW | cover 80 % | cover 95 % | fit s | predict s | RMSE ÷ naive-24 | RMSE ÷ ridge |${ref ? " RMSE ÷ ref |" : ""}`,
  );
  console.log(
    `|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|${ref ? "---:|" : ""}`,
  );
  for (const m of result.models) {
    const x = m.metrics;
    console.log(
      `| ${m.model} | ${m.usesWeather ? result.evaluation : "none"} | ${x.rmseMw.toFixed(0)} | ${x.maeMw.toFixed(0)} | ${x.mapePct.toFixed(2)} | ${x.smapePct.toFixed(2)} | ${x.mase.toFixed(3)} | ${x.pinballMw.toFixed(0)} | ${x.coverage80.toFixed(3)} | ${x.coverage95.toFixed(3)} | ${(m.fitMs / 1000).toFixed(1)} | ${(m.predictMs / 1000).toFixed(2)} | ${naive ? (x.rmseMw / naive.metrics.rmseMw).toFixed(3) : "–"} | ${ridge ? (x.rmseMw / ridge.metrics.rmseMw).toFixed(3) : "–"} |${ref ? ` ${(x.rmseMw / ref.rmseMw).toFixed(3)} |` : ""}`,
    );
  }
}
