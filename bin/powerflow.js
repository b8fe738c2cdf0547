#!/usr/bin/env node
// Entry point of the `powerflow` CLI: runs the compiled TypeScript in dist/ (built by `npm run build`,
// which `npm ci` runs through the `prepare` script).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `powerflow: Node.js ${process.versions.node} is too old (expected 22.12 or later, as package.json's engines say); ` +
      `run "source scripts/ensure-node.sh" in this shell to use the project's Node 24\n`,
  );
  process.exit(2);
}
process.env.POWERFLOW_ROOT ??= root;
const entry = join(root, "dist", "src", "cli", "powerflow.js");
if (!existsSync(entry)) {
  process.stderr.write(`powerflow: ${entry} is missing; run "npm run build" first\n`);
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
