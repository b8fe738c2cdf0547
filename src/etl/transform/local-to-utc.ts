/**
 * Local wall-clock time → UTC in an IANA zone, with the zone's offsets cached per local day
 * (Intl is called a few times per distinct day, never per row). Days that contain a DST
 * transition keep the exact transition instant, so each wall time is classified as normal,
 * ambiguous (repeated fall-back hour) or nonexistent (skipped spring-forward hour).
 */
import { InputError } from "../../errors.js";
import { zonedParts } from "../../util/zoned-time.js";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** How a wall time maps to UTC: one instant, two (repeated hour) or none (skipped hour). */
export type WallTimeKind = "normal" | "ambiguous" | "nonexistent";

/**
 * The result of classifying one wall time; `earlierUtcMs` ≤ `laterUtcMs`. For a nonexistent
 * wall time both are the instant its wall time would have had without the jump (the offset before
 * it): the start of the skipped span maps to the transition, the first instant after it.
 */
export interface WallTimeResolution {
  kind: WallTimeKind;
  /** the instant using the offset before the day's transition (or the only instant) */
  earlierUtcMs: number;
  /** the instant using the offset after the transition (equals `earlierUtcMs` when normal) */
  laterUtcMs: number;
}

interface DayOffsets {
  before: number; // minutes
  after: number; // minutes
  transitionUtcMs: number; // NaN when the day has no transition
}

/** Converts wall-clock milliseconds (local time written as if it were UTC) to UTC instants. */
export class LocalToUtc {
  readonly timeZone: string;
  private readonly days = new Map<number, DayOffsets>();
  private readonly fixedOffset: number | undefined;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.fixedOffset = timeZone === "UTC" || timeZone === "Etc/UTC" ? 0 : undefined;
    if (this.fixedOffset === undefined) {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone });
      } catch (error) {
        throw new InputError(
          `invalid time zone: "${timeZone}" (expected an IANA zone such as America/New_York or UTC)`,
          { cause: error },
        );
      }
    }
  }

  /** Classifies `wallMs` and fills `out`; the caller decides what to do with repeats and holes. */
  resolve(wallMs: number, out: WallTimeResolution): WallTimeResolution {
    if (this.fixedOffset !== undefined) {
      out.kind = "normal";
      out.earlierUtcMs = out.laterUtcMs = wallMs - this.fixedOffset * 60_000;
      return out;
    }
    const day = this.offsetsFor(Math.floor(wallMs / DAY_MS));
    const first = wallMs - day.before * 60_000;
    if (Number.isNaN(day.transitionUtcMs)) {
      out.kind = "normal";
      out.earlierUtcMs = out.laterUtcMs = first;
      return out;
    }
    const second = wallMs - day.after * 60_000;
    const firstValid = first < day.transitionUtcMs;
    const secondValid = second >= day.transitionUtcMs;
    if (firstValid && secondValid) {
      out.kind = "ambiguous";
      out.earlierUtcMs = Math.min(first, second);
      out.laterUtcMs = Math.max(first, second);
    } else if (firstValid || secondValid) {
      out.kind = "normal";
      out.earlierUtcMs = out.laterUtcMs = firstValid ? first : second;
    } else {
      out.kind = "nonexistent";
      out.earlierUtcMs = out.laterUtcMs = first;
    }
    return out;
  }

  /** Returns the zone's offset in minutes at the UTC instant `utcMs` (cached per UTC day). */
  offsetAt(utcMs: number): number {
    if (this.fixedOffset !== undefined) return this.fixedOffset;
    const day = this.offsetsFor(Math.floor(utcMs / DAY_MS));
    if (Number.isNaN(day.transitionUtcMs)) return day.before;
    return utcMs < day.transitionUtcMs ? day.before : day.after;
  }

  private offsetsFor(dayNumber: number): DayOffsets {
    let entry = this.days.get(dayNumber);
    if (entry) return entry;
    // The window covers the local day for every offset in [-14h, +14h].
    const from = dayNumber * DAY_MS - 14 * HOUR_MS;
    const to = (dayNumber + 1) * DAY_MS + 14 * HOUR_MS;
    const before = zonedParts(from, this.timeZone).offsetMinutes;
    const after = zonedParts(to, this.timeZone).offsetMinutes;
    entry = {
      before,
      after,
      transitionUtcMs: before === after ? Number.NaN : this.findTransition(from, to, before),
    };
    this.days.set(dayNumber, entry);
    return entry;
  }

  private findTransition(from: number, to: number, before: number): number {
    let lo = from;
    let hi = to;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (zonedParts(mid, this.timeZone).offsetMinutes === before) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

/** Returns a reusable resolution object for `LocalToUtc.resolve`. */
export function newWallTimeResolution(): WallTimeResolution {
  return { kind: "normal", earlierUtcMs: 0, laterUtcMs: 0 };
}
