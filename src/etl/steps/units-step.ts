/**
 * The units step: values in W, kW, GW or energy per interval (Wh … GWh) become MW, using the
 * series step fixed by dedupe. Row by row, so chunks need no state.
 */
import { normalizeUnits } from "../transform/normalize-units.js";
import type { SeriesStep } from "./series-step.js";

const convert: SeriesStep["run"] = (series, config, stats) =>
  normalizeUnits(series, {
    unit: config.unit,
    intervalMs: stats.intervalMs,
    timeZone: config.timeZone,
  });

/** Converts `loadMw` from `config.unit` to MW. */
export const unitsStep: SeriesStep = {
  name: "units",
  applies: (config) => config.unit !== "MW",
  run: convert,
  chunked: (config, stats) => ({
    push: (chunk) => convert(chunk, config, stats),
    end: (chunk) => convert(chunk, config, stats),
  }),
};
