/**
 * Any weather CSV, read by the ETL's CSV extractor (dialect, timestamp inference, local time in
 * `timeZone` with its DST policy, quarantine): the temperature column is `column`, else the only
 * numeric one, else the one named like a temperature (temp*, t2m, tmp, tas, tair). Empty cells are missing values, not bad rows. A CSV
 * fetched from a URL arrives as bytes and is read from a temp file named after the URL.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { concatBytes } from "../../util/concat-bytes.js";
import { extractCsv, type CsvExtractResult } from "../extract/csv-extract.js";
import { openCsvInput } from "../extract/csv-input.js";
import { sniffCsv } from "../extract/csv-sniff.js";
import { relocateCsvError } from "../extract/relocate-csv-result.js";
import type { RawWeather } from "./raw-weather.js";
import { chooseWeatherColumn } from "./weather-column.js";
import type { TemperatureUnit } from "./weather-config.js";

/** Options of `extractWeatherCsv`. */
export interface ExtractWeatherCsvOptions {
  /** temperature column; default the only numeric column, else the one named like a temperature (temp*, t2m, tmp, tas, tair) */
  column?: string | undefined;
  /** time column; default by name (datetime, time_utc, …) */
  timeColumn?: string | undefined;
  /** zone of stamps without a UTC offset; default "UTC" */
  timeZone?: string;
  /** unit of the values; default "C" */
  unit?: TemperatureUnit;
}

/** Where the CSV is: a local path (.gz too), or a URL whose (gunzipped) body was fetched. */
export type WeatherCsvSource = { path: string } | { url: string; bytes: Uint8Array };

/** Returns the readings of a weather CSV. */
export async function extractWeatherCsv(
  source: WeatherCsvSource,
  options: ExtractWeatherCsvOptions = {},
): Promise<RawWeather> {
  if ("path" in source) return readCsv(source.path, await headOf(source.path), options);
  const dir = await mkdtemp(join(tmpdir(), "powerflow-weather-"));
  const file = join(dir, "weather.csv");
  try {
    await writeFile(file, source.bytes);
    const raw = await readCsv(file, source.bytes.subarray(0, 65_536), options).catch(
      (error: unknown) => {
        throw relocateCsvError(error, file, source.url);
      },
    );
    return relocate(raw, file, source.url);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readCsv(
  path: string,
  head: Uint8Array,
  options: ExtractWeatherCsvOptions,
): Promise<RawWeather> {
  const sniff = sniffCsv(head, path);
  const lines = new TextDecoder()
    .decode(sniff.bom ? head.subarray(3) : head)
    .split("\n")
    .slice(0, 200)
    .filter((l) => l.trim() !== "")
    .map((l) => l.replace(/\r$/, "").split(sniff.delimiter));
  const complete = head.length < 65_536 ? lines : lines.slice(0, -1);
  const columns = chooseWeatherColumn(lines[0] ?? [], complete.slice(1), path, options);
  const timeZone = options.timeZone ?? "UTC";
  const result = await extractCsv(path, { ...columns, timeZone, allowNegative: true });
  return fromCsvResult(result, { ...columns, timeZone, unit: options.unit ?? "C" });
}

function fromCsvResult(
  result: CsvExtractResult,
  how: { valueColumn: string; timeZone: string; unit: TemperatureUnit },
): RawWeather {
  const missing = (reason: string) => reason.startsWith("value missing");
  const quarantine = result.quarantine.filter((q) => !missing(q.reason));
  const count = (code: string) => result.findings.find((f) => f.code === code)?.count ?? 0;
  const c = result.frame.columns;
  return {
    frame: {
      length: result.frame.length,
      columns: {
        timeUtcMs: c.timeUtcMs as Float64Array,
        value: c.loadMw as Float64Array,
        line: c.line as Int32Array,
        file: new Int32Array(result.frame.length),
        dstAmbiguous: c.dstAmbiguous as Uint8Array,
      },
    },
    quarantine,
    rowsRead: result.rowsRead,
    missingValues: result.quarantine.length - quarantine.length,
    nonexistentLocal: count("dst-nonexistent"),
    ambiguousLocal: count("dst-ambiguous"),
    fallBackRepeatsResolved: count("dst-repeat-resolved"),
    format: "csv",
    unit: how.unit,
    column: how.valueColumn,
    timeZone: how.timeZone,
    files: result.files.map((f) => ({
      location: f.path,
      sha256: f.sha256,
      bytes: f.bytes,
      rowsRead: f.rowsRead,
    })),
    findings: result.findings.filter((f) => f.code !== "quarantined"),
  };
}

function relocate(raw: RawWeather, file: string, url: string): RawWeather {
  const move = (text: string) => text.split(file).join(url);
  return {
    ...raw,
    quarantine: raw.quarantine.map((q) => ({ ...q, source: move(q.source) })),
    files: raw.files.map((f) => ({ ...f, location: move(f.location) })),
    findings: raw.findings.map((f) => ({ ...f, message: move(f.message) })),
  };
}

async function headOf(path: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of openCsvInput(path)) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= 65_536) break;
  }
  return concatBytes(parts).subarray(0, 65_536);
}
