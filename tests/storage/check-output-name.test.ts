import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { normalizeEtlConfig } from "../../src/etl/etl-config.js";
import { checkOutputName } from "../../src/storage/check-output-name.js";
import { openStore } from "../../src/storage/open-store.js";
import { startFakeGcsServer, type FakeGcsServer } from "../helpers/fake-gcs-server.js";
import { recordingEffects } from "../helpers/http-fixture-server.js";
import { runCli } from "../helpers/run-cli.js";

const BAD = [
  "../../escape.csv",
  "../escape.csv",
  "sub/escape.csv",
  "..\\escape.csv",
  "..",
  "",
  "a\nb.csv",
];
const file = (name: string) => ({
  name,
  content: new TextEncoder().encode("x\n"),
  rows: 1,
  contentType: "text/csv",
});

let dir: string;
let gcs: FakeGcsServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-names-"));
  gcs = await startFakeGcsServer();
  gcs.createBucket("pf-data");
  execFileSync("git", ["init", "-q", "--bare", join(dir, "repo.git")]);
});
afterAll(async () => {
  await gcs.close();
  await rm(dir, { recursive: true, force: true });
});

describe("checkOutputName", () => {
  it.each(BAD)("checkOutputName(%j) is an InputError", (name) => {
    expect(() => checkOutputName(name)).toThrow(InputError);
  });

  it("checkOutputName keeps plain names", () => {
    for (const name of ["PJME_hourly.csv", "x.manifest.json", ".hidden", "a..b.parquet"])
      expect(checkOutputName(name)).toBe(name);
  });

  it("every store refuses a name that leaves its target, and writes nothing", async () => {
    const targets: Record<string, string> = {
      local: join(dir, "out", "deep"),
      gcs: "gs://pf-data/runs/a",
      git: `git+file://${join(dir, "repo.git")}#main:data`,
    };
    const stores = Object.values(targets).map((target) =>
      openStore(target, recordingEffects(), { apiEndpoint: gcs.endpoint }),
    );
    expect(stores.map((s) => s.kind)).toEqual(Object.keys(targets));
    for (const store of stores) {
      for (const name of BAD) {
        const error = await store
          .write([file("ok.csv"), file(name)], { provenance: {} })
          .catch((e: unknown) => e);
        expect(error, `${store.kind} ${JSON.stringify(name)}`).toBeInstanceOf(InputError);
        expect((error as Error).message).toMatch(
          /^output name .*: .* \(expected a plain file name/,
        );
      }
    }
    expect(existsSync(join(dir, "escape.csv"))).toBe(false);
    expect(existsSync(join(dir, "out", "escape.csv"))).toBe(false);
    expect(existsSync(join(dir, "out", "deep"))).toBe(false);
    expect(gcs.log.filter((l) => l.startsWith("POST"))).toEqual([]);
    expect(
      execFileSync("git", ["-C", join(dir, "repo.git"), "branch", "--list"], { encoding: "utf8" }),
    ).toBe("");
    expect(await readdir(dir)).toEqual(["repo.git"]);
  });

  it("normalizeEtlConfig and powerflow etl --name ../../x refuse before reading the input", async () => {
    expect(() => normalizeEtlConfig({ input: "x.csv", out: dir, name: "../../x" })).toThrow(
      /key "name" holds a path separator: "..\/..\/x" \(expected a plain file name/,
    );
    const cli = await runCli([
      "etl",
      "--input",
      join(dir, "missing.csv"),
      "--out",
      dir,
      "--name",
      "../../x",
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/key "name" holds a path separator/);
  });
});
