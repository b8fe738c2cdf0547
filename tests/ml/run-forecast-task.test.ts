import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { formatLoadCsv } from "../../src/generate/format-load-csv.js";
import { generateLoad } from "../../src/generate/generate-load.js";
import { runForecastTask } from "../../src/ml/run-forecast-task.js";

const TZ = "America/New_York";
const generated = generateLoad({ days: 170, zones: [{ name: "A", baseMw: 1000 }], seed: 3 });
let dir = "";
let csv = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-forecast-task-"));
  csv = join(dir, "load.csv");
  await writeFile(csv, formatLoadCsv(generated.zones[0]!, TZ));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the generated temperatures (°F, UTC stamps) from hour `from` on; returns the path. */
async function weatherCsv(from: number): Promise<string> {
  const { timeUtcMs, temperatureC } = generated.temperature;
  const rows: string[] = [];
  for (let i = from; i < timeUtcMs.length; i++) {
    const fahrenheit = (temperatureC[i]! * 9) / 5 + 32;
    rows.push(`${new Date(timeUtcMs[i]!).toISOString()},${fahrenheit.toFixed(2)}`);
  }
  const path = join(dir, `weather-${from}.csv`);
  await writeFile(path, `time_utc,temp_f\n${rows.join("\n")}\n`);
  return path;
}

describe("runForecastTask", () => {
  it("runForecastTask(csv, { weather }) joins the temperatures and backtests the overlap ex post", async () => {
    const from = 24 * 20; // the weather starts 20 days after the load
    const result = await runForecastTask(csv, {
      task: "day-ahead",
      split: "2021-06-01",
      tz: TZ,
      models: ["seasonal-naive-24", "vanilla-benchmark", "ridge"],
      weather: await weatherCsv(from),
      weatherOptions: { unit: "F" },
    });
    const first = new Date(generated.temperature.timeUtcMs[from]!).toISOString();
    expect(result.evaluation).toBe("ex post (observed weather)");
    expect(result.weather).toMatchObject({
      label: "ex post (observed weather)",
      usedFirstUtc: first,
      rowsOutsideWeather: from,
    });
    expect(result.weather!.note).toMatch(
      /the backtest uses that overlap \(480 load rows left out\)/,
    );
    expect(result.models.map((m) => [m.model, m.usesWeather])).toEqual([
      ["seasonal-naive-24", false],
      ["vanilla-benchmark", true],
      ["ridge", true],
    ]);
    expect(result.models[2]!.card.features).toContain("temperatureC_t+0");
    expect(result.models[2]!.card.trainingRange.startUtc).toBe(first);
    const without = await runForecastTask(csv, {
      task: "day-ahead",
      split: "2021-06-01",
      tz: TZ,
      models: ["ridge"],
    });
    expect(without.evaluation).toBeUndefined();
    expect(without.weather).toBeUndefined();
    expect(without.models[0]!.usesWeather).toBe(false);
    expect(without.models[0]!.card.features).not.toContain("temperatureC_t+0");
  });

  it("runForecastTask rejects weather that starts too close to the split with InputError naming the overlap", async () => {
    const run = runForecastTask(csv, {
      task: "day-ahead",
      split: "2021-06-01",
      tz: TZ,
      models: ["ridge"],
      weather: await weatherCsv(24 * 140), // eleven days before the split
      weatherOptions: { unit: "F" },
    });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /too little history before the split: \d+ hours before 2021-06-01 \(expected at least 2688, 16 weeks; the weather covers .* the backtest uses that overlap \(3360 load rows left out\)\)/,
    );
  });
});
