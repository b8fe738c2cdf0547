/**
 * Writes generated default data to a folder: one `<ZONE>_hourly.csv` per zone, `weather_hourly.csv`
 * and `generated.json` (the options used and every injected fault). Every file is written atomically.
 */
import { join } from "node:path";
import type { Effects } from "../effects.js";
import { formatLoadCsv, formatTemperatureCsv } from "./format-load-csv.js";
import { generateLoad, type GenerateLoadOptions, type InjectedFault } from "./generate-load.js";

/** Where the embedded default data lives, relative to the project root. */
export const DEFAULT_DATA_DIR = "data/raw/default";

/** What writeGeneratedData wrote. */
export interface GeneratedFiles {
  files: string[];
  rows: Record<string, number>;
  faults: InjectedFault[];
}

/** Generates load with `options` and writes it under `outDir`; returns the paths and row counts. */
export async function writeGeneratedData(
  outDir: string,
  options: GenerateLoadOptions,
  effects: Pick<Effects, "writeFileAtomic">,
): Promise<GeneratedFiles> {
  const data = generateLoad(options);
  const files: string[] = [];
  const rows: Record<string, number> = {};
  for (const zone of data.zones) {
    const path = join(outDir, `${zone.zone}_hourly.csv`);
    await effects.writeFileAtomic(path, formatLoadCsv(zone, data.timeZone));
    files.push(path);
    rows[zone.zone] = zone.timeUtcMs.length;
  }
  const weatherPath = join(outDir, "weather_hourly.csv");
  await effects.writeFileAtomic(
    weatherPath,
    formatTemperatureCsv(data.temperature.timeUtcMs, data.temperature.temperatureC),
  );
  files.push(weatherPath);
  const faults = data.faults.map((f) => ({ ...f, timeUtc: new Date(f.timeUtcMs).toISOString() }));
  const metaPath = join(outDir, "generated.json");
  const meta = { generator: "powerflow generate", options, timeZone: data.timeZone, rows, faults };
  await effects.writeFileAtomic(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  files.push(metaPath);
  return { files, rows, faults: data.faults };
}
