import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkPrebuiltSources } from "../../src/runner/prebuilt-sources.js";
import { tempDir } from "./helpers/run-fixture.js";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

// A project with src/a.ts and src/util/b.ts, and their build outputs one minute newer.
async function project(): Promise<string> {
  const root = await tempDir("powerflow-prebuilt-");
  roots.push(root);
  const old = new Date("2026-01-01T00:00:00Z");
  const newer = new Date("2026-01-01T00:01:00Z");
  for (const rel of ["a", "util/b"]) {
    const source = join(root, "src", `${rel}.ts`);
    mkdirSync(join(source, ".."), { recursive: true });
    writeFileSync(source, "export const x = 1;\n");
    utimesSync(source, old, old);
    for (const ext of [".js", ".d.ts"]) {
      const output = join(root, "dist", "src", `${rel}${ext}`);
      mkdirSync(join(output, ".."), { recursive: true });
      writeFileSync(output, "");
      utimesSync(output, newer, newer);
    }
  }
  writeFileSync(join(root, "src", "types.d.ts"), "declare const y: number;\n");
  return root;
}

describe("checkPrebuiltSources", () => {
  it("accepts a build whose every output is at least as new as its source (.d.ts sources aside)", async () => {
    expect(checkPrebuiltSources(await project())).toEqual({ usable: true });
  });

  it("names the first source that is newer than its output", async () => {
    const root = await project();
    const later = new Date("2026-01-02T00:00:00Z");
    utimesSync(join(root, "src", "util", "b.ts"), later, later);
    expect(checkPrebuiltSources(root)).toEqual({
      usable: false,
      reason: "src/util/b.ts is newer than dist/src/util/b.js",
    });
  });

  it("names a missing output, e.g. a source added since the last build", async () => {
    const root = await project();
    writeFileSync(join(root, "src", "c.ts"), "export const c = 3;\n");
    expect(checkPrebuiltSources(root)).toEqual({
      usable: false,
      reason: "dist/src/c.js is missing",
    });
  });

  it("uses the build of an install without src/, and refuses when there is neither", async () => {
    const root = await project();
    rmSync(join(root, "src"), { recursive: true });
    expect(checkPrebuiltSources(root)).toEqual({ usable: true });
    rmSync(join(root, "dist"), { recursive: true });
    expect(checkPrebuiltSources(root)).toEqual({
      usable: false,
      reason: "neither src/ nor dist/src exists",
    });
  });
});
