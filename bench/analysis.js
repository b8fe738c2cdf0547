// Analysis benchmark on the real PJM East file (issue 5): how long each analysis and figure takes
// on 145k hours, with ratios against named peers in the same run — the per-row Intl calendar
// (zonedParts) against the cached-offset localCalendar, danfo.js describe() against describeLoad,
// and the full-resolution line against the M4-downsampled figure (JSON size).
// Usage: npm run bench:analysis [-- --input ../shared/data/PJME_hourly.csv --tz America/New_York]
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import {
  analyzeLoad,
  describeLoad,
  danfoRows,
  insights,
  localCalendar,
  loadTimeSeriesFigure,
  monthlyProfilesByYearSvg,
  readLoadSeries,
  sampleRows,
  toDanfo,
  zonedParts,
} from "../dist/src/index.js";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const input = resolve(args.input ?? "../shared/data/PJME_hourly.csv");
const tz = args.tz ?? "America/New_York";
if (!existsSync(input)) {
  process.stdout.write(`bench:analysis skipped: ${input} not found (pass --input FILE)\n`);
  process.exit(0);
}

const time = (fn) => {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
};
const line = (name, ms, note = "") =>
  process.stdout.write(`${name.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms ${note}\n`);

const { series } = await readLoadSeries(input, { tz, hourEnding: args["hour-ending"] !== "false" });
const t = series.columns.timeUtcMs;
process.stdout.write(`${input}: ${series.length} hours, zone ${tz}\n`);

const cached = time(() => localCalendar(t, tz));
const perRow = time(() => {
  let s = 0;
  for (let i = 0; i < t.length; i++) s += zonedParts(t[i], tz).hour;
  return s;
});
line("localCalendar (offset cached per UTC day)", cached.ms);
line(
  "peer: zonedParts per row (Intl)",
  perRow.ms,
  `→ localCalendar is ${(perRow.ms / cached.ms).toFixed(1)}× faster`,
);

const analysis = time(() => analyzeLoad(series, { timeZone: tz, name: "PJME" }));
line("analyzeLoad (all analyses)", analysis.ms);
line(
  "insights",
  time(() => insights(analysis.value)).ms,
  `(${insights(analysis.value).length} findings)`,
);

const stats = time(() => describeLoad(series, { timeZone: tz, period: "all" }));
const sample = sampleRows(series, { size: 5000, seed: 42 });
const danfo = time(() => danfoRows(toDanfo(sample).describe()));
line("describeLoad (all 145k hours)", stats.ms);
line(
  "peer: danfo.js toDanfo+describe (5,000 hours)",
  danfo.ms,
  `→ ${(danfo.ms / stats.ms).toFixed(1)}× describeLoad on 29× more rows`,
);

const down = time(() => loadTimeSeriesFigure(series, { timeZone: tz, maxPoints: 0 }));
const full = time(() => loadTimeSeriesFigure(series, { timeZone: tz, maxPoints: Infinity }));
const downKb = JSON.stringify(down.value).length / 1024;
const fullKb = JSON.stringify(full.value).length / 1024;
line("loadTimeSeriesFigure (M4, 1,500 columns)", down.ms, `${downKb.toFixed(0)} KB JSON`);
line(
  "peer: every point",
  full.ms,
  `${fullKb.toFixed(0)} KB JSON → ${(fullKb / downKb).toFixed(1)}× larger`,
);
line(
  "monthlyProfilesByYearSvg (Plot + jsdom)",
  time(() => monthlyProfilesByYearSvg(series, { timeZone: tz })).ms,
);
