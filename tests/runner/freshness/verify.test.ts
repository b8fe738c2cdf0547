// Issue 13's done-when test (g): `powerflow verify` names the input that changed and exits 1.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/run-cli.js";
import { cleanedTempDirs, codeNotebook } from "../helpers/run-fixture.js";

const tempDir = cleanedTempDirs();
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

let work = "";
let out = "";
let data = "";

beforeAll(async () => {
  work = await tempDir("powerflow-verify-");
  out = join(work, "out");
  data = join(work, "data.txt");
  await writeFile(data, "load 100");
  await writeFile(
    join(work, "reads.ipynb"),
    codeNotebook({
      read: `console.log(require("node:fs").readFileSync(${JSON.stringify(data)}, "utf8"));`,
    }),
  );
  await writeFile(join(work, "fails.ipynb"), codeNotebook({ boom: 'throw new Error("boom");' }));
  const run = await runCli(["run", join(work, "reads.ipynb"), "--out", out, "-q"]);
  expect(run.code, run.stderr).toBe(0);
}, 90_000);

describe("powerflow verify", () => {
  it("powerflow verify <reports> exits 0 and says fresh while nothing changed", async () => {
    const result = await runCli(["verify", out]);
    expect(result.stdout).toBe(
      `fresh reads (${join(work, "reads.ipynb")})\nverify: all 1 report(s) fresh\n`,
    );
    expect(result.code).toBe(0);
  });

  it("(g) names a changed input with its old and new hash and exits 1", async () => {
    await writeFile(data, "load 101");
    try {
      const result = await runCli(["verify", out]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        [
          `stale reads (${join(work, "reads.ipynb")}): 1 input(s) changed`,
          `  file ${data} changed`,
          `    old ${sha256("load 100")}`,
          `    new ${sha256("load 101")}`,
          "",
        ].join("\n"),
      );
      expect(result.stderr).toBe("powerflow: 1 of 1 report(s) stale\n");
    } finally {
      await writeFile(data, "load 100");
    }
  });

  it("counts a failed report as stale, with why", async () => {
    const failedOut = join(work, "failed");
    await runCli(["run", join(work, "fails.ipynb"), "--out", failedOut, "-q"]);
    const result = await runCli(["verify", failedOut]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`stale fails (${join(work, "fails.ipynb")}): its last run failed\n`);
  }, 60_000);

  it("exits 2 for a missing folder or one without reports", async () => {
    const missing = await runCli(["verify", join(work, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^powerflow: reports folder not found: /);
    await mkdir(join(work, "empty"));
    const empty = await runCli(["verify", join(work, "empty")]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^powerflow: no reports found: /);
    expect((await runCli(["verify"])).code).toBe(2);
  });
});
