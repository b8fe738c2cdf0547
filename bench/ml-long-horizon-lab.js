// The long-horizon lab: the forward validation (fit before Y, score Y for Y = 2013, 2014; never
// the test years) of every idea measured for the long-horizon model with observed temperature,
// on PJME + KDCA by default. Prints one markdown row per variant: the table in
// docs/forecasting.md that chose the `hourly-ridge` design. Takes a few minutes.
// Usage: npm run build && node bench/ml-long-horizon-lab.js [--rows S1,H4,...
//        --input ../shared/data/PJME_hourly.csv --weather ../shared/data/KDCA_weather_2011_2016.csv]
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { joinBacktestWeather, readLoadSeries } from "../dist/src/index.js";
import { toHourlyGrid } from "../dist/src/ml/hourly-grid.js";
import { kdcaWeatherSpec } from "./kdca-weather.js";
import * as B from "./long-horizon-lab/blocks.js";
import { forwardValidation, pooledRmse, YEARS } from "./long-horizon-lab/evaluate.js";
import { splitRow } from "../dist/src/ml/split-row.js";
import { inSampleBound } from "./long-horizon-lab/in-sample-bound.js";
import { productModel, treesBlend } from "./long-horizon-lab/other-models.js";
import { mape, rmse } from "./long-horizon-lab/sparse-ridge.js";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string" },
    bound: { type: "boolean", default: false },
    input: { type: "string", default: "../shared/data/PJME_hourly.csv" },
    weather: { type: "string", default: "../shared/data/KDCA_weather_2011_2016.csv" },
  },
});
const tz = "America/New_York";
const { series } = await readLoadSeries(resolve(args.input), {
  tz,
  hourEnding: true,
  duplicates: "mean",
});
const joined = await joinBacktestWeather(series, kdcaWeatherSpec(resolve(args.weather), tz));
const grid = toHourlyGrid(joined.series, { timeZone: tz });
const ctx = B.labContext(grid);
const { t, table } = ctx;
const tb = (s, terms = "pwl", cross = "none") => B.tempBlock(ctx, s, terms, cross);
const hour = B.groupOf(ctx, "hour");
const sin1 = (i) => Math.sin(ctx.angle(i));
const cos1 = (i) => Math.cos(ctx.angle(i));
const cooling = (i) => Math.max(0, t[i] - 18);
const heating = (i) => Math.max(0, 15 - t[i]);
const years = (i) => (grid.timeUtcMs[i] - grid.timeUtcMs[0]) / (365.25 * 86_400_000);
const trend = (fns) =>
  B.fnBlock(fns.length, (i, push) => fns.forEach((f, k) => push(k, years(i) * f(i))));

// one ridge for all hours, on the product ridge's features
let product;
const single = (...extra) => B.design([...(product ??= B.productBlocks(grid)), ...extra]);
// one ridge per hour of the day
const series9 = [
  t,
  ctx.lag(1),
  ctx.lag(2),
  ctx.lag(3),
  table.mean24,
  table.mean72,
  table.dayMean,
  table.dayMax,
  table.dayMin,
];
const previousDay = [ctx.shift(table.dayMax, 24), ctx.shift(table.dayMin, 24)];
const hourly = (calendar, extra = []) => [calendar, ...series9.map((s) => tb(s)), ...extra];
const week = B.dayCalendar(ctx, { weekdays: true });
const named = B.holidayBlock(ctx);
const h4 = () => hourly(week, [named, ...previousDay.map((s) => tb(s))]);
// H4 without the 1 h and 2 h lags: the block of src/ml/features/temperature-recency.ts
const h4b = () => h4().filter((_, k) => k !== 2 && k !== 3);
const HOURLY_LAMBDAS = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1];
const perHour = { group: hour, lambdas: HOURLY_LAMBDAS };
const adopted = { ...perHour, halfLifeYears: 2, absolute: true };

