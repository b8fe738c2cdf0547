// Notebooks that load src/ live (`--live-src`, or a stale build) have it compiled by tslab's own
// TypeScript (5.0, with its own options: not strict, Node10 resolution). Code that passes
// `npm run typecheck` (a newer TypeScript, strict) can still fail there — narrowing on an element
// access or a boolean discriminant needs the newer compiler — and then every notebook's first
// import fails. This test compiles every src/ file the way tslab's kernel does, in seconds.
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import type { CompilerOptions } from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/run-fixture.js";

type Ts = typeof import("typescript"); // eslint-disable-line @typescript-eslint/consistent-type-imports -- the module object of another TypeScript, loaded at run time

function tslabTypeScript(): Ts | undefined {
  try {
    return createRequire(join(ROOT, "package.json"))("@tslab/typescript-for-tslab") as Ts;
  } catch {
    return undefined;
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The options of tslab's converter (node_modules/tslab/dist/converter.js), without emitting. */
function tslabOptions(ts: Ts): CompilerOptions {
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    noEmit: true,
  };
}

describe("src/ under tslab's own compiler", () => {
  it("every src/ file compiles without a diagnostic", (ctx) => {
    const ts = tslabTypeScript();
    if (!ts) ctx.skip("@tslab/typescript-for-tslab is not installed");
    const program = ts!.createProgram(sourceFiles(join(ROOT, "src")), tslabOptions(ts!));
    const srcDir = join(ROOT, "src");
    const problems = ts!
      .getPreEmitDiagnostics(program)
      // tslab shows no diagnostics of declaration files (node_modules' @types), nor do we.
      .filter((d) => d.file?.fileName.startsWith(srcDir))
      .map((d) => {
        const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const where = `${relative(ROOT, d.file!.fileName)}:${line + 1}:${character + 1}`;
        return `${where} ${ts!.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    expect(problems).toEqual([]);
  }, 120_000);
});
