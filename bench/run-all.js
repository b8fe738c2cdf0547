// `npm run bench`: builds once, then runs every benchmark in turn (each prints its own table with
// ratios against its named peers). Pass names to run a subset: `npm run bench -- etl ml`.
import { spawnSync } from "node:child_process";

const ALL = [
  "etl",
  "etl-connectors",
  "analysis",
  "figure-render",
  "runner",
  "ml",
  "ml-ceiling",
  "ml-floor",
];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL;
const unknown = chosen.filter((name) => !ALL.includes(name));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(", ")} (expected ${ALL.join(", ")})`);
  process.exit(2);
}
const run = (command, args) => spawnSync(command, args, { stdio: "inherit" }).status ?? 1;
if (run("npm", ["run", "build"]) !== 0) process.exit(1);
let failed = 0;
for (const name of chosen) {
  console.log(`\n=== bench/${name}.js ===`);
  if (run(process.execPath, [`bench/${name}.js`]) !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
