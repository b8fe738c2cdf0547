import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("runForecastTask", () => {
  it("runForecastTask(csv, { weather }) joins the temperatures by UTC stamp and backtests the overlap ex post", async () => {
    const { timeUtcMs, temperatureC } = generated.temperature;
    const from = 24 * 20; // the weather starts 20 days after the load
    const result = await runForecastTask(csv, {
      task: "day-ahead",
      split: "2021-06-01",
      tz: TZ,
      models: ["seasonal-naive-24", "ridge"],
      weather: {
        timeUtcMs: timeUtcMs.subarray(from),
        temperatureC: temperatureC.subarray(from),
        label: "generated station (°C, UTC)",
      },
    });
    expect(result.weather).toMatchObject({
      source: "generated station (°C, UTC)",
      evaluation: "ex post (observed weather)",
      used: { startUtc: new Date(timeUtcMs[from]!).toISOString() },
      droppedLoadRows: from,
    });
    expect(result.models.map((m) => m.weather)).toEqual(["none", "ex post (observed weather)"]);
    expect(result.models[1]!.card.features).toContain("temperatureC_t+0");
    const without = await runForecastTask(csv, {
      task: "day-ahead",
      split: "2021-06-01",
      tz: TZ,
      models: ["ridge"],
    });
    expect(without.weather).toBeNull();
    expect(without.models[0]!.card.features).not.toContain("temperatureC_t+0");
  });
});
