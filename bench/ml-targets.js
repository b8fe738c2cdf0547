// References and targets printed by bench/ml.js next to its tables.

/** Issue 4, whole PJME history, split 2015-01-01 (no weather). */
export const WHOLE_HISTORY_REFERENCE = {
  "long-horizon": { name: "XGBoost (published)", rmseMw: 3721.75, mapePct: 9.14 },
  "day-ahead": { name: "ridge (issue, measured)", rmseMw: 1825, mapePct: 3.7 },
};

/** Issue 14: simple least-squares references on the PJME/KDCA overlap, test 2015–2016. */
const WEATHER_REFERENCES = {
  "day-ahead": [
    "plain ridge without temperature: MAPE 3.34 %",
    "plain ridge with that day's observed temperatures: MAPE 2.49 %",
  ],
  "long-horizon": [
    "linear model, calendar only: RMSE 4,188 MW, MAPE 9.39 %",
    "linear model with piecewise-linear temperature terms: RMSE 1,651 MW, MAPE 3.77 %",
  ],
};

const TASK_LIMIT_S = 600;

/** Prints the issue-14 references and whether each target is met, with the numbers. */
export function printTargets(task, runs) {
  console.log(
    `\nreferences (issue 14, least squares, same split): ${WEATHER_REFERENCES[task].join("; ")}`,
  );
  const weather = runs[0].result;
  if (task === "day-ahead") {
    const networks = weather.models.filter((m) => m.card.backend !== "none");
    const best = lowest(networks, (m) => m.metrics.mapePct);
    console.log(
      best
        ? `target day-ahead, best TensorFlow.js model MAPE ≤ 2.20 %: ${best.metrics.mapePct <= 2.2 ? "met" : "NOT met"} (${best.model} ${best.metrics.mapePct.toFixed(3)} %)`
        : "target day-ahead, best TensorFlow.js model MAPE ≤ 2.20 %: not measured (no TensorFlow.js model in --models)",
    );
  } else {
    const best = lowest(weather.models, (m) => m.metrics.rmseMw);
    console.log(
      `target long-horizon with observed weather, best model RMSE ≤ 1,450 MW: ${best.metrics.rmseMw <= 1450 ? "met" : "NOT met"} (${best.model} ${best.metrics.rmseMw.toFixed(0)} MW, MAPE ${best.metrics.mapePct.toFixed(2)} %)`,
    );
  }
  for (const run of runs) {
    console.log(
      `target ${task} under ${TASK_LIMIT_S / 60} min (${run.label}): ${run.wallS < TASK_LIMIT_S ? "met" : "NOT met"} (${run.wallS.toFixed(0)} s wall)`,
    );
  }
}

function lowest(models, value) {
  return models.reduce(
    (best, m) => (best === undefined || value(m) < value(best) ? m : best),
    undefined,
  );
}
