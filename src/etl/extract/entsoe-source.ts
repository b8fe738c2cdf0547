/** The ENTSO-E source of the ETL registry: `entsoe://<EIC>?start=…&end=…` (token in ENTSOE_TOKEN). */
import type { EtlSource } from "../sources.js";
import { extractEntsoeLoad, type ExtractEntsoeLoadOptions } from "./entsoe-load.js";
import { retrySettings, stringSetting } from "./http-settings.js";

/** Reads `entsoe://` inputs; settings: baseUrl, retries, timeoutMs, … */
export const entsoeSource: EtlSource = {
  name: "entsoe",
  matches: (input) => /^entsoe:\/\//i.test(input),
  extract: (input, options, effects) => {
    const entsoe: ExtractEntsoeLoadOptions = retrySettings(options.settings);
    const baseUrl = stringSetting(options.settings, "baseUrl");
    if (baseUrl !== undefined) entsoe.baseUrl = baseUrl;
    if (options.allowNegative !== undefined) entsoe.allowNegative = options.allowNegative;
    return extractEntsoeLoad(input, entsoe, effects);
  },
};
