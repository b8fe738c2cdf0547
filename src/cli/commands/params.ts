/** `powerflow params <notebook>`: lists a notebook's parameters, types and defaults. */
import type { Command } from "commander";
import { nodeEffects, prepareNotebook } from "../../index.js";

/** Adds `params` to the program. */
export function registerParamsCommand(program: Command): void {
  program
    .command("params")
    .description('list the parameters of a notebook (its cell tagged "parameters")')
    .argument("<notebook>", "notebook (.ipynb)")
    .option("--json", "print JSON instead of a table")
    .action(async (path: string, flags: { json?: boolean }) => {
      const prepared = await prepareNotebook(path, [], nodeEffects());
      const rows = prepared.parameters.map((p) => ({
        name: p.name,
        type: p.type,
        default: p.defaultText,
        line: p.line,
      }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write(`${path}: no parameters (no code cell tagged "parameters")\n`);
        return;
      }
      const width = (key: "name" | "type") =>
        Math.max(key.length, ...rows.map((r) => r[key].length));
      const [nw, tw] = [width("name"), width("type")];
      const lines = [
        `${"name".padEnd(nw)}  ${"type".padEnd(tw)}  default`,
        ...rows.map((r) => `${r.name.padEnd(nw)}  ${r.type.padEnd(tw)}  ${r.default}`),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