const ROWS = [
  [
    "S1",
    "one ridge: the product ridge's features (calendar, hourly weather block)",
    () => [single(), {}],
  ],
  [
    "S2",
    "S1 + lags 1–6 h, terms × hour",
    () => [single(...[1, 2, 3, 4, 5, 6].map((k) => tb(ctx.lag(k), "pwl", "hour"))), {}],
  ],
  [
    "S3",
    "S1 + the two previous days' means, terms × hour",
    () => [
      single(
        tb(ctx.shift(ctx.trailing(t, 24), 24), "pwl", "hour"),
        tb(ctx.shift(ctx.trailing(t, 24), 48), "pwl", "hour"),
      ),
      {},
    ],
  ],
  ["S4", "S1 + temperature terms × month", () => [single(tb(t, "pwl", "month")), {}]],
  ["S5", "S1 + 7-day mean", () => [single(tb(ctx.trailing(t, 168))), {}]],
  [
    "S6",
    "S1 + 7- and 30-day means",
    () => [single(tb(ctx.trailing(t, 168)), tb(ctx.trailing(t, 720))), {}],
  ],
  [
    "S7",
    "S1 + exponentially smoothed temperature (half-lives 3, 7, 14 days)",
    () => [single(...[72, 168, 336].map((h) => tb(ctx.smoothed(h)))), {}],
  ],
  ["S8", "S1 + linear trend", () => [single(trend([() => 1])), {}]],
  [
    "S9",
    "S1 + trend × (1, cooling, heating degree hours)",
    () => [single(trend([() => 1, cooling, heating])), {}],
  ],
  [
    "S10",
    "S1 + per-year cooling / heating sensitivity (forecast: recent years')",
    () => [{ ...single(), yearTerms: [cooling, heating] }, {}],
  ],
  [
    "S11",
    "S1 + per-year seasonal level (sin, cos of the day of year)",
    () => [{ ...single(), yearTerms: [sin1, cos1] }, {}],
  ],
  ["S12", "S1, rows weighted by recency, half-life 1 year", () => [single(), { halfLifeYears: 1 }]],
  [
    "S13",
    "S1, rows weighted by recency, half-life 2 years",
    () => [single(), { halfLifeYears: 2 }],
  ],
  [
    "H1",
    "one ridge per hour: day type, holiday flags, harmonics; terms of the temperature, its 1–3 h lags, 24 h / 72 h means, day mean / max / min",
    () => [B.design(hourly(B.dayCalendar(ctx, { weekdays: false }))), perHour],
  ],
  ["H2", "H1 with weekday instead of day type", () => [B.design(hourly(week)), perHour]],
  ["H3", "H2 + one column per named holiday", () => [B.design(hourly(week, [named])), perHour]],
  ["H4", "H3 + the previous day's max / min", () => [B.design(h4()), perHour]],
  [
    "H4b",
    "H4 without the 1 h and 2 h lags (the temperature block adopted)",
    () => [B.design(h4b()), perHour],
  ],
  [
    "H5",
    "H4b + per-year seasonal level (sin, cos)",
    () => [B.design(h4b(), [sin1, cos1]), perHour],
  ],
  [
    "H6",
    "H4b, recency weights (half-life 2 years)",
    () => [B.design(h4b()), { ...perHour, halfLifeYears: 2 }],
  ],
  [
    "H7",
    "H4b, recency weights, penalty kept per weighted row on the refit",
    () => [B.design(h4b()), adopted],
  ],
  [
    "H8",
    "H4 + lags 4–6 h",
    () => [B.design([...h4(), ...[4, 5, 6].map((k) => tb(ctx.lag(k)))]), perHour],
  ],
  ["H9", "H4 + the same hour a day earlier", () => [B.design([...h4(), tb(ctx.lag(24))]), perHour]],
  [
    "H10",
    "H4 + 5-day and 7-day means",
    () => [B.design([...h4(), tb(ctx.trailing(t, 120)), tb(ctx.trailing(t, 168))]), perHour],
  ],
  [
    "H11",
    "H4 + cubic of the day mean",
    () => [B.design([...h4(), tb(table.dayMean, "poly")]), perHour],
  ],
  [
    "H12",
    "H4 + 72 h mean terms × day type",
    () => [B.design([...h4(), tb(table.mean72, "pwl", "daytype")]), perHour],
  ],
  [
    "H13",
    "H4 + temperature terms × first day-of-year harmonic",
    () => [B.design([...h4(), ...harmonicTerms()]), perHour],
  ],
  [
    "H14",
    "H4, 5 day-of-year harmonics",
    () => [B.design([B.dayCalendar(ctx, { harmonics: 5 }), ...h4().slice(1)]), perHour],
  ],
  [
    "H15",
    "H4, one ridge per hour and day type",
    () => [B.design(h4()), { ...perHour, group: B.groupOf(ctx, "hourDaytype") }],
  ],
  ["H16", "H4, fitted to the log of the load", () => [B.design(h4()), { ...perHour, log: true }]],
  [
    "H17",
    "H4, refitted without days whose residual exceeds 4 MADs",
    () => [B.design(h4()), { ...perHour, trim: 4 }],
  ],
  [
    "K1",
    "H6 per hour and season: kernel 20 days",
    () => [B.design(h4b()), { ...perHour, halfLifeYears: 2, kernel: 20 }],
  ],
  [
    "K2",
    "H6 per hour and season: kernel 30 days",
    () => [B.design(h4b()), { ...perHour, halfLifeYears: 2, kernel: 30 }],
  ],
  [
    "K3",
    "H6 per hour and season: kernel 45 days",
    () => [B.design(h4b()), { ...perHour, halfLifeYears: 2, kernel: 45 }],
  ],
  [
    "K4",
    "H7 per hour and season: kernel 20 days",
    () => [B.design(h4b()), { ...adopted, kernel: 20 }],
  ],
  [
    "E1",
    "average of H7 and K4 (the adopted design)",
    () =>
      ensemble([
        [B.design(h4b()), adopted],
        [B.design(h4b()), { ...adopted, kernel: 20 }],
      ]),
  ],
  [
    "E2",
    "E1 without the 3 h lag",
    () =>
      ensemble([
        [B.design(noLag()), adopted],
        [B.design(noLag()), { ...adopted, kernel: 20 }],
      ]),
  ],
  [
    "G1",
    "K4 blended with boosted trees (depth 5, early stopping), weight chosen on the year before",
    () => treesBlend(ctx, [B.design(h4b()), { ...adopted, kernel: 20 }], previousDay),
  ],
  [
    "P1",
    "the product model hourly-ridge (src/ml/models/hourly-ridge.ts), as bench/ml-validation.js",
    () => productModel(grid, "hourly-ridge"),
  ],
];

