// Parameters carrying credentials, run on the real tslab kernel: the kernel receives the real
// values, while nothing the runner writes (executed .ipynb with its injected cell and metadata,
// HTML report with its footer, manifest, index) holds one; secret parameters appear only hashed.
import { createHash } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/runner/manifest/run-manifest.js";
import type { Notebook } from "../../src/runner/notebook/notebook-types.js";
import { parsePairArgs } from "../../src/runner/params/read-parameter-args.js";
import { runNotebooks, type RunSummary } from "../../src/runner/run-notebooks.js";
import {
  FIXED_PROVENANCE,
  fixture,
  quietEffects,
  readJson,
  tempDir,
} from "../runner/helpers/run-fixture.js";

const VALUES = {
  input: "https://h.example/x.csv?token=LeakTok1&frequency=hourly",
  dsn: "postgres://:LeakPw2@db.example/grid",
  signed:
    "https://storage.googleapis.com/b/o.csv?X-Goog-Credential=LeakCred3&X-Goog-Signature=LeakSig4",
  apiSecret: "LeakApi5",
  pin: "LeakPin6",
  // every other form, nested in an array parameter
  zones: JSON.stringify([
    "postgres://grid:Pw@ssLeak7@db/grid",
    "postgres://grid@db/grid?password=LeakPw8&sslpassword=LeakSsl9",
    "https://s3.amazonaws.com/b/o?X-Amz-Credential=LeakAmz10&X-Amz-Signature=LeakAmz11",
  ]),
};
const LEAKS = [
  "LeakTok1",
  "LeakPw2",
  "LeakCred3",
  "LeakSig4",
  "LeakApi5",
  "LeakPin6",
  "ssLeak7",
  "Pw@ss",
  "LeakPw8",
  "LeakSsl9",
  "LeakAmz10",
  "LeakAmz11",
];
const label = (v: string) =>
  `<secret sha256:${createHash("sha256").update(v).digest("hex").slice(0, 16)}>`;

let out = "";
let summary: RunSummary;

beforeAll(async () => {
  out = await tempDir();
  summary = await runNotebooks([fixture("secrets.ipynb")], quietEffects(), {
    out,
    provenance: FIXED_PROVENANCE,
    cellTimeoutMs: 120_000,
    parameters: parsePairArgs(Object.entries(VALUES).map(([k, v]) => `${k}=${v}`)),
  });
}, 180_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("powerflow run with credentials in its parameters", () => {
  it("runNotebooks gives the kernel the real values (the check cell sees their lengths)", async () => {
    const nb = await readJson<Notebook>(join(out, "secrets.ipynb"));
    const check = nb.cells.find((c) => c.id === "check")!;
    const lengths = Object.fromEntries(
      Object.entries(VALUES).map(([k, v]) => [
        k,
        k === "zones" ? (JSON.parse(v) as string[]).join("").length : v.length,
      ]),
    );
    expect(JSON.stringify(check.outputs)).toContain(
      JSON.stringify(JSON.stringify(lengths)).slice(1, -1),
    );
    expect(summary.failed.map((r) => r.manifest.failures[0]?.cellId)).toEqual(["echo"]);
  });

  it("runNotebooks writes no credential into any file of the run", async () => {
    const names = await readdir(out);
    expect(names.sort()).toEqual(
      [
        "index.html",
        "powerflow-batch.json",
        "secrets.html",
        "secrets.ipynb",
        "secrets.manifest.json",
      ].sort(),
    );
    for (const name of names) {
      const text = await readFile(join(out, name), "utf8");
      for (const leak of LEAKS) expect(text, `${name} holds "${leak}"`).not.toContain(leak);
    }
    const failure = summary.failed[0]!.manifest.failures[0]!;
    for (const leak of LEAKS) expect(failure.evalue).not.toContain(leak);
  });

  it("runNotebooks writes secret parameters as a hash and redacts credentials in the others", async () => {
    const manifest = await readJson<RunManifest>(join(out, "secrets.manifest.json"));
    expect(manifest.parameters).toEqual({
      input: "https://h.example/x.csv?token=***&frequency=hourly",
      dsn: "postgres://:***@db.example/grid",
      signed: "https://storage.googleapis.com/b/o.csv?X-Goog-Credential=***&X-Goog-Signature=***",
      apiSecret: label(VALUES.apiSecret),
      pin: label(VALUES.pin),
      zones: [
        "postgres://grid:***@db/grid",
        "postgres://grid@db/grid?password=***&sslpassword=***",
        "https://s3.amazonaws.com/b/o?X-Amz-Credential=***&X-Amz-Signature=***",
      ],
    });
    const nb = await readJson<Notebook>(join(out, "secrets.ipynb"));
    expect((nb.metadata.powerflow as { parameters: unknown }).parameters).toEqual(
      manifest.parameters,
    );
    const injected = nb.cells.find((c) => c.id === "injected-parameters")!;
    const source = Array.isArray(injected.source) ? injected.source.join("") : injected.source;
    expect(source).toContain(
      `const apiSecret = "${label(VALUES.apiSecret)}"; // secret: the kernel received the value, only its hash is saved`,
    );
    expect(source).toContain(
      'const dsn = "postgres://:***@db.example/grid"; // redacted: the kernel received the value with its credentials',
    );
    const html = await readFile(join(out, "secrets.html"), "utf8");
    expect(html).toContain(label(VALUES.pin).replace("<", "&lt;").replace(">", "&gt;"));
  });
});
