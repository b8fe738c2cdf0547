/**
 * Hand-written timestamp tokenizer for CSV time columns (no Date.parse per row). It splits a
 * stamp into date parts, time of day and optional UTC offset; which date part is the day and
 * which the month is decided by the caller over the whole column (see timestamp-format.ts).
 */

/** The layout of a stamp's date: year first (ISO), year last (4 or 2 digits), or epoch. */
export type StampLayout = "year-first" | "year-last-4" | "year-last-2" | "epoch";

/** Parsed pieces of one stamp; `a`/`b` are the two non-year date parts in written order. */
export interface StampParts {
  layout: StampLayout;
  /** date separator character code ("-", "/" or "."), 0 for epoch */
  separator: number;
  year: number;
  a: number;
  b: number;
  /** milliseconds since local midnight */
  msOfDay: number;
  /** minutes east of UTC, or NaN when the stamp carries no offset */
  offsetMinutes: number;
  /** the number itself, for epoch stamps */
  epoch: number;
  /** true when the stamp had no time part (a date) */
  dateOnly: boolean;
}

/** Returns a reusable parts object for `parseStamp`. */
export function newStampParts(): StampParts {
  return {
    layout: "year-first",
    separator: 0,
    year: 0,
    a: 0,
    b: 0,
    msOfDay: 0,
    offsetMinutes: Number.NaN,
    epoch: 0,
    dateOnly: false,
  };
}

const ZERO = 48;
const timeFields = [0, 0, 0];
const SPACE = 32;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}

const scratch = new Uint8Array(256);

/** `parseStampBytes` on a string (stamps from quoted records and tests). */
export function parseStamp(text: string, out: StampParts): boolean {
  const n = Math.min(text.length, scratch.length);
  if (text.length > scratch.length) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    scratch[i] = c < 256 ? c : 255;
  }
  return parseStampBytes(scratch, 0, n, out);
}

/**
 * Fills `out` from the bytes `text[from, to)` and returns true, or returns false when `text` is not a timestamp of
 * a supported shape. Range checks of the date (month ≤ 12 …) are left to the caller.
 */
export function parseStampBytes(
  text: Uint8Array,
  from: number,
  to: number,
  out: StampParts,
): boolean {
  const n = to;
  let i = from;
  while (i < n && text[i]! === SPACE) i++;
  let end = n;
  while (end > i && text[end - 1]! === SPACE) end--;
  if (i === end) return false;
  const start = i;
  let first = 0;
  while (i < end && isDigit(text[i]!)) first = first * 10 + text[i++]! - ZERO;
  const firstDigits = i - start;
  if (firstDigits === 0) return false;
  // A run of 9+ digits is an epoch (a "." then starts its fraction); a shorter one a date part,
  // so "03.04.2005" is a date.
  if (i === end || (text[i]! === 46 && firstDigits >= 9)) {
    return firstDigits >= 9 && parseEpoch(text, start, end, out);
  }
  const sep = text[i]!;
  if (sep !== 45 && sep !== 47 && sep !== 46) return false;
  i++;
  const bStart = i;
  let second = 0;
  while (i < end && isDigit(text[i]!)) second = second * 10 + text[i++]! - ZERO;
  if (i - bStart < 1 || i - bStart > 2 || i >= end || text[i]! !== sep) return false;
  i++;
  const cStart = i;
  let third = 0;
  while (i < end && isDigit(text[i]!)) third = third * 10 + text[i++]! - ZERO;
  const thirdDigits = i - cStart;
  if (firstDigits === 4 && thirdDigits >= 1 && thirdDigits <= 2) {
    out.layout = "year-first";
    out.year = first;
    out.a = second;
    out.b = third;
  } else if (firstDigits <= 2 && (thirdDigits === 4 || thirdDigits === 2)) {
    out.layout = thirdDigits === 4 ? "year-last-4" : "year-last-2";
    out.year = thirdDigits === 4 ? third : third >= 69 ? 1900 + third : 2000 + third;
    out.a = first;
    out.b = second;
  } else return false;
  out.separator = sep;
  return parseTime(text, i, end, out);
}

// Longer than any epoch in Date's range (±8.64e15 ms: 16 digits, a fraction aside).
const EPOCH_MAX_CHARS = 32;

function parseEpoch(text: Uint8Array, start: number, end: number, out: StampParts): boolean {
  if (end - start > EPOCH_MAX_CHARS) return false;
  let digits = "";
  for (let i = start; i < end; i++) digits += String.fromCharCode(text[i]!);
  const value = Number(digits);
  if (!Number.isFinite(value)) return false;
  out.layout = "epoch";
  out.separator = 0;
  out.epoch = value;
  out.offsetMinutes = 0;
  out.dateOnly = false;
  return true;
}

function parseTime(text: Uint8Array, from: number, end: number, out: StampParts): boolean {
  let i = from;
  out.offsetMinutes = Number.NaN;
  out.msOfDay = 0;
  if (i === end) {
    out.dateOnly = true;
    return true;
  }
  out.dateOnly = false;
  const c = text[i]!;
  if (c !== 84 /* T */ && c !== SPACE) return false;
  i++;
  while (i < end && text[i]! === SPACE) i++;
  const fields = timeFields;
  fields[0] = fields[1] = fields[2] = 0;
  let count = 0;
  while (count < 3) {
    const s = i;
    let v = 0;
    while (i < end && isDigit(text[i]!)) v = v * 10 + text[i++]! - ZERO;
    if (i - s < 1 || i - s > 2) return false;
    fields[count++] = v;
    if (i < end && text[i]! === 58 /* : */) i++;
    else break;
  }
  let fraction = 0;
  if (count === 3 && i < end && text[i]! === 46) {
    i++;
    let scale = 100;
    while (i < end && isDigit(text[i]!)) {
      fraction += (text[i++]! - ZERO) * scale;
      scale /= 10;
    }
  }
  const [h, m, s] = fields as [number, number, number];
  if (h > 24 || m > 59 || s > 60 || (h === 24 && (m > 0 || s > 0))) return false;
  out.msOfDay = ((h * 60 + m) * 60 + s) * 1000 + Math.round(fraction);
  while (i < end && text[i]! === SPACE) i++;
  return i === end || parseOffset(text, i, end, out);
}

function parseOffset(text: Uint8Array, from: number, end: number, out: StampParts): boolean {
  const c = text[from]!;
  const utc = end - from === 3 && c === 85 && text[from + 1] === 84 && text[from + 2] === 67;
  if ((c === 90 /* Z */ && end - from === 1) || utc) {
    out.offsetMinutes = 0;
    return true;
  }
  if (c !== 43 && c !== 45) return false;
  // +HH, +HHMM or +HH:MM
  const digits: number[] = [];
  for (let i = from + 1; i < end; i++) {
    const d = text[i]!;
    if (isDigit(d)) digits.push(d - ZERO);
    else if (d !== 58 || i !== from + 3) return false;
  }
  if (digits.length !== 2 && digits.length !== 4) return false;
  const minutes =
    (digits[0]! * 10 + digits[1]!) * 60 + (digits.length === 4 ? digits[2]! * 10 + digits[3]! : 0);
  out.offsetMinutes = c === 45 ? -minutes : minutes;
  return minutes <= 14 * 60;
}

/** Returns the number of days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
