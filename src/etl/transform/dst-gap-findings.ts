/**
 * DST notes for a UTC series whose source was local time: gaps that sit on a fall-back change
 * (the repeated hour absent from the source) and the spring-forward days the series spans (the
 * skipped local hour is not a gap). Pure: the zone is an argument.
 */
import { LocalToUtc } from "./local-to-utc.js";
import { finding, type GapInfo, type QualityFinding } from "../validate/quality-report.js";

const DAY_MS = 86_400_000;

/** Returns findings about DST transitions inside [firstUtcMs, lastUtcMs] and on `gaps`. */
export function dstGapFindings(
  gaps: readonly GapInfo[],
  firstUtcMs: number,
  lastUtcMs: number,
  timeZone: string,
): QualityFinding[] {
  if (timeZone === "UTC" || !(lastUtcMs > firstUtcMs)) return [];
  const zone = new LocalToUtc(timeZone);
  let springDays = 0;
  let fallDays = 0;
  let previous = zone.offsetAt(firstUtcMs);
  for (let t = firstUtcMs + DAY_MS; t < lastUtcMs + DAY_MS; t += DAY_MS) {
    const offset = zone.offsetAt(Math.min(t, lastUtcMs));
    if (offset > previous) springDays++;
    if (offset < previous) fallDays++;
    previous = offset;
  }
  const onFallBack = gaps.filter((g) => zone.offsetAt(g.beforeUtcMs) < zone.offsetAt(g.afterUtcMs));
  const out: QualityFinding[] = [];
  if (springDays > 0) {
    out.push(
      finding(
        "dst-spring-forward",
        springDays,
        `${springDays} spring-forward day(s) in ${timeZone}: the skipped local hour is not a gap in UTC`,
      ),
    );
  }
  if (onFallBack.length > 0) {
    out.push(
      finding(
        "dst-fall-back-missing",
        onFallBack.length,
        `${onFallBack.length} of ${fallDays} fall-back day(s) lack the repeated hour in the source: a real gap in UTC (listed under gaps)`,
        onFallBack.slice(0, 5).map((g) => new Date(g.afterUtcMs).toISOString()),
      ),
    );
  }
  return out;
}
