/**
 * Turns the stamps of one time column into UTC instants while streaming: checks every row has
 * the column's layout, decides day-first vs month-first from the whole column (rows wait in a
 * buffer until a day > 12 settles it; a column that never settles is an error asking for the
 * format), shifts hour-ending stamps to interval starts, and converts local wall time with the
 * zone (a repeated fall-back hour is resolved by order of appearance; a lone one is flagged).
 */
import { ValidationError } from "../../errors.js";
import {
  LocalToUtc,
  newWallTimeResolution,
  type WallTimeResolution,
} from "../transform/local-to-utc.js";
import { daysFromCivil } from "../../util/days-from-civil.js";
import { daysInMonth, newStampParts, parseStampBytes, type StampParts } from "./csv-timestamp.js";
import { describeFormat, type DateOrder } from "./timestamp-format.js";

const DAY_MS = 86_400_000;
// The largest distance from 1970 a JavaScript Date can hold.
const MAX_DATE_MS = 8.64e15;

/** Where converted rows go: accepted with their UTC start, or rejected with a reason. */
export interface TimeSink {
  /** Appends a row and returns its index among accepted rows. */
  accept(utcMs: number, value: number, line: number, ambiguous: boolean): number;
  /** Clears the ambiguity flag of accepted row `index` (its repeat turned up). */
  unflag(index: number): void;
  reject(line: number, raw: string, reason: string): void;
}

/** Options of a time column. */
export interface TimeColumnOptions {
  timeZone: string;
  hourEnding: boolean;
  intervalMinutes: number;
  order: DateOrder | "auto";
  file: string;
  column: string;
}

interface Pending {
  parts: StampParts;
  value: number;
  line: number;
  raw: string;
  stamp: string;
}

/** Counters reported in the quality summary. */
export interface TimeColumnStats {
  fallBackRepeatsResolved: number;
  ambiguousFlagged: number;
  nonexistentRejected: number;
  fallBackDays: Set<number>;
  utcOffsetStamps: number;
}

/** Streaming converter of one time column; call `push` per row and `finish` at the end. */
export class TimeColumn {
  readonly stats: TimeColumnStats = {
    fallBackRepeatsResolved: 0,
    ambiguousFlagged: 0,
    nonexistentRejected: 0,
    fallBackDays: new Set(),
    utcOffsetStamps: 0,
  };
  format: string | undefined;
  private readonly parts = newStampParts();
  private readonly zone: LocalToUtc;
  private readonly resolution: WallTimeResolution = newWallTimeResolution();
  /** wall ms of an ambiguous stamp → [times seen, index of its first accepted row] */
  private readonly occurrences = new Map<number, [number, number]>();
  private shape = -1;
  private shapeExample = "";
  private order: DateOrder | undefined;
  private pending: Pending[] = [];
  private readonly sink: TimeSink;
  private readonly options: TimeColumnOptions;

  constructor(options: TimeColumnOptions, sink: TimeSink) {
    this.options = options;
    this.sink = sink;
    this.zone = new LocalToUtc(options.timeZone);
    if (options.order !== "auto") this.order = options.order;
  }

  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  private end = 0;
  private readonly currentStamp = () => latin1(this.buf, this.start, this.end);

  /** Converts the stamp in `buf[start, end)`; the row is accepted, rejected or buffered. */
  push(
    buf: Uint8Array,
    start: number,
    end: number,
    value: number,
    line: number,
    raw: () => string,
  ): void {
    const parts = this.parts;
    this.buf = buf;
    this.start = start;
    this.end = end;
    const stamp = this.currentStamp;
    if (!parseStampBytes(buf, start, end, parts)) {
      this.sink.reject(
        line,
        raw(),
        `timestamp unparsable: ${JSON.stringify(stamp())} (expected ${this.expected()})`,
      );
      return;
    }
    const shape = parts.layout === "epoch" ? 1 : parts.separator * 4 + layoutCode(parts);
    if (this.shape < 0) {
      this.shape = shape;
      this.shapeExample = stamp();
      if (parts.layout === "epoch" && this.order === undefined) {
        this.order = Math.abs(parts.epoch) < 1e11 ? "epoch-s" : "epoch-ms";
      } else if (parts.layout === "year-first") this.order = "ymd";
      else if (this.order === "ymd") this.order = undefined;
    } else if (shape !== this.shape) {
      this.sink.reject(
        line,
        raw(),
        `timestamp format differs from the column's: ${JSON.stringify(stamp())} (expected like ${JSON.stringify(this.shapeExample)})`,
      );
      return;
    }
    if (this.order === undefined) {
      if (parts.a > 12 && parts.b <= 12) this.decide("dmy");
      else if (parts.b > 12 && parts.a <= 12) this.decide("mdy");
      else {
        this.pending.push({ parts: { ...parts }, value, line, raw: raw(), stamp: stamp() });
        return;
      }
    }
    this.convert(parts, value, line, raw, stamp);
  }

