// Prints vitest's totals as one plain closing line, "N passed, N failed, N skipped",
// read from the JSON report that `npm run test:unit` writes to .tmp/vitest-results.json.
import { existsSync, readFileSync } from "node:fs";

const path = ".tmp/vitest-results.json";
if (!existsSync(path)) {
  console.log("0 passed, 1 failed");
  process.exit(0);
}
const report = JSON.parse(readFileSync(path, "utf8"));
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
