// Forward validation inside the training rows, the measure the weather features were chosen by:
// for each year Y, every model is fitted on the rows before Y (choosing its own hyperparameters
// as usual) and scored on Y; never on the test period. PJME joined with the KDCA temperatures,
// on their overlap, unless --weather none.
// Usage: npm run build && node bench/ml-validation.js [--task day-ahead|long-horizon
//        --models ridge,mlp --years 2013,2014 --weather ../shared/data/KDCA_weather_2011_2016.csv|none
//        --input ../shared/data/PJME_hourly.csv]
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { joinBacktestWeather, readLoadSeries } from "../dist/src/index.js";
import { selectBackend } from "../dist/src/ml/backend.js";
import { toHourlyGrid } from "../dist/src/ml/hourly-grid.js";
import { getModel } from "../dist/src/ml/registry.js";
import { splitRow } from "../dist/src/ml/split-row.js";
import { dayAheadOrigins } from "../dist/src/ml/training-rows.js";
import { kdcaWeatherSpec } from "./kdca-weather.js";

const { values: args } = parseArgs({
  options: {
    task: { type: "string", default: "day-ahead" },
    models: { type: "string", default: "ridge" },
    years: { type: "string", default: "2013,2014" },
    weather: { type: "string", default: "../shared/data/KDCA_weather_2011_2016.csv" },
    input: { type: "string", default: "../shared/data/PJME_hourly.csv" },
  },
});
const tz = "America/New_York";
const logger = { info() {}, warn() {}, debug() {} };
const { series } = await readLoadSeries(resolve(args.input), {
  tz,
  hourEnding: true,
  duplicates: "mean",
});
const rows =
  args.weather === "none"
    ? series
    : (await joinBacktestWeather(series, kdcaWeatherSpec(resolve(args.weather), tz))).series;
const grid = toHourlyGrid(rows, { timeZone: tz });
const names = args.models.split(",");
if (names.some((n) => getModel(n).usesTensorflow)) await selectBackend({ prefer: "auto", logger });
for (const name of names) {
  const scores = [];
  for (const year of args.years.split(",").map(Number)) {
    const start = splitRow(grid, `${year}-01-01`);
    const end = splitRow(grid, `${year + 1}-01-01`);
    const dayAhead = args.task === "day-ahead";
    const horizon = dayAhead ? 24 : end - start;
    const origins = dayAhead ? dayAheadOrigins(grid, start, end, 24, false) : Int32Array.of(start);
    const context = { task: args.task, end: start, horizon, seed: 42, logger, options: {} };
    const fitted = await getModel(name).fit(grid, context);
    const forecast = fitted.predict(grid, origins, horizon);
    fitted.dispose();
    let squared = 0;
    let relative = 0;
    let n = 0;
    for (let r = 0; r < origins.length; r++) {
      for (let h = 0; h < horizon; h++) {
        const actual = grid.loadMw[origins[r] + h];
        if (!Number.isFinite(actual)) continue;
        const error = actual - forecast[r * horizon + h];
        squared += error * error;
        relative += Math.abs(error) / actual;
        n++;
      }
    }
    scores.push({ year, rmseMw: Math.sqrt(squared / n), mapePct: (100 * relative) / n });
  }
  const rmse = Math.sqrt(scores.reduce((s, x) => s + x.rmseMw ** 2, 0) / scores.length);
  const mape = scores.reduce((s, x) => s + x.mapePct, 0) / scores.length;
  const each = scores.map(
    (x) => `${x.year}: ${x.rmseMw.toFixed(0)} MW / ${x.mapePct.toFixed(3)} %`,
  );
  console.log(
    `${args.task} ${name}: validation RMSE ${rmse.toFixed(0)} MW, MAPE ${mape.toFixed(3)} % (${each.join(", ")})`,
  );
}
