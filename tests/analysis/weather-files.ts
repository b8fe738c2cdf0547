// Small generated load with its weather written as CSV files in the layouts the readers meet: the
// generator's UTC °C file, and the first 200 days in °F on a local clock in a column to be named.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createLoadSeries, type LoadSeries } from "../../src/frame.js";
import { formatTemperatureCsv } from "../../src/generate/format-load-csv.js";
import { generateLoad } from "../../src/generate/generate-load.js";

/** The load (220 days from 2021-01-01) and the paths of its weather files. */
export interface WeatherFiles {
  load: LoadSeries;
  /** time_utc,temperature_c for every load hour */
  celsiusPath: string;
  /** stamp,station_id,temp_f: the first 200 days, local clock UTC−5 (Etc/GMT+5), °F */
  fahrenheitPath: string;
}

/** Writes the weather files into `dir` and returns them with the load. */
export async function writeWeatherFiles(dir: string): Promise<WeatherFiles> {
  const generated = generateLoad({ seed: 3, days: 220, zones: [{ name: "A", baseMw: 1000 }] });
  const zone = generated.zones[0]!;
  const t = generated.temperature;
  const celsiusPath = join(dir, "weather.csv");
  await writeFile(celsiusPath, formatTemperatureCsv(t.timeUtcMs, t.temperatureC));
  const local = ["stamp,station_id,temp_f"];
  for (let i = 0; i < 24 * 200; i++) {
    const stamp = new Date(t.timeUtcMs[i]! - 5 * 3_600_000).toISOString().slice(0, 19);
    local.push(`${stamp.replace("T", " ")},7,${((t.temperatureC[i]! * 9) / 5 + 32).toFixed(2)}`);
  }
  const fahrenheitPath = join(dir, "weather-f.csv");
  await writeFile(fahrenheitPath, `${local.join("\n")}\n`);
  return { load: createLoadSeries(zone.timeUtcMs, zone.loadMw), celsiusPath, fahrenheitPath };
}

/** Writes the files into a temp folder before the file's tests (removed after); fields fill in then. */
export function useWeatherFiles(): WeatherFiles {
  const files = {} as WeatherFiles;
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pf-weather-files-"));
    Object.assign(files, await writeWeatherFiles(dir));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return files;
}
