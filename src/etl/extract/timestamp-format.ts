/**
 * Timestamp formats: the `--timestamp-format` override parsed into a date-part order, and the
 * human-readable label of a format seen in a column.
 */
import { InputError } from "../../errors.js";
import type { StampParts } from "./csv-timestamp.js";

/** Order of the date parts, or an epoch unit. */
export type DateOrder = "ymd" | "dmy" | "mdy" | "epoch-s" | "epoch-ms";

const NAMES: Record<string, DateOrder | "auto"> = {
  auto: "auto",
  iso: "ymd",
  ymd: "ymd",
  dmy: "dmy",
  mdy: "mdy",
  "epoch-s": "epoch-s",
  "epoch-ms": "epoch-ms",
};

/**
 * Returns the date order named by `format`: a name (auto, iso, ymd, dmy, mdy, epoch-s,
 * epoch-ms) or a pattern such as `DD-MM-YYYY HH:mm`, `M/D/YYYY` or `DD/MM/YY H:mm`.
 */
export function parseTimestampFormat(format: string): DateOrder | "auto" {
  const named = NAMES[format.trim().toLowerCase()];
  if (named) return named;
  const y = format.indexOf("Y");
  const m = format.indexOf("M");
  const d = format.indexOf("D");
  if (y < 0 || m < 0 || d < 0) {
    throw new InputError(
      `invalid timestamp format: "${format}" (expected auto, iso, ymd, dmy, mdy, epoch-s, epoch-ms or a pattern such as DD-MM-YYYY HH:mm)`,
    );
  }
  if (y < m && y < d) return "ymd";
  return d < m ? "dmy" : "mdy";
}

/** Returns a pattern such as `DD-MM-YYYY HH:mm` describing a stamp of `parts` in `order`. */
export function describeFormat(order: DateOrder, parts: StampParts, example: string): string {
  if (order === "epoch-s" || order === "epoch-ms") return `${order} (e.g. ${example.trim()})`;
  const sep = String.fromCharCode(parts.separator);
  const year = parts.layout === "year-last-2" ? "YY" : "YYYY";
  const date =
    order === "ymd"
      ? `YYYY${sep}MM${sep}DD`
      : order === "dmy"
        ? `DD${sep}MM${sep}${year}`
        : `MM${sep}DD${sep}${year}`;
  const offset = Number.isNaN(parts.offsetMinutes) ? "" : " with UTC offset";
  return `${date}${parts.dateOnly ? "" : " time"}${offset} (e.g. "${example.trim()}")`;
}
