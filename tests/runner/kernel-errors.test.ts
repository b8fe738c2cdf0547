// The text helpers of bin/kernel-errors.cjs and bin/kernel-diagnostics.cjs (the kernel hooks
// themselves run in real kernels: tests/runner/error-locations.test.ts).
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/run-fixture.js";

const require = createRequire(import.meta.url);
type Position = { line: number; character: number };
const { tidyErrorText } = require(join(ROOT, "bin", "kernel-errors.cjs")) as {
  tidyErrorText: (text: string, root: string) => string;
};
const { sourceExcerpt } = require(join(ROOT, "bin", "kernel-diagnostics.cjs")) as {
  sourceExcerpt: (text: string, start: Position, end?: Position) => string[];
};

describe("kernel error text", () => {
  it("tidyErrorText(stack, root) makes frame paths relative to root and leaves the message alone", () => {
    const text = [
      "/p/root/src/a.ts:3",
      "  throw new InputError(x);",
      "  ^",
      "",
      "InputError: bad file: /p/root/data/x.csv (expected a CSV file)",
      "    at parse (/p/root/src/a.ts:3:9)",
      "    at file:///p/root/dist/src/b.js:7:1",
      "    at run (/p/rooted/src/c.ts:1:1)",
      "    at node:internal/main:1:1",
    ].join("\n");
    expect(tidyErrorText(text, "/p/root")).toBe(
      [
        "src/a.ts:3",
        "  throw new InputError(x);",
        "  ^",
        "",
        "InputError: bad file: /p/root/data/x.csv (expected a CSV file)",
        "    at parse (src/a.ts:3:9)",
        "    at dist/src/b.js:7:1",
        "    at run (/p/rooted/src/c.ts:1:1)",
        // Not thrown through a cell: no frame is the kernel's to cut.
        "    at node:internal/main:1:1",
      ].join("\n"),
    );
  });

  it("sourceExcerpt(text, start, end) underlines the span on its line and keeps tabs aligned", () => {
    const text = "a;\n\tconst label: number = `x`;\n";
    expect(sourceExcerpt(text, { line: 1, character: 7 }, { line: 1, character: 12 })).toEqual([
      "2 | \tconst label: number = `x`;",
      "  | \t      ^~~~~",
    ]);
    // A span running past its line is underlined to the end of the line.
    expect(
      sourceExcerpt("f(\n  1);", { line: 0, character: 0 }, { line: 1, character: 4 }),
    ).toEqual(["1 | f(", "  | ^~"]);
    expect(sourceExcerpt("x;", { line: 5, character: 0 })).toEqual([]);
  });
});
