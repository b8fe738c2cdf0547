import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/run-cli.js";

const fixture = (name: string) =>
  resolve(import.meta.dirname, "..", "..", "fixtures", "notebooks", name);

describe("powerflow params", () => {
  it("powerflow params <notebook> prints names, types and defaults", async () => {
    const { code, stdout } = await runCli(["params", fixture("params.ipynb")]);
    expect(code).toBe(0);
    expect(stdout.split("\n").slice(0, 3)).toEqual([
      "name     type                default",
      "horizon  number              24",
      'label    string              "base"',
    ]);
    expect(stdout).toContain('cutoff   Date                new Date("2021-06-01T00:00:00Z")');
    expect(stdout).toContain('mode     "hourly" | "daily"  "hourly"');
  });

  it("powerflow params --json prints machine-readable rows; no parameters cell is said plainly", async () => {
    const json = await runCli(["params", "--json", fixture("params.ipynb")]);
    expect((JSON.parse(json.stdout) as unknown[])[0]).toEqual({
      name: "horizon",
      type: "number",
      default: "24",
      line: 1,
    });
    const none = await runCli(["params", fixture("minimal.ipynb")]);
    expect(none.stdout).toBe(
      `${fixture("minimal.ipynb")}: no parameters (no code cell tagged "parameters")\n`,
    );
  });

  it("powerflow params <missing> exits 2", async () => {
    const { code, stderr } = await runCli(["params", join("nowhere", "x.ipynb")]);
    expect(code).toBe(2);
    expect(stderr).toContain("notebook not found: nowhere/x.ipynb");
  });
});
