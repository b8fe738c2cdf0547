/**
 * Open Power System Data time series (or any CSV) by URL:
 * `https://data.open-power-system-data.org/time_series/…/time_series_60min_singleindex.csv#DE_load_actual_entsoe_transparency`.
 * The body is streamed to a temp file (retried as a whole on transient failures, so memory does
 * not grow with the file), then read by the shared CSV extractor; the URL fragment names the
 * value column and `utc_timestamp` is the default time column.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Effects } from "../../effects.js";
import { InputError, SourceError } from "../../errors.js";
import { extractCsv, type CsvExtractResult, type ExtractCsvOptions } from "./csv-extract.js";
import { httpRequest, type HttpRetryOptions } from "./http-request.js";
import { relocateCsvError, relocateCsvResult } from "./relocate-csv-result.js";

/** Options of `extractOpsdCsv`: the CSV options plus retry settings. */
export interface ExtractOpsdCsvOptions extends Omit<ExtractCsvOptions, "open">, HttpRetryOptions {
  /** secrets that may appear in the URL (redacted from messages); default none */
  secrets?: string[];
}

/** Matches `http(s)://…/*.csv` or `*.csv.gz`, with an optional query and `#column` fragment. */
export const CSV_URL = /^https?:\/\/[^\s]+\.csv(\.gz)?(\?[^#\s]*)?(#[^\s]*)?$/i;

/** Downloads the CSV at `url` and returns it as a CsvExtractResult with URL-based locations. */
export async function extractOpsdCsv(
  url: string,
  options: ExtractOpsdCsvOptions,
  effects: Effects,
): Promise<CsvExtractResult> {
  if (!CSV_URL.test(url)) {
    throw new InputError(
      `CSV URL malformed: "${url}" (expected http(s)://…/name.csv[.gz][#value_column])`,
    );
  }
  const hashAt = url.indexOf("#");
  const fetchUrl = hashAt < 0 ? url : url.slice(0, hashAt);
  const column = hashAt < 0 ? undefined : decodeURIComponent(url.slice(hashAt + 1));
  const dir = await mkdtemp(join(tmpdir(), "powerflow-opsd-"));
  const file = join(
    dir,
    fetchUrl.toLowerCase().split("?")[0]!.endsWith(".gz") ? "body.csv.gz" : "body.csv",
  );
  try {
    const result = await httpRequest(fetchUrl, effects, (response) => save(response, file), {
      timeoutMs: 600_000,
      ...options,
      source: "opsd",
      secrets: options.secrets ?? [],
    });
    const csv: ExtractCsvOptions = {
      ...options,
      timeColumn: options.timeColumn ?? "utc_timestamp",
    };
    const valueColumn = options.valueColumn ?? column;
    if (valueColumn !== undefined) csv.valueColumn = valueColumn;
    const extracted = await extractCsv(file, csv).catch((error: unknown) => {
      throw relocateCsvError(error, file, result.safeUrl);
    });
    return relocateCsvResult(extracted, file, result.safeUrl, "opsd");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function save(response: Response, file: string): Promise<number> {
  if (response.body === null)
    throw new SourceError("opsd", `OPSD response has no body (expected CSV bytes)`);
  const out = createWriteStream(file);
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream), out);
  return out.bytesWritten;
}
