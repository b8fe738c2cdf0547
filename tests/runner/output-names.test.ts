// Notebook names become report names: "index" would overwrite the run index, and names that
// differ only by case overwrite each other on case-insensitive file systems. Both are refused
// before any kernel starts.
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { runNotebooks } from "../../src/runner/run-notebooks.js";
import { fixture, quietEffects, tempDir } from "./helpers/run-fixture.js";

let work = "";
beforeAll(async () => {
  work = await tempDir();
  for (const name of [
    "a/index.ipynb",
    "a/Index.ipynb",
    "b/Load.ipynb",
    "c/load.ipynb",
    "c/x.ipynb",
  ]) {
    await mkdir(join(work, name, ".."), { recursive: true });
    await copyFile(fixture("minimal.ipynb"), join(work, name));
  }
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function refusal(paths: string[]): Promise<Error> {
  const out = join(work, "out");
  const error = await runNotebooks(
    paths.map((p) => join(work, p)),
    quietEffects(),
    { out },
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect(await readdir(work)).not.toContain("out");
  return error as Error;
}

describe("runNotebooks output names", () => {
  it.each(["a/index.ipynb", "a/Index.ipynb"])(
    "runNotebooks([%s]) refuses: its report would overwrite index.html",
    async (path) => {
      expect((await refusal([path, "c/x.ipynb"])).message).toMatch(
        /^notebook name reserved: .*ndex\.ipynb would write [iI]ndex\.html over the run index \(expected any name but "index"/,
      );
    },
  );

  it("runNotebooks([Load, load]) refuses names that differ only by case", async () => {
    expect((await refusal(["b/Load.ipynb", "c/load.ipynb"])).message).toMatch(
      /^two notebooks share the output name "load" \(ignoring case: "Load"\): .*b\/Load\.ipynb and .*c\/load\.ipynb \(expected file names that differ in more than letter case\)/,
    );
  });
});
