import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { expandNotebookArgs } from "../../../src/runner/deploy/expand-notebook-args.js";

describe("expandNotebookArgs", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "pf-expand-"));
    mkdirSync(join(dir, "nb"));
    for (const f of ["02-b.ipynb", "01-a.ipynb", "notes.md", ".hidden.ipynb", "10-c.ipynb"]) {
      writeFileSync(join(dir, "nb", f), "{}");
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("expandNotebookArgs(['nb/*.ipynb']) returns the matching notebooks sorted by name", async () => {
    const nb = join(dir, "nb");
    expect(await expandNotebookArgs([join(nb, "*.ipynb")])).toEqual(
      ["01-a.ipynb", "02-b.ipynb", "10-c.ipynb"].map((f) => join(nb, f)),
    );
    expect(await expandNotebookArgs([join(nb, "0?-*.ipynb")])).toEqual(
      ["01-a.ipynb", "02-b.ipynb"].map((f) => join(nb, f)),
    );
  });

  it("expands a folder to its .ipynb files and keeps plain paths and their order, without duplicates", async () => {
    const nb = join(dir, "nb");
    expect(await expandNotebookArgs([join(nb, "10-c.ipynb"), nb, "missing.ipynb"])).toEqual([
      join(nb, "10-c.ipynb"),
      join(nb, "01-a.ipynb"),
      join(nb, "02-b.ipynb"),
      "missing.ipynb",
    ]);
  });

  it("refuses patterns that match nothing, missing folders and wildcards in folder names", async () => {
    await expect(expandNotebookArgs([join(dir, "nb", "*.txt")])).rejects.toThrow(InputError);
    await expect(expandNotebookArgs([join(dir, "nb", "*.txt")])).rejects.toThrow(
      /^no notebooks match: ".*\*\.txt"/,
    );
    await expect(expandNotebookArgs([join(dir, "nope", "*.ipynb")])).rejects.toThrow(
      /^notebook folder not found: /,
    );
    await expect(expandNotebookArgs([join(dir, "n*", "a.ipynb")])).rejects.toThrow(
      /^unsupported notebook pattern/,
    );
  });
});
