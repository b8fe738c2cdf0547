// Notebooks 01 and 02 read `weather` as 03 and 04 do (readObservedWeather with weatherColumn,
// weatherUnit, weatherTz): 01 reports the weather's quality beside the load's, 02 shows daily load
// against temperature. Run with `powerflow run` on a small generated load with a Kelvin file stamped
// in UTC (a short gap, a long gap, an implausible and an empty value), with `weather = ""`, and on
// the real PJME load with the KDCA airport file (°F, New York time) when ../shared/data is there.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NO_WEATHER_NOTE } from "../../src/analysis/read-observed-weather.js";
import { formatLoadCsv } from "../../src/generate/format-load-csv.js";
import { generateLoad } from "../../src/generate/generate-load.js";
import { PLOTLY_MIME } from "../../src/runner/mime-types.js";
import type { RunSummary } from "../../src/runner/run-notebooks.js";
import { describeWithSharedData, sharedDataFile } from "../helpers/shared-data.js";
import {
  cellTexts,
  executedCells,
  outputText,
  runProductNotebooks,
  type ExecutedCell,
} from "./product-notebooks.js";

const NAMES = ["01-ingest-and-clean", "02-explore"];

let base = "";
let input = "";
let kelvin = "";

// 120 days of load from 2021-05-01 (New York) and its temperature in kelvin, stamped in UTC
// without an offset: UTC hours 100–102 and 500–509 absent, 400 K (127 °C) at hour 800, an empty
// value at hour 900.
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "powerflow-nb-weather-"));
  const generated = generateLoad({
    seed: 5,
    start: "2021-05-01",
    days: 120,
    zones: [{ name: "KELVIN", baseMw: 1000 }],
  });
  input = join(base, "KELVIN_hourly.csv");
  await writeFile(input, formatLoadCsv(generated.zones[0]!, "America/New_York"));
  const t = generated.temperature;
  const rows = ["valid_time,t2m_k"];
  for (let i = 0; i < t.timeUtcMs.length; i++) {
    if ((i >= 100 && i < 103) || (i >= 500 && i < 510)) continue;
    const stamp = new Date(t.timeUtcMs[i]!).toISOString().slice(0, 16).replace("T", " ");
    const k = i === 800 ? "400.00" : i === 900 ? "" : (t.temperatureC[i]! + 273.15).toFixed(2);
    rows.push(`${stamp},${k}`);
  }
  kelvin = join(base, "t2m_kelvin_utc.csv");
  await writeFile(kelvin, `${rows.join("\n")}\n`);
}, 60_000);

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

/** The executed notebooks of one run: cells by notebook, after checking no cell failed. */
async function runBoth(
  out: string,
  parameters: Record<string, string>,
): Promise<Record<string, ExecutedCell[]>> {
  const summary: RunSummary = await runProductNotebooks(NAMES, out, parameters);
  expect(summary.failed.map((f) => f.name)).toEqual([]);
  const cells: Record<string, ExecutedCell[]> = {};
  for (const name of NAMES) {
    cells[name] = await executedCells(out, name);
    const errors = cells[name].flatMap((c) => c.outputs).filter((o) => o.output_type === "error");
    expect(errors.map((e) => `${e.ename}: ${e.evalue}`)).toEqual([]);
  }
  return cells;
}

/** Rows of a table's plain text (caption and header lines dropped) as first → second column. */
function tableRows(text: string): Map<string, string> {
  const lines = text.split("\n").slice(2);
  return new Map(lines.map((l) => l.split("\t") as [string, string]));
}

describe("01 and 02 with a Kelvin weather file stamped in UTC (weatherUnit=K)", () => {
  let cells: Record<string, ExecutedCell[]> = {};

  beforeAll(async () => {
    cells = await runBoth(join(base, "kelvin"), {
      input,
      weather: kelvin,
      weatherUnit: "K",
      weatherTz: "UTC",
    });
  }, 600_000);

  test("01 names the file, its conversion and how many load hours got a temperature", () => {
    const [read, table] = cellTexts(cells["01-ingest-and-clean"]!, "ingest-weather-quality");
    expect(read).toBe(
      "**Weather:** `t2m_kelvin_utc` (csv; column `t2m_k`; conversion K → °C: x − 273.15; stamps without offset read in UTC; a temperature in 99.7 % of its hours). A temperature was joined to **2,870** of **2,880** load hours by UTC hour (10 without: 10 in its gaps).",
    );
    const rows = tableRows(table!);
    expect(Object.fromEntries([...rows].slice(0, 16))).toEqual({
      "rows read": "2867",
      "hours observed": "2865",
      "readings averaged into hours": "0",
      "duplicate readings merged": "0",
      "implausible values quarantined": "1",
      "rows quarantined": "0",
      "values marked missing": "1",
      "counts reconcile": "yes",
      "hours filled (interpolated)": "5",
      "gaps left NaN": "1",
      "hours in gaps left NaN": "10",
      "spring-forward stamps dropped": "0",
      "lone fall-back stamps (read as daylight time)": "0",
      "repeated fall-back stamps resolved": "0",
      "first hour (UTC)": "2021-05-01T04:00:00.000Z",
      "last hour (UTC)": "2021-08-29T03:00:00.000Z",
    });
    expect(rows.get("policy: gaps")).toMatch(/^up to 6 h filled by linear interpolation/);
    expect(rows.get("policy: plausible range")).toBe("−60 … 60 °C; values outside quarantined");
    expect(rows.get("policy: spring-forward stamps")).toBe("dropped (quarantined and counted)");
  });

  test("01 lists the weather findings and the one gap left NaN in local time", () => {
    const [findings] = cellTexts(cells["01-ingest-and-clean"]!, "ingest-weather-findings");
    const counts = Object.fromEntries(tableRows(findings!));
    expect(counts).toMatchObject({
      "weather-unit": "2866",
      "weather-implausible": "1",
      "weather-missing-values": "1",
      "weather-filled": "5",
      "weather-gaps": "10",
    });
    expect(counts).not.toHaveProperty("weather-local-time");
    expect(cellTexts(cells["01-ingest-and-clean"]!, "ingest-weather-gaps")).toEqual([
      [
        "Longest weather gaps, longer than 6 h and left NaN (local time)",
        "lastBefore\tfirstAfter\tmissing",
        "2021-05-21 19:00\t2021-05-22 06:00\t10",
      ].join("\n"),
    ]);
  });

  test("02 draws daily load against the converted temperature, with a cooling slope in summer", () => {
    const outputs = cells["02-explore"]!.find((c) => c.id === "explore-weather-temperature")!;
    expect(outputs.outputs).toHaveLength(1);
    expect(outputs.outputs[0]!.data?.[PLOTLY_MIME]).toBeDefined();
    expect(outputText(outputs.outputs[0]!)).toMatch(
      /^Plotly figure: Working-day load changes by \+[\d,]+ MW per °C in Jun–Aug/,
    );
  });
});

