/**
 * Parses one numeric CSV cell without allocating on the happy path: returns the number, or NaN
 * with the reason left in `valueProblem` (missing, not a number, not finite, negative).
 */

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Why the last `parseCsvNumber` call returned NaN. */
export let valueProblem = "";

/** Returns the value of `text`, or NaN with `valueProblem` set. */
export function parseCsvNumber(
  text: string,
  decimalComma: boolean,
  allowNegative: boolean,
): number {
  let t = text;
  if (decimalComma) t = t.replace(",", ".");
  if (!NUMBER.test(t)) {
    const trimmed = t.trim();
    if (trimmed === "") valueProblem = `value missing: "" (expected a number)`;
    else if (/^[-+]?(inf|infinity)$/i.test(trimmed))
      valueProblem = `value not finite: ${JSON.stringify(truncate(text))} (expected a finite number)`;
    else
      valueProblem = `value not a number: ${JSON.stringify(truncate(text))} (expected a number${decimalComma ? " with a decimal comma" : ""})`;
    return Number.NaN;
  }
  const value = Number(t);
  if (!Number.isFinite(value)) {
    valueProblem = `value not finite: ${JSON.stringify(truncate(text))} (expected a finite number)`;
    return Number.NaN;
  }
  if (value < 0 && !allowNegative) {
    valueProblem = `load negative: ${JSON.stringify(truncate(text))} (expected ≥ 0; pass allowNegative for net load)`;
    return Number.NaN;
  }
  return value;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * Parses a plain decimal (`-12.5`, `1253`, `1,5` with decimalComma) straight from bytes, exactly
 * as Number() would; returns NaN for anything else (the caller then takes the string path).
 */
export function parseDecimalBytes(
  buf: Uint8Array,
  start: number,
  end: number,
  decimalComma: boolean,
): number {
  let i = start;
  while (i < end && buf[i] === 32) i++;
  while (end > i && buf[end - 1] === 32) end--;
  if (i === end) return Number.NaN;
  let negative = false;
  if (buf[i] === 45 || buf[i] === 43) {
    negative = buf[i] === 45;
    i++;
  }
  const point = decimalComma ? 44 : 46;
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === point && scale < 0) scale = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15 || scale > 22) return Number.NaN;
  const value = scale > 0 ? mantissa / POWERS[scale]! : mantissa;
  return negative ? -value : value;
}

const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);
