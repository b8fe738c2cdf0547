// Notebooks 03 and 04 with `weather = ""`: they run as without the weather sections, each of which
// becomes the one-line note (issue 14). Run with `powerflow run` on seeded default data.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { NO_WEATHER_NOTE } from "../../src/analysis/read-observed-weather.js";
import { nodeEffects, silentLogger } from "../../src/effects.js";
import { writeGeneratedData } from "../../src/generate/write-generated-data.js";
import type { RunSummary } from "../../src/runner/run-notebooks.js";
import { PLOTLY_MIME } from "../../src/runner/mime-types.js";
import { executedCells, runProductNotebooks } from "./product-notebooks.js";

const NAMES = ["03-forecast", "04-trend-report"];
const quiet = nodeEffects({ logger: silentLogger() });

describe('notebooks 03 and 04 with weather = ""', () => {
  let out = "";
  let summary: RunSummary;

  beforeAll(async () => {
    const base = await mkdtemp(join(tmpdir(), "powerflow-no-weather-"));
    await writeGeneratedData(join(base, "data"), { seed: 42 }, quiet);
    out = join(base, "reports");
    summary = await runProductNotebooks(NAMES, out, {
      input: join(base, "data", "ALPHA_hourly.csv"),
      weather: "",
    });
  }, 600_000);

  test("they run without a failed cell, show the note instead of the weather sections and no ex post result", async () => {
    expect(summary.failed).toEqual([]);
    for (const name of NAMES) {
      const cells = await executedCells(out, name);
      const outputs = cells.flatMap((c) => c.outputs);
      expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
      const text = outputs.map((o) => JSON.stringify(o.data ?? {})).join("\n");
      const markdown = outputs.map((o) => o.data?.["text/markdown"]);
      const notes = markdown.filter(
        (m) => (Array.isArray(m) ? m.join("") : m) === `> ${NO_WEATHER_NOTE}`,
      );
      expect(notes).toHaveLength(1);
      expect(text).not.toContain("ex post (observed weather)");
      expect(outputs.some((o) => o.data?.[PLOTLY_MIME] !== undefined)).toBe(true);
      const weatherCells = cells.filter((c) => /weather-(scatter|table)$/.test(c.id));
      expect(weatherCells.every((c) => c.outputs.length === 0)).toBe(true);
    }
  });
});
