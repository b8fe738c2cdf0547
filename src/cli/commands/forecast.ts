/**
 * `powerflow forecast`: forecasts the hours after a load CSV with a saved model, with intervals; a
 * model fitted with observed weather reads the temperatures of a weather forecast (`--weather`).
 */
import type { Command } from "commander";
import { stringify } from "csv-stringify/sync";
import {
  FORECAST_DEFAULTS as DEFAULTS,
  forecastAhead,
  forecastAheadWithWeather,
  InputError,
  loadModel,
  modelUsesWeather,
  nodeEffects,
  openStore,
  parseFileTarget,
  readLoadSeries,
  redactDeep,
  stderrLogger,
  weatherHoursBefore,
  type ForecastFrame,
  type ForecastWithWeather,
  type Logger,
  type ModelCard,
  type WeatherSpec,
} from "../../index.js";
import { parseIntegerOption } from "../parse-options.js";
import { addWeatherOptions, weatherSpecFromFlags } from "../weather-options.js";

type Flags = Record<string, string | string[] | boolean | undefined>;

/** What a forecast prints: the rows, and the weather forecast it read (weather models only). */
type ForecastOutput = Partial<ForecastWithWeather> & { forecast: ForecastFrame };

const WEATHER_HELP = `for a model saved by backtest --weather: the weather forecast of the forecast hours, also covering the ${weatherHoursBefore({ task: "long-horizon" })} hours before them (a day-ahead model's ${weatherHoursBefore({ task: "day-ahead" })}); a CSV, ISD-Lite or Meteostat file (.gz too), a glob, or a URL; repeat for several stations (averaged)`;

/** Adds `forecast` to the program. */
export function registerForecastCommand(program: Command): void {
  const command = program
    .command("forecast")
    .description("forecast the hours after a load CSV with a saved model (80 %/95 % intervals)")
    .requiredOption("--model <dir>", "model directory written by backtest --save (local or gs://)")
    .requiredOption("--input <csv>", "load CSV (path or glob) ending where the forecast starts")
    .option("--horizon <hours>", `hours to forecast (default: ${DEFAULTS.horizonHours})`)
    .option("--tz <zone>", `IANA zone of the file's local stamps (default: ${DEFAULTS.timeZone})`)
    .option("--hour-ending", "stamps mark the end of each hour (PJM files)", false)
    .option("--out <file>", "write here (local or gs://) instead of stdout")
    .option("--json", "write JSON (model, weather used, rows) instead of CSV", false);
  addWeatherOptions(command, WEATHER_HELP).action(async (opts: Flags) => {
    const logger = stderrLogger(program.opts().debug === true);
    const horizon =
      typeof opts.horizon === "string" ? parseIntegerOption("--horizon", opts.horizon) : undefined;
    const weather = weatherSpecFromFlags(opts);
    const forecaster = await loadModel(String(opts.model), { logger });
    try {
      checkWeatherFlag(forecaster.card, weather, horizon ?? DEFAULTS.horizonHours);
      const { series } = await readLoadSeries(String(opts.input), {
        tz: typeof opts.tz === "string" ? opts.tz : undefined,
        hourEnding: opts.hourEnding === true,
      });
      const output: ForecastOutput =
        weather === undefined
          ? { forecast: forecastAhead(forecaster, series, { horizon }) }
          : await forecastAheadWithWeather(forecaster, series, weather, { horizon, logger });
      await writeOutput(output, forecaster.card, opts, logger);
    } finally {
      forecaster.fitted.dispose();
    }
  });
}

// The flag a user has to add or drop, named before any file is read.
function checkWeatherFlag(card: ModelCard, weather: WeatherSpec | undefined, horizon: number) {
  const fitted = modelUsesWeather(card);
  if (fitted && weather === undefined) {
    throw new InputError(
      `model ${card.model} was fitted with observed temperatures: no --weather given (expected --weather <csv|url|file.gz> with a weather forecast of the ${horizon} forecast hours and the ${weatherHoursBefore(card)} hours before them)`,
    );
  }
  if (!fitted && weather !== undefined) {
    throw new InputError(
      `model ${card.model} was fitted without weather: --weather given (expected no --weather for it, or a model saved by powerflow backtest --weather … --save)`,
    );
  }
}

async function writeOutput(
  output: ForecastOutput,
  card: ModelCard,
  opts: Flags,
  logger: Logger,
): Promise<void> {
  const json = opts.json === true;
  // the JSON names the weather inputs, which may be URLs with an API key
  const text = json
    ? `${JSON.stringify(redactDeep(forecastJson(card, String(opts.input), output)), null, 2)}\n`
    : forecastCsv(output);
  if (typeof opts.out !== "string") {
    process.stdout.write(text);
    return;
  }
  const { target, name } = parseFileTarget(opts.out);
  const store = openStore(target, nodeEffects({ logger }));
  await store.write([{ name, content: text, contentType: json ? "application/json" : "text/csv" }]);
  logger.info(
    `forecast ok ${opts.out} (${output.forecast.length} hours, model ${card.model}, ${labelOf(output)})`,
  );
}

function labelOf(output: ForecastOutput): string {
  return output.weather?.label ?? "without weather";
}

const COLUMNS = ["forecastMw", "lower80Mw", "upper80Mw", "lower95Mw", "upper95Mw"] as const;

function forecastJson(card: ModelCard, input: string, output: ForecastOutput): unknown {
  const c = output.forecast.columns;
  return {
    model: card.model,
    task: card.task,
    input,
    label: labelOf(output),
    weather: output.weather ?? null,
    forecast: Array.from({ length: output.forecast.length }, (_, k) => ({
      timeUtc: new Date(c.timeUtcMs[k]!).toISOString(),
      ...Object.fromEntries(COLUMNS.map((name) => [name, c[name][k]!])),
      ...(output.temperatureC ? { temperatureC: output.temperatureC[k]! } : {}),
    })),
  };
}

// Weather models add the temperature each hour was forecast with and the weather label.
function forecastCsv(output: ForecastOutput): string {
  const c = output.forecast.columns;
  const rows: (string | number)[][] = [];
  const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
  const t = output.temperatureC;
  for (let k = 0; k < output.forecast.length; k++) {
    const row = [
      new Date(c.timeUtcMs[k]!).toISOString(),
      ...COLUMNS.map((n) => round(c[n][k]!, 1)),
    ];
    rows.push(t ? [...row, round(t[k]!, 2), labelOf(output)] : row);
  }
  return stringify(rows, {
    header: true,
    columns: ["timeUtc", ...COLUMNS, ...(t ? ["temperatureC", "weather"] : [])],
  });
}