  /** Flushes buffered rows; throws ValidationError when day/month order stayed ambiguous. */
  finish(): void {
    if (this.order === undefined && this.pending.length > 0) {
      const { file, column } = this.options;
      const first = this.pending[0]!;
      throw new ValidationError(
        `timestamp column ambiguous: ${JSON.stringify(column)} in ${file} reads as day-first and as month-first (pass --timestamp-format, e.g. DD/MM/YYYY or MM/DD/YYYY)`,
        [
          {
            file,
            line: first.line,
            column,
            value: first.stamp,
            message: "no day above 12 in the whole column",
            expected: "a timestamp format",
          },
        ],
      );
    }
  }

  private decide(order: DateOrder): void {
    this.order = order;
    const pending = this.pending;
    this.pending = [];
    for (const row of pending)
      this.convert(
        row.parts,
        row.value,
        row.line,
        () => row.raw,
        () => row.stamp,
      );
  }

  private expected(): string {
    return this.shapeExample
      ? `like ${JSON.stringify(this.shapeExample)}`
      : "a date and time such as 2024-06-01 13:00";
  }

  private convert(
    parts: StampParts,
    value: number,
    line: number,
    raw: () => string,
    stamp: () => string,
  ): void {
    const order = this.order!;
    if (!this.format) this.format = describeFormat(order, parts, this.shapeExample);
    const epochOrder = order === "epoch-s" || order === "epoch-ms";
    if (epochOrder !== (parts.layout === "epoch")) {
      this.sink.reject(
        line,
        raw(),
        `timestamp does not match the format: ${JSON.stringify(stamp())} (expected ${order})`,
      );
      return;
    }
    if (epochOrder) {
      const utcMs = order === "epoch-s" ? parts.epoch * 1000 : parts.epoch;
      if (Math.abs(utcMs) > MAX_DATE_MS) {
        this.sink.reject(
          line,
          raw(),
          `timestamp out of range: ${JSON.stringify(stamp())} (expected ${order} within ±8.64e15 ms of 1970, the range of a date)`,
        );
        return;
      }
      this.sink.accept(utcMs, value, line, false);
      return;
    }
    const month = order === "ymd" ? parts.a : order === "dmy" ? parts.b : parts.a;
    const day = order === "ymd" ? parts.b : order === "dmy" ? parts.a : parts.b;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(parts.year, month)) {
      this.sink.reject(
        line,
        raw(),
        `timestamp date invalid: ${JSON.stringify(stamp())} (expected a real ${order.toUpperCase()} date, month ${month}, day ${day})`,
      );
      return;
    }
    let wall = daysFromCivil(parts.year, month, day) * DAY_MS + parts.msOfDay;
    if (this.options.hourEnding) wall -= this.options.intervalMinutes * 60_000;
    if (!Number.isNaN(parts.offsetMinutes)) {
      this.stats.utcOffsetStamps++;
      this.sink.accept(wall - parts.offsetMinutes * 60_000, value, line, false);
      return;
    }
    this.convertLocal(wall, value, line, raw, stamp, parts.dateOnly);
  }

  private convertLocal(
    wall: number,
    value: number,
    line: number,
    raw: () => string,
    stamp: () => string,
    dateOnly: boolean,
  ): void {
    const r = this.zone.resolve(wall, this.resolution);
    // A date stands for its day, which starts when the clock jumps past a skipped midnight.
    const dayStart = dateOnly && wall % DAY_MS === 0;
    if (r.kind === "normal" || (r.kind === "nonexistent" && dayStart)) {
      this.sink.accept(r.earlierUtcMs, value, line, false);
      return;
    }
    const day = Math.floor(wall / DAY_MS);
    if (r.kind === "nonexistent") {
      this.stats.nonexistentRejected++;
      this.sink.reject(
        line,
        raw(),
        `local time does not exist: ${JSON.stringify(stamp())} (skipped by the spring-forward change in ${this.options.timeZone})`,
      );
      return;
    }
    this.stats.fallBackDays.add(day);
    const entry = this.occurrences.get(wall);
    if (entry === undefined) {
      this.stats.ambiguousFlagged++;
      const index = this.sink.accept(r.earlierUtcMs, value, line, true);
      this.occurrences.set(wall, [1, index]);
      return;
    }
    entry[0]++;
    if (entry[0] === 2) {
      this.stats.fallBackRepeatsResolved++;
      this.stats.ambiguousFlagged--;
      this.sink.unflag(entry[1]);
    }
    this.sink.accept(r.laterUtcMs, value, line, false);
  }
}

function layoutCode(parts: StampParts): number {
  return parts.layout === "year-first" ? 0 : parts.layout === "year-last-4" ? 2 : 3;
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...buf.subarray(start, Math.min(end, start + 200)));
}
