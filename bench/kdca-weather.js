// Private reader of ../shared/data/KDCA_weather_2011_2016.csv for the forecasting benchmarks:
// only the `temp_dca` column (°F, hour-beginning US Eastern local clock) becomes °C on UTC hour
// starts. Local clock quirks of that file (see ../shared/data/README.md): the spring-forward
// 02:00 row does not exist locally and is dropped; the fall-back 01:00 appears once and is taken
// as its first occurrence (EDT), which leaves the second 01:00 (EST) as a one-hour gap; empty
// values are skipped and duplicate stamps averaged. The ETL's weather readers are the general
// tool; this keeps the benchmark independent of them.
import { readFile } from "node:fs/promises";
import { LocalToUtc } from "../dist/src/etl/transform/local-to-utc.js";

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/;

/** Returns { timeUtcMs, temperatureC, label, dropped } from the KDCA CSV at `path`. */
export async function readKdcaWeather(path, { timeZone = "America/New_York" } = {}) {
  const lines = (await readFile(path, "utf8")).split(/\r?\n/);
  const header = lines[0].split(",");
  const tempAt = header.indexOf("temp_dca");
  const timeAt = header.indexOf("datetime");
  if (tempAt < 0 || timeAt < 0) {
    throw new Error(`KDCA weather file has no datetime/temp_dca columns: ${path}`);
  }
  const zone = new LocalToUtc(timeZone);
  const resolution = { kind: "normal", earlierUtcMs: 0, laterUtcMs: 0 };
  const sums = new Map();
  const dropped = { nonexistent: 0, empty: 0 };
  for (let r = 1; r < lines.length; r++) {
    if (lines[r] === "") continue;
    const cells = lines[r].split(",");
    const m = STAMP.exec(cells[timeAt]);
    if (!m) throw new Error(`KDCA weather bad stamp at row ${r + 1}: "${cells[timeAt]}"`);
    const text = cells[tempAt]?.trim() ?? "";
    if (text === "") {
      dropped.empty++;
      continue;
    }
    const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    zone.resolve(wall, resolution);
    if (resolution.kind === "nonexistent") {
      dropped.nonexistent++;
      continue;
    }
    const utc = resolution.earlierUtcMs;
    const celsius = ((Number(text) - 32) * 5) / 9;
    const sum = sums.get(utc) ?? { total: 0, n: 0 };
    sum.total += celsius;
    sum.n += 1;
    sums.set(utc, sum);
  }
  const stamps = [...sums.keys()].sort((a, b) => a - b);
  return {
    timeUtcMs: Float64Array.from(stamps),
    temperatureC: Float64Array.from(stamps, (t) => sums.get(t).total / sums.get(t).n),
    label: `${path.split("/").pop()} temp_dca (°F → °C, ${timeZone} hour-beginning → UTC)`,
    dropped,
  };
}
