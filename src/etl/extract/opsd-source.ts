/** The CSV-by-URL source of the ETL registry (Open Power System Data and any `https://…csv`). */
import type { EtlSource } from "../sources.js";
import { retrySettings } from "./http-settings.js";
import { CSV_URL, extractOpsdCsv, type ExtractOpsdCsvOptions } from "./opsd-csv.js";

/** Run options handed to the CSV extractor when set. */
const PASSED_ON = [
  "intervalMinutes",
  "timestampFormat",
  "timeColumn",
  "valueColumn",
  "allowNegative",
  "onProgress",
] as const;

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
    for (const key of PASSED_ON) {
      if (options[key] !== undefined) Object.assign(csv, { [key]: options[key] });
    }
    return extractOpsdCsv(input, csv, effects);
  },
};
