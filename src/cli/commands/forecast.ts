/** `powerflow forecast`: forecasts the hours after a load CSV with a saved model, with intervals. */
import type { Command } from "commander";
import { stringify } from "csv-stringify/sync";
import {
  FORECAST_DEFAULTS as DEFAULTS,
  forecastAhead,
  loadModel,
  nodeEffects,
  openStore,
  parseFileTarget,
  readLoadSeries,
  stderrLogger,
  type ForecastFrame,
} from "../../index.js";
import { parseIntegerOption } from "../parse-options.js";

/** Adds `forecast` to the program. */
export function registerForecastCommand(program: Command): void {
  program
    .command("forecast")
    .description("forecast the hours after a load CSV with a saved model (80 %/95 % intervals)")
    .requiredOption("--model <dir>", "model directory written by backtest --save (local or gs://)")
    .requiredOption("--input <csv>", "load CSV (path or glob) ending where the forecast starts")
    .option("--horizon <hours>", `hours to forecast (default: ${DEFAULTS.horizonHours})`)
    .option("--tz <zone>", `IANA zone of the file's local stamps (default: ${DEFAULTS.timeZone})`)
    .option("--hour-ending", "stamps mark the end of each hour (PJM files)", false)
    .option("--out <file>", "write CSV here (local or gs://) instead of stdout")
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const logger = stderrLogger(program.opts().debug === true);
      const horizon =
        typeof opts.horizon === "string"
          ? parseIntegerOption("--horizon", opts.horizon)
          : undefined;
      const forecaster = await loadModel(String(opts.model), { logger });
      try {
        const { series } = await readLoadSeries(String(opts.input), {
          tz: typeof opts.tz === "string" ? opts.tz : undefined,
          hourEnding: opts.hourEnding === true,
        });
        const frame = forecastAhead(forecaster, series, { horizon });
        const csv = forecastCsv(frame);
        if (typeof opts.out === "string") {
          const { target, name } = parseFileTarget(opts.out);
          const store = openStore(target, nodeEffects({ logger }));
          await store.write([{ name, content: csv, contentType: "text/csv" }]);
          logger.info(
            `forecast ok ${opts.out} (${frame.length} hours, model ${forecaster.card.model})`,
          );
        } else process.stdout.write(csv);
      } finally {
        forecaster.fitted.dispose();
      }
    });
}

function forecastCsv(frame: ForecastFrame): string {
  const c = frame.columns;
  const rows: (string | number)[][] = [];
  const round = (v: number): number => Math.round(v * 10) / 10;
  for (let k = 0; k < frame.length; k++) {
    rows.push([
      new Date(c.timeUtcMs[k]!).toISOString(),
      round(c.forecastMw[k]!),
      round(c.lower80Mw[k]!),
      round(c.upper80Mw[k]!),
      round(c.lower95Mw[k]!),
      round(c.upper95Mw[k]!),
    ]);
  }
  return stringify(rows, {
    header: true,
    columns: ["timeUtc", "forecastMw", "lower80Mw", "upper80Mw", "lower95Mw", "upper95Mw"],
  });
}
