/** The CSV file source of the ETL registry: local paths, globs, `.gz` files and `gs://` objects. */
import { urlSchemeOf } from "../../util/url-scheme-of.js";
import type { EtlSource } from "../sources.js";
import { extractCsv, type ExtractCsvOptions } from "./csv-extract.js";

/** Reads `gs://` objects and any input that is not a URL (`scheme://…` or `scheme:…`) as CSV. */
export const csvSource: EtlSource = {
  name: "csv",
  matches: (input) => [undefined, "gs"].includes(urlSchemeOf(input)),
  extract: (input, options) => {
    const csv: ExtractCsvOptions = { timeZone: options.timeZone, hourEnding: options.hourEnding };
    if (options.intervalMinutes !== undefined) csv.intervalMinutes = options.intervalMinutes;
    if (options.timestampFormat !== undefined) csv.timestampFormat = options.timestampFormat;
    if (options.timeColumn !== undefined) csv.timeColumn = options.timeColumn;
    if (options.valueColumn !== undefined) csv.valueColumn = options.valueColumn;
    if (options.allowNegative !== undefined) csv.allowNegative = options.allowNegative;
    if (options.onProgress !== undefined) csv.onProgress = options.onProgress;
    if (options.onRow !== undefined) csv.onRow = options.onRow;
    return extractCsv(input, csv);
  },
};