describe('01 and 02 with weather = ""', () => {
  let cells: Record<string, ExecutedCell[]> = {};

  beforeAll(async () => {
    cells = await runBoth(join(base, "none"), { input, weather: "" });
  }, 600_000);

  test("each shows the one-line note once instead of its weather section, and the load sections", () => {
    for (const name of NAMES) {
      const all = cells[name]!;
      const notes = all
        .flatMap((c) => c.outputs)
        .filter((o) => outputText(o, "text/markdown") === `> ${NO_WEATHER_NOTE}`);
      expect(notes, name).toHaveLength(1);
      const silent = all.filter((c) => /weather-(findings|gaps)$/.test(c.id));
      expect(silent.every((c) => c.outputs.length === 0)).toBe(true);
      expect(all.flatMap((c) => c.outputs).some((o) => o.data?.[PLOTLY_MIME] !== undefined)).toBe(
        true,
      );
    }
    expect(cellTexts(cells["01-ingest-and-clean"]!, "ingest-06-code")[0]).toMatch(
      /counts reconcile\tyes/,
    );
  });
});

describeWithSharedData(
  "01 and 02 on PJME with the KDCA airport weather (°F, New York time)",
  () => {
    let cells: Record<string, ExecutedCell[]> = {};

    beforeAll(async () => {
      cells = await runBoth(join(base, "kdca"), {
        input: sharedDataFile("PJME_hourly.csv"),
        hourEnding: "true",
        weather: sharedDataFile("KDCA_weather_2011_2016.csv"),
        weatherUnit: "F",
        weatherTz: "America/New_York",
      });
    }, 600_000);

    // 2011-01-03 … 2016-12-31 local: 2,190 days of 24 rows. Each spring-forward day has a row for
    // its nonexistent 02:00 (dropped), each fall-back day only one 01:00 (read as daylight time,
    // its standard-time hour filled); one 7-hour hole on 2012-06-30 stays NaN.
    test("01 finds the temperature column, converts °F on the New York clock and reports the DST stamps", () => {
      const [read, table] = cellTexts(cells["01-ingest-and-clean"]!, "ingest-weather-quality");
      expect(read).toMatch(
        /^\*\*Weather:\*\* `KDCA_weather_2011_2016` \(csv; column `temp_dca`; conversion °F → °C: \(x − 32\) × 5\/9; stamps without offset read in America\/New_York;/,
      );
      expect(read).toMatch(
        /A temperature was joined to \*\*52,547\*\* of \*\*145,366\*\* load hours by UTC hour \(92,819 without: 78,917 before the weather starts, 13,895 after it ends, 7 in its gaps\)\.$/,
      );
      const rows = tableRows(table!);
      expect(rows.get("rows read")).toBe("52,560");
      expect(rows.get("counts reconcile")).toBe("yes");
      expect(rows.get("spring-forward stamps dropped")).toBe("6");
      expect(rows.get("lone fall-back stamps (read as daylight time)")).toBe("6");
      expect(rows.get("rows quarantined")).toBe("6 (local time does not exist ×6)");
      expect(rows.get("hours in gaps left NaN")).toBe("7");
      expect(cellTexts(cells["01-ingest-and-clean"]!, "ingest-weather-gaps")[0]).toContain(
        "2012-06-30 05:00\t2012-06-30 13:00\t7",
      );
    });

    test("02 shows PJME's summer cooling and winter heating slopes against the KDCA temperature", () => {
      const [figure] = cellTexts(cells["02-explore"]!, "explore-weather-temperature");
      expect(figure).toMatch(
        /^Plotly figure: Working-day load changes by \+[\d,]+ MW per °C in Jun–Aug and by −[\d,]+ MW per °C in Dec–Feb/,
      );
    });
  },
);
