/**
 * The `--weather*` flags shared by `powerflow etl`, `powerflow backtest` and `powerflow forecast`,
 * and how they become a weather spec: `--weather` once names one station, repeated names several
 * (averaged); the other flags set the top-level settings every station inherits.
 */
import type { Command } from "commander";
import { InputError, WEATHER_FORMATS, type WeatherSpec } from "../index.js";

const FLAG_KEYS = {
  weatherColumn: "column",
  weatherUnit: "unit",
  weatherTz: "tz",
  weatherFormat: "format",
} as const;

const WEATHER_HELP =
  "join temperature: a CSV, ISD-Lite or Meteostat file (.gz too), a glob, or a URL (Open-Meteo archive); repeat for several stations (averaged)";

/** Adds the weather flags to `command`; `weatherHelp` replaces the help line of `--weather`. */
export function addWeatherOptions(command: Command, weatherHelp: string = WEATHER_HELP): Command {
  return command
    .option(
      "--weather <csv|url|file.gz>",
      weatherHelp,
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      "--weather-column <name>",
      "temperature column of a weather CSV (default: the only numeric one, or the one named like a temperature (temp*, t2m, tmp, tas, tair))",
    )
    .option("--weather-unit <unit>", "unit of a weather CSV: C, F or K (default C)")
    .option(
      "--weather-tz <zone>",
      "IANA zone of a weather CSV's stamps without offset (default UTC)",
    )
    .option(
      "--weather-format <format>",
      `${WEATHER_FORMATS.join(", ")} (default: by URL, file name, then content)`,
    );
}

/**
 * Returns the weather spec of the flags in `opts` over `base` (a config file's `enrich.weather`),
 * or `base` when no weather flag is given. Throws InputError when a setting flag has no source.
 */
export function weatherSpecFromFlags(
  opts: Record<string, unknown>,
  base?: unknown,
): WeatherSpec | undefined {
  const inputs = opts.weather as string[] | undefined;
  const settings = Object.entries(FLAG_KEYS).filter(([flag]) => opts[flag] !== undefined);
  if (inputs === undefined && settings.length === 0) return base as WeatherSpec | undefined;
  const spec: Record<string, unknown> =
    typeof base === "string" || Array.isArray(base)
      ? { input: base }
      : base !== null && typeof base === "object"
        ? { ...(base as Record<string, unknown>) }
        : {};
  if (inputs !== undefined) {
    delete spec.input;
    delete spec.stations;
    if (inputs.length === 1) spec.input = inputs[0];
    else spec.stations = inputs.map((input) => ({ input }));
  }
  if (spec.input === undefined && spec.stations === undefined) {
    const flag = settings[0]![0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new InputError(
      `--${flag} given without --weather: ${JSON.stringify(opts[settings[0]![0]])} (expected --weather <csv|url|file.gz> too)`,
    );
  }
  for (const [flag, key] of settings) spec[key] = opts[flag];
  return spec;
}
