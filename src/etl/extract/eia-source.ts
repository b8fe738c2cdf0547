/** The EIA source of the ETL registry: `eia://<respondent>?start=…&end=…` (key in EIA_API_KEY). */
import type { EtlSource } from "../sources.js";
import { extractEiaHourly, type ExtractEiaHourlyOptions } from "./eia-hourly.js";
import { numberSetting, retrySettings, stringSetting } from "./http-settings.js";

/** Reads `eia://` inputs; settings: baseUrl, pageSize, retries, timeoutMs, … */
export const eiaSource: EtlSource = {
  name: "eia",
  matches: (input) => /^eia:\/\//i.test(input),
  extract: (input, options, effects) => {
    const eia: ExtractEiaHourlyOptions = {
      ...retrySettings(options.settings),
      hourEnding: options.hourEnding,
    };
    const baseUrl = stringSetting(options.settings, "baseUrl");
    if (baseUrl !== undefined) eia.baseUrl = baseUrl;
    const pageSize = numberSetting(options.settings, "pageSize");
    if (pageSize !== undefined) eia.pageSize = pageSize;
    if (options.allowNegative !== undefined) eia.allowNegative = options.allowNegative;
    return extractEiaHourly(input, eia, effects);
  },
};
