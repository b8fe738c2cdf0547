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
