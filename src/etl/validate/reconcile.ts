/**
 * Reconciliation: every row read is written, quarantined, merged into a duplicate or dropped as
 * an asked-for outlier. A run whose counts do not add up fails.
 */
import { ValidationError } from "../../errors.js";

/** The counts a run must reconcile. */
export interface ReconcileCounts {
  rowsRead: number;
  rowsWritten: number;
  rowsQuarantined: number;
  duplicatesMerged: number;
  outliersDropped?: number;
}

/** Returns true when the counts add up; throws ValidationError naming the difference when not. */
export function reconcile(counts: ReconcileCounts, subject = "run"): true {
  const accounted =
    counts.rowsWritten +
    counts.rowsQuarantined +
    counts.duplicatesMerged +
    (counts.outliersDropped ?? 0);
  if (accounted !== counts.rowsRead) {
    throw new ValidationError(
      `${subject} rows unaccounted for: ${counts.rowsRead - accounted} (expected rows read ${counts.rowsRead} = written ${counts.rowsWritten} + quarantined ${counts.rowsQuarantined} + merged duplicates ${counts.duplicatesMerged} + dropped outliers ${counts.outliersDropped ?? 0})`,
    );
  }
  return true;
}
