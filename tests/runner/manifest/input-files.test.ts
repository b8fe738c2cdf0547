// The manifest's inputs on a real run: a parameter naming a FIFO (or /dev/zero) must not be
// read, and a file over the size cap is listed with a note instead of a hash.
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../../src/runner/manifest/run-manifest.js";
import { parsePairArgs } from "../../../src/runner/params/read-parameter-args.js";
import { runNotebooks } from "../../../src/runner/run-notebooks.js";
import {
  FIXED_PROVENANCE,
  fixture,
  quietEffects,
  readJson,
  cleanedTempDirs,
} from "../helpers/run-fixture.js";

const tempDir = cleanedTempDirs();

describe("runNotebooks input files", () => {
  it("runNotebooks(-p input=<fifo> -p label=<big file>) finishes, skips the FIFO and notes the big file", async () => {
    const [work, out] = [await tempDir(), await tempDir()];
    const fifo = join(work, "pipe");
    execFileSync("mkfifo", [fifo]);
    const big = join(work, "big.csv");
    await writeFile(big, Buffer.alloc(4096, 1));
    const summary = await runNotebooks([fixture("params.ipynb")], quietEffects(), {
      out,
      provenance: FIXED_PROVENANCE,
      cellTimeoutMs: 120_000,
      inputHashMaxBytes: 1024,
      parameters: parsePairArgs([`input=${fifo}`, `label=${big}`]),
    });
    expect(summary.failed).toEqual([]);
    const manifest = await readJson<RunManifest>(join(out, "params.manifest.json"));
    expect(manifest.inputs).toEqual([
      {
        path: big,
        sha256: null,
        bytes: 4096,
        note: "not hashed: 4096 bytes is over the 1024-byte cap (powerflow run --input-hash-max-bytes)",
      },
    ]);
  }, 90_000);
});
