/**
 * Which reader a weather input needs. The rule, first match wins:
 * 1. an explicit format (`--weather-format`, `format:`);
 * 2. the URL: host open-meteo.com or path `/v1/archive` → open-meteo; `isd-lite` in the path →
 *    isd-lite; `meteostat` in the host or path → meteostat;
 * 3. the file name: `USAF-WBAN-YYYY` (e.g. `724050-13743-2015.gz`) → isd-lite; `.json` → open-meteo;
 * 4. the content (first non-blank line, after gunzip): `{` → open-meteo; `YYYY MM DD HH` then a
 *    6-character field → isd-lite; `YYYY-MM-DD,H,` (no header) → meteostat; anything else → csv.
 */
import type { WeatherFormat } from "./weather-config.js";

/** The format and which part of the rule chose it. */
export interface DetectedFormat {
  format: WeatherFormat;
  /** "given", "url", "file name" or "content" */
  by: "given" | "url" | "file name" | "content";
}

const ISD_NAME = /(^|[\\/])\d{6}-\d{5}-\d{4}(\.gz)?$/i;

/** Returns the format of `input` by URL or file name, or undefined when only content can tell. */
export function formatByName(
  input: string,
  given: WeatherFormat | "auto" = "auto",
): DetectedFormat | undefined {
  if (given !== "auto") return { format: given, by: "given" };
  const path = input.replace(/[?#].*$/, "");
  if (/^https?:\/\//i.test(input)) {
    if (/open-meteo\.com|\/v1\/archive(\?|$)/i.test(input))
      return { format: "open-meteo", by: "url" };
    if (/isd-lite/i.test(path)) return { format: "isd-lite", by: "url" };
    if (/meteostat/i.test(path)) return { format: "meteostat", by: "url" };
  }
  if (ISD_NAME.test(path)) return { format: "isd-lite", by: "file name" };
  if (/\.json(\.gz)?$/i.test(path)) return { format: "open-meteo", by: "file name" };
  return undefined;
}

/** Returns the format the first bytes of a (gunzipped) file show. */
export function formatByContent(head: Uint8Array): DetectedFormat {
  const text = new TextDecoder().decode(head.subarray(0, 4096)).replace(/^\uFEFF/, "");
  const first = text.split("\n").find((l) => l.trim() !== "") ?? "";
  if (first.trimStart().startsWith("{")) return { format: "open-meteo", by: "content" };
  if (/^\d{4} \d\d \d\d \d\d[ -\d]{6}/.test(first)) return { format: "isd-lite", by: "content" };
  if (/^\d{4}-\d\d-\d\d,\d{1,2},/.test(first)) return { format: "meteostat", by: "content" };
  return { format: "csv", by: "content" };
}
