/**
 * The weather readers' policy for local wall-clock stamps, the same as the CSV time column's:
 * a stamp inside the skipped spring-forward hour does not exist and is dropped (quarantined and
 * counted); a fall-back stamp seen once is read as its first occurrence (daylight time) and
 * flagged; a repeated one is resolved by order of appearance (first daylight, then standard).
 */
import {
  LocalToUtc,
  newWallTimeResolution,
  type WallTimeResolution,
} from "../transform/local-to-utc.js";

/** A resolved stamp: the instant, whether it is a lone fall-back stamp, and a row to unflag. */
export interface LocalStamp {
  utcMs: number;
  ambiguous: boolean;
  /** index of the earlier row of a repeated fall-back stamp, now resolved */
  unflag?: number;
}

/** Converts local wall times of one zone to UTC with the policy above, counting what it did. */
export class LocalStamps {
  private readonly zone: LocalToUtc;
  private readonly scratch: WallTimeResolution = newWallTimeResolution();
  private readonly seen = new Map<number, { count: number; row: number }>();
  private nonexistent = 0;
  private lone = 0;
  private resolved = 0;

  constructor(readonly timeZone: string) {
    this.zone = new LocalToUtc(timeZone);
  }

  /** Returns the instant of `wallMs` (row `row` if accepted), or the reason it has none. */
  resolve(wallMs: number, text: string, row: number): LocalStamp | string {
    const r = this.zone.resolve(wallMs, this.scratch);
    if (r.kind === "normal") return { utcMs: r.earlierUtcMs, ambiguous: false };
    if (r.kind === "nonexistent") {
      this.nonexistent++;
      return `local time does not exist: ${JSON.stringify(text)} (skipped by the spring-forward change in ${this.timeZone}; dropped)`;
    }
    const entry = this.seen.get(wallMs);
    if (entry === undefined) {
      this.lone++;
      this.seen.set(wallMs, { count: 1, row });
      return { utcMs: r.earlierUtcMs, ambiguous: true };
    }
    entry.count++;
    if (entry.count === 2) {
      this.lone--;
      this.resolved++;
      return { utcMs: r.laterUtcMs, ambiguous: false, unflag: entry.row };
    }
    return { utcMs: r.laterUtcMs, ambiguous: false };
  }

  /** The counts a RawWeather reports. */
  counts(): { nonexistentLocal: number; ambiguousLocal: number; fallBackRepeatsResolved: number } {
    return {
      nonexistentLocal: this.nonexistent,
      ambiguousLocal: this.lone,
      fallBackRepeatsResolved: this.resolved,
    };
  }
}
