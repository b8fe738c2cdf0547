/** Small seeded synthetic load series for the ml tests (one zone, hourly, with temperature). */
import { createLoadSeries, type LoadSeries } from "../../src/frame.js";
import { generateLoad } from "../../src/generate/generate-load.js";

/** Returns `days` of generated hourly load from 2021-01-01 (America/New_York), optionally with temperature. */
export function syntheticSeries(
  days: number,
  options: { temperature?: boolean; seed?: number } = {},
): LoadSeries {
  const generated = generateLoad({
    seed: options.seed ?? 7,
    days,
    zones: [{ name: "A", baseMw: 1000 }],
  });
  const zone = generated.zones[0]!;
  const extra: Record<string, Float64Array> = options.temperature
    ? { temperatureC: generated.temperature.temperatureC }
    : {};
  return createLoadSeries(zone.timeUtcMs, zone.loadMw, extra);
}

/** Tiny, fast network settings for tests. */
export const TINY = {
  mlp: { epochs: 3, hidden: 8, ensemble: 1, batchSize: 128 },
  gru: { epochs: 2, hidden: 8, ensemble: 1, batchSize: 128 },
};