function harmonicTerms() {
  const terms = (i, f) =>
    [t[i], Math.max(0, 15 - t[i]), Math.max(0, t[i] - 18), Math.max(0, t[i] - 24)].map(
      (v) => v * f,
    );
  return [
    B.fnBlock(8, (i, push) =>
      [...terms(i, sin1(i)), ...terms(i, cos1(i))].forEach((v, k) => push(k, v)),
    ),
  ];
}

function noLag() {
  return h4b().filter((_, k) => k !== 2);
}

/** Scores of a list of [design, options] members averaged with equal weights. */
function ensemble(members) {
  const runs = members.map(([d, o]) => forwardValidation(grid, d, o));
  return runs[0].map((first, y) => {
    const f = first.f.map((_, k) => runs.reduce((s, r) => s + r[y].f[k], 0) / runs.length);
    return { rmse: rmse(first.tY, f), mape: mape(first.tY, f) };
  });
}

const wanted = args.rows ? new Set(args.rows.split(",")) : undefined;
console.log(`| id | variant | validation RMSE MW (${YEARS.join(" / ")}) | MAPE % | s |`);
console.log("|---|---|---:|---:|---:|");
for (const [id, label, build] of ROWS) {
  if (wanted && !wanted.has(id)) continue;
  const started = Date.now();
  const made = await build();
  const scores =
    Array.isArray(made[0]) || !made[0]?.rowFn ? made : forwardValidation(grid, made[0], made[1]);
  const all = pooledRmse(scores.map((s) => s.rmse));
  const each = scores.map((s) => s.rmse.toFixed(0)).join(" / ");
  const mapePct = scores.reduce((s, x) => s + x.mape, 0) / scores.length;
  console.log(
    `| ${id} | ${label} | ${all.toFixed(0)} (${each}) | ${mapePct.toFixed(2)} | ${((Date.now() - started) / 1000).toFixed(0)} |`,
  );
}

// --bound: the in-sample bound of the per-hour design (H4b, one level per calendar year) on the
// validation years (fitted on 2011–2014) and on the test years (fitted on every year), against
// H7's out-of-sample validation error: how close to its own in-sample fit a forecast gets.
if (args.bound) {
  const validationStart = splitRow(grid, `${YEARS[0]}-01-01`);
  const testStart = splitRow(grid, `${YEARS[YEARS.length - 1] + 1}-01-01`);
  const onValidation = inSampleBound(grid, B.design(h4b()), hour, validationStart, testStart);
  const onTest = inSampleBound(grid, B.design(h4b()), hour, testStart, grid.length);
  const outOfSample = pooledRmse(
    forwardValidation(grid, B.design(h4b()), adopted).map((s) => s.rmse),
  );
  const ratio = outOfSample / onValidation;
  console.log(
    `\nin-sample bound of H4b (per hour, a level per calendar year): ${YEARS.join("–")} ${onValidation.toFixed(0)} MW (fitted through ${YEARS[YEARS.length - 1]}), ` +
      `test years ${onTest.toFixed(0)} MW (fitted on every year)`,
  );
  console.log(
    `H7 out of sample on the validation years: ${outOfSample.toFixed(0)} MW = ${ratio.toFixed(3)} × its bound; ` +
      `the same ratio on the test years would give ${(ratio * onTest).toFixed(0)} MW`,
  );
}
