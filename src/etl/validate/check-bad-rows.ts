/**
 * The bad-row policy: with `onBadRow: "fail"` any quarantined row fails the run; otherwise more
 * than `maxBadRows` quarantined rows does. Failures list the first rows with file, line, reason.
 */
import { ValidationError } from "../../errors.js";
import type { ExtractResult } from "../extract/extract-result.js";

/** Throws ValidationError when `extracted.quarantine` breaks the policy; returns the count otherwise. */
export function checkBadRows(
  extracted: ExtractResult,
  policy: { onBadRow: "quarantine" | "fail"; maxBadRows: number },
): number {
  const bad = extracted.quarantine.length;
  const tooMany = policy.onBadRow === "fail" ? bad > 0 : bad > policy.maxBadRows;
  if (!tooMany) return bad;
  const problems = extracted.quarantine.slice(0, 10).map((q) => ({
    file: q.source,
    line: q.line,
    value: q.raw.length > 120 ? `${q.raw.slice(0, 120)}…` : q.raw,
    message: q.reason,
  }));
  const rule =
    policy.onBadRow === "fail"
      ? "--on-bad-row fail allows none"
      : `--max-bad-rows ${policy.maxBadRows}`;
  throw new ValidationError(
    `bad rows: ${bad} of ${extracted.rowsRead} rejected in ${extracted.source.location} (expected ${rule})`,
    problems,
  );
}
