import { ESLint } from "eslint";
import * as prettier from "prettier";
import { rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");

describe("lint and format checks", () => {
  it("prettier.check(badly formatted TypeScript) is false; the formatted text passes", async () => {
    const bad = "export const  x = {a:1,b:[1,2,3]}\n";
    const options = {
      ...(await prettier.resolveConfig(resolve(root, "src/index.ts"))),
      parser: "typescript",
    };
    expect(await prettier.check(bad, options)).toBe(false);
    const good = await prettier.format(bad, options);
    expect(good).toBe("export const x = { a: 1, b: [1, 2, 3] };\n");
    expect(await prettier.check(good, options)).toBe(true);
  });

  it("eslint reports a floating promise and a type-only import as errors", async () => {
    const source = [
      'import { Frame } from "../../src/frame.js";',
      "async function work(): Promise<void> {}",
      "export function start(frame: Frame): number {",
      "  work();",
      "  return frame.length;",
      "}",
      "",
    ].join("\n");
    // a real file inside the project, so the type-aware rules see it through tsconfig
    const probe = resolve(root, "tests/toolchain", `lint-probe-${process.pid}.ts`);
    await writeFile(probe, source);
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintFiles([probe]).finally(() => rm(probe, { force: true }));
    const rules = (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
    expect(rules).toContain("@typescript-eslint/no-floating-promises");
    expect(rules).toContain("@typescript-eslint/consistent-type-imports");
    expect(result?.errorCount).toBeGreaterThanOrEqual(2);
  });
});
