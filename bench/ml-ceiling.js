// How low can a calendar-only model go on the long-horizon task (issue 4)? This fits one very
// flexible calendar model by least squares — ISO week x local hour (52 x 24 cells), hour x day
// type (weekday / Saturday / Sunday-or-holiday), weekday, holiday x hour, and one level per
// year — twice:
//   - out of sample: on the training years, level from the last training year, scored on the
//     test period (what a model can do);
//   - in sample on the test period itself (a ceiling no calendar-only model can be expected
//     to beat out of sample: it already knows the test years' own weekly means and levels).
// Usage: npm run bench:ml-ceiling [-- --input ../shared/data/AEP_hourly.csv --split 2015-01-01]
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { publicHolidays, readLoadSeries, zonedParts } from "../dist/src/index.js";

const { values: args } = parseArgs({
  options: { input: { type: "string" }, tz: { type: "string" }, split: { type: "string" } },
});
const input = resolve(args.input ?? "../shared/data/PJME_hourly.csv");
const tz = args.tz ?? "America/New_York";
const split = args.split ?? "2015-01-01";
const TARGET = 3400;

const { series } = await readLoadSeries(input, { tz, hourEnding: true });
const times = series.columns.timeUtcMs;
const load = series.columns.loadMw;
const rows = [];
for (let i = 0; i < series.length; i += 1) {
  if (!Number.isFinite(load[i])) continue;
  const p = zonedParts(times[i], tz);
  rows.push({ ...p, date: isoDate(p), y: load[i] });
}
const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
const holidays = publicHolidays("US", years[0], years.at(-1));
const isTest = (r) => r.date >= split;

// Feature blocks (one-hot; each row has exactly five active columns).
const blocks = { hourDay: 72, weekHour: 52 * 24, weekday: 7, holidayHour: 24, year: years.length };
const offsets = {};
let width = 0;
for (const [name, size] of Object.entries(blocks)) {
  offsets[name] = width;
  width += size;
}
function active(r) {
  const holiday = holidays.has(r.date);
  const dayType = holiday || r.weekday === 0 ? 2 : r.weekday === 6 ? 1 : 0;
  const week = Math.min(isoWeek(r), 52) - 1;
  const cols = [
    offsets.hourDay + r.hour * 3 + dayType,
    offsets.weekHour + week * 24 + r.hour,
    offsets.weekday + r.weekday,
    offsets.year + years.indexOf(r.year),
  ];
  if (holiday) cols.push(offsets.holidayHour + r.hour);
  return cols;
}

function fit(sample, lambda) {
  const xtx = new Float64Array(width * width);
  const xty = new Float64Array(width);
  for (const r of sample) {
    const cols = active(r);
    for (const a of cols) {
      xty[a] += r.y;
      for (const b of cols) xtx[a * width + b] += 1;
    }
  }
  for (let j = 0; j < width; j += 1) xtx[j * width + j] += lambda;
  return solveSpd(xtx, xty, width);
}

function rmse(sample, beta, levelOf) {
  let sum = 0;
  for (const r of sample) {
    const cols = active(r);
    let pred = levelOf(r);
    for (const c of cols) if (c < offsets.year) pred += beta[c];
    if (cols.length > 4) pred += beta[cols[4]];
    sum += (r.y - pred) ** 2;
  }
  return Math.sqrt(sum / sample.length);
}

const train = rows.filter((r) => !isTest(r));
const test = rows.filter(isTest);
console.log(
  `${input.split("/").pop()}: ${train.length} training hours, ${test.length} test hours from ${split} (${tz}); ${width} one-hot columns`,
);
console.log("| fit | λ | test RMSE MW | ÷ 3,400 (the PJME target) |");
console.log("|---|---:|---:|---:|");
for (const lambda of [1, 3, 10]) {
  const beta = fit(train, lambda);
  const lastLevel = beta[offsets.year + years.indexOf(train.at(-1).year)];
  const score = rmse(test, beta, () => lastLevel);
  console.log(
    `| trained before ${split}, last year's level | ${lambda} | ${score.toFixed(0)} | ${(score / TARGET).toFixed(3)} |`,
  );
}
for (const lambda of [1, 3, 10]) {
  const beta = fit(test, lambda);
  const score = rmse(test, beta, (r) => beta[offsets.year + years.indexOf(r.year)]);
  console.log(
    `| in sample on the test period itself (ceiling) | ${lambda} | ${score.toFixed(0)} | ${(score / TARGET).toFixed(3)} |`,
  );
}

function isoDate(p) {
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

function isoWeek(p) {
  const day = Date.UTC(p.year, p.month - 1, p.day);
  const weekday = (p.weekday + 6) % 7; // Monday 0
  const thursday = day + (3 - weekday) * 86_400_000;
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return 1 + Math.floor((thursday - yearStart) / (7 * 86_400_000));
}

// Cholesky solve of the symmetric positive definite system a x = b (a is n x n, row-major).
function solveSpd(a, b, n) {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k += 1) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(s) : s / l[j * n + j];
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let s = b[i];
    for (let k = 0; k < i; k += 1) s -= l[i * n + k] * z[k];
    z[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    let s = z[i];
    for (let k = i + 1; k < n; k += 1) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}
