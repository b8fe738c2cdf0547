import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Command } from "commander";
import { COMMANDS, loadCommands } from "../../src/cli/commands/registry.js";
import { runCli } from "../helpers/run-cli.js";

const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});

describe("powerflow CLI", () => {
  it("powerflow --help lists the subcommands and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Commands:/);
    expect(stdout).toMatch(/generate/);
  });

  it("every registry entry registers the command it is named after", async () => {
    for (const entry of COMMANDS) {
      const program = new Command("powerflow");
      (await entry.load())(program);
      expect(program.commands.map((c) => c.name())).toEqual([entry.name]);
    }
  });

  it("loads only the command that argv names, and every command otherwise", async () => {
    expect(await loadCommands(["--debug", "run", "a.ipynb"])).toHaveLength(1);
    expect(await loadCommands(["--help"])).toHaveLength(COMMANDS.length);
    expect(await loadCommands(["help", "run"])).toHaveLength(COMMANDS.length);
    expect(await loadCommands(["no-such-command"])).toHaveLength(COMMANDS.length);
  });

  it("powerflow with no arguments prints help and exits 2", async () => {
    const { code, stdout } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/Usage: powerflow/);
  });

  it("an unknown command exits 2", async () => {
    const { code, stderr } = await runCli(["no-such-command"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command/);
  });

  it("generate --seed 1 twice writes byte-identical files", async () => {
    const a = await mkdtemp(join(tmpdir(), "pf-gen-a-"));
    const b = await mkdtemp(join(tmpdir(), "pf-gen-b-"));
    temp.push(a, b);
    const args = [
      "--seed",
      "1",
      "--days",
      "40",
      "--gaps",
      "2",
      "--duplicates",
      "2",
      "--outliers",
      "2",
    ];
    expect((await runCli(["generate", ...args, "--out", a])).code).toBe(0);
    expect((await runCli(["generate", ...args, "--out", b])).code).toBe(0);
    const files = (await readdir(a)).sort();
    expect(files).toEqual([
      "ALPHA_hourly.csv",
      "BETA_hourly.csv",
      "generated.json",
      "weather_hourly.csv",
    ]);
    expect((await readdir(b)).sort()).toEqual(files);
    for (const file of files) {
      expect(Buffer.compare(await readFile(join(a, file)), await readFile(join(b, file)))).toBe(0);
    }
    const meta = JSON.parse(await readFile(join(a, "generated.json"), "utf8")) as {
      faults: unknown[];
    };
    expect(meta.faults).toHaveLength(12);
  });

  it("generate with a bad flag value exits 2 with the expected-value message", async () => {
    const { code, stderr } = await runCli(["generate", "--interval", "7", "--out", "/nonexistent"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid interval: 7 minutes \(expected 15, 30 or 60\)/);
    const zones = await runCli(["generate", "--zones", "ALPHA=1"]);
    expect(zones.code).toBe(2);
    expect(zones.stderr).toMatch(/invalid --zones item: "ALPHA=1" \(expected NAME:MW/);
  });
});
