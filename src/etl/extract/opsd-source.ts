/** The CSV-by-URL source of the ETL registry (Open Power System Data and any `https://…csv`). */
import type { EtlSource } from "../sources.js";
import { retrySettings } from "./http-settings.js";
import { CSV_URL, extractOpsdCsv, type ExtractOpsdCsvOptions } from "./opsd-csv.js";

/** Reads `http(s)://….csv[.gz][#value_column]` with the CSV options of the run. */
export const opsdSource: EtlSource = {
  name: "opsd",
  matches: (input) => CSV_URL.test(input),
  extract: (input, options, effects) => {
    const csv: ExtractOpsdCsvOptions = {
      ...retrySettings(options.settings),
      timeZone: options.timeZone,
      hourEnding: options.hourEnding,
    };
    if (options.intervalMinutes !== undefined) csv.intervalMinutes = options.intervalMinutes;
    if (options.timestampFormat !== undefined) csv.timestampFormat = options.timestampFormat;
    if (options.timeColumn !== undefined) csv.timeColumn = options.timeColumn;
    if (options.valueColumn !== undefined) csv.valueColumn = options.valueColumn;
    if (options.allowNegative !== undefined) csv.allowNegative = options.allowNegative;
    if (options.onProgress !== undefined) csv.onProgress = options.onProgress;
    return extractOpsdCsv(input, csv, effects);
  },
};
