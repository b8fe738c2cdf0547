/** `powerflow backtest`: rolling-origin backtest of forecasting models on a load CSV. */
import type { Command } from "commander";
import {
  FORECAST_DEFAULTS as DEFAULTS,
  InputError,
  redactDeep,
  runForecastTask,
  saveModel,
  stderrLogger,
  type BackendName,
  type BacktestResult,
  type ForecastTaskKind,
} from "../../index.js";
import { parseIntegerOption } from "../parse-options.js";
import { addWeatherOptions, weatherSpecFromFlags } from "../weather-options.js";

const TASKS: readonly ForecastTaskKind[] = ["long-horizon", "day-ahead"];
const BACKENDS: readonly string[] = ["auto", "tensorflow", "wasm", "cpu"];

/** Adds `backtest` to the program. */
export function registerBacktestCommand(program: Command): void {
  const command = program
    .command("backtest")
    .description("backtest forecasting models (metrics, timings, backend) on a load CSV")
    .requiredOption("--input <csv>", "load CSV (path or glob)")
    .requiredOption(
      "--split <date>",
      "first forecast origin: YYYY-MM-DD (local midnight) or ISO instant",
    )
    .option("--task <task>", "long-horizon or day-ahead", "long-horizon")
    .option(
      "--tz <zone>",
      `IANA zone of the file's local stamps and of the calendar (default: ${DEFAULTS.timeZone})`,
    )
    .option("--hour-ending", "stamps mark the end of each hour (PJM files)", false)
    .option("--models <list>", "comma-separated model names (default: all for the task)")
    .option("--seed <n>", `seed of every model (default: ${DEFAULTS.seed})`)
    .option(
      "--horizon <hours>",
      `hours per origin (default: ${DEFAULTS.horizonHours} for day-ahead, else to the end)`,
    )
    .option(
      "--step <hours>",
      `hours between origins (default: ${DEFAULTS.horizonHours} for day-ahead, else the horizon)`,
    )
    .option(
      "--refit-every <n>",
      `origins between refits, 0 = fit once (default: ${DEFAULTS.refitEvery})`,
    )
    .option(
      "--holidays <country>",
      `public-holiday calendar, ISO country (default: ${DEFAULTS.holidayCountry})`,
    )
    .option(
      "--backend <name>",
      `tfjs backend: auto, tensorflow, wasm or cpu (default: ${DEFAULTS.backend})`,
    )
    .option("--save <dir>", "save each fitted model under <dir>/<model> (local or gs://)")
    .option("--json", "print the result as JSON (without forecast rows)", false);
  addWeatherOptions(command).action(async (opts: Record<string, string | boolean | undefined>) => {
    const logger = stderrLogger(program.opts().debug === true);
    const task = String(opts.task) as ForecastTaskKind;
    if (!TASKS.includes(task)) {
      throw new InputError(`unknown task: "${task}" (expected ${TASKS.join(" or ")})`);
    }
    const backend = opts.backend;
    if (typeof backend === "string" && !BACKENDS.includes(backend)) {
      throw new InputError(
        `unknown backend: "${backend}" (expected auto, tensorflow, wasm or cpu)`,
      );
    }
    const weather = weatherSpecFromFlags(opts);
    const result = await runForecastTask(String(opts.input), {
      ...(weather !== undefined ? { weather } : {}),
      task,
      split: String(opts.split),
      tz: stringOption(opts.tz),
      hourEnding: opts.hourEnding === true,
      seed: integerOption("--seed", opts.seed),
      refitEvery: integerOption("--refit-every", opts.refitEvery),
      holidayCountry: stringOption(opts.holidays),
      backend: stringOption(backend) as BackendName | "auto" | undefined,
      logger,
      keepModels: typeof opts.save === "string",
      ...(typeof opts.models === "string"
        ? { models: opts.models.split(",").map((m) => m.trim()) }
        : {}),
      ...(typeof opts.horizon === "string"
        ? { horizon: parseIntegerOption("--horizon", opts.horizon) }
        : {}),
      ...(typeof opts.step === "string"
        ? { stepHours: parseIntegerOption("--step", opts.step) }
        : {}),
    });
    if (typeof opts.save === "string") {
      for (const m of result.models) {
        if (!m.forecaster) continue;
        const files = await saveModel(m.forecaster, `${opts.save.replace(/\/+$/, "")}/${m.model}`);
        m.forecaster.fitted.dispose();
        logger.info(`saved ${m.model}: ${files.length} files`);
      }
    }
    process.stdout.write(
      opts.json === true ? `${JSON.stringify(summary(result), null, 2)}\n` : table(result),
    );
  });
}

// An option not given stays undefined, so the library's default applies.
function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function integerOption(flag: string, value: string | boolean | undefined): number | undefined {
  return typeof value === "string" ? parseIntegerOption(flag, value) : undefined;
}

/**
 * The result without forecast rows or live models: what --json prints, with credentials in any
 * string (a weather URL's API key, a database password in an input) redacted.
 */
export function summary(result: BacktestResult & { input?: string }): unknown {
  return redactDeep({
    ...result,
    models: result.models.map((m) => ({
      model: m.model,
      ...(result.evaluation ? { evaluation: result.evaluation, usesWeather: m.usesWeather } : {}),
      backend: m.card.backend,
      fitMs: Math.round(m.fitMs),
      predictMs: Math.round(m.predictMs),
      fits: m.fits,
      metrics: m.metrics,
      hyperparameters: m.card.hyperparameters,
      validationMetrics: m.card.validationMetrics,
    })),
  });
}

function table(result: BacktestResult): string {
  const evaluation = result.evaluation;
  const header = `task ${result.task}, split ${result.splitUtc}, ${result.origins} origins × ${result.horizon} h, backend ${result.backend}${evaluation ? `, ${evaluation}` : ""}\n`;
  const lines = [
    "model                 RMSE MW   MAE MW  MAPE %  sMAPE %   MASE  cover80 cover95   fit s",
    ...result.models.map((m) => {
      const x = m.metrics;
      return [
        m.model.padEnd(18),
        x.rmseMw.toFixed(0).padStart(10),
        x.maeMw.toFixed(0).padStart(8),
        x.mapePct.toFixed(2).padStart(7),
        x.smapePct.toFixed(2).padStart(8),
        x.mase.toFixed(3).padStart(6),
        x.coverage80.toFixed(3).padStart(8),
        x.coverage95.toFixed(3).padStart(7),
        (m.fitMs / 1000).toFixed(1).padStart(7),
      ].join(" ");
    }),
  ];
  return `${header}${lines.join("\n")}\n`;
}
