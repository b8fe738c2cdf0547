// Issue 13's done-when tests (a)-(e) on real tslab kernels: `runNotebooks` runs a notebook again
// only when something it read (or its own code) changed, never for mtimes alone.
import { readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../../src/runner/manifest/run-manifest.js";
import type { ProgressEvent } from "../../../src/runner/progress.js";
import { runNotebooks, type RunSummary } from "../../../src/runner/run-notebooks.js";
import {
  cleanedTempDirs,
  codeNotebook,
  FIXED_PROVENANCE,
  quietEffects,
  readJson,
  ROOT,
} from "../helpers/run-fixture.js";

const tempDir = cleanedTempDirs();

const csv = (base: number): string =>
  `Datetime,ZONE_MW\n${Array.from(
    { length: 48 },
    (_, h) =>
      `2021-01-0${1 + Math.floor(h / 24)} ${String(h % 24).padStart(2, "0")}:00:00,${base + h}`,
  ).join("\n")}\n`;

let work = "";
let out = "";
const notebook = (name: string): string => join(work, `${name}.ipynb`);
const NOTEBOOKS = ["reads-a", "reads-b", "env"];

// Each notebook reads its CSV only through readLoadSeries (src/); "env" reads a variable.
async function writeNotebooks(envCell = 'console.log(process.env.PF_FRESH_ZONE ?? "none");') {
  for (const name of ["a", "b"]) {
    await writeFile(
      notebook(`reads-${name}`),
      codeNotebook({
        imports: 'import { readLoadSeries } from "./src/index";',
        load: `const raw = await readLoadSeries(${JSON.stringify(join(work, `${name}.csv`))}, { tz: "UTC" });\nconsole.log(raw.quality.rowsWritten);`,
      }),
    );
  }
  await writeFile(notebook("env"), codeNotebook({ zone: envCell }));
}

interface Batch {
  summary: RunSummary;
  /** Notebooks whose kernel started. */
  started: string[];
  events: ProgressEvent[];
}

async function run(
  names = NOTEBOOKS,
  options: { force?: boolean; jobs?: number } = {},
): Promise<Batch> {
  const started: string[] = [];
  const events: ProgressEvent[] = [];
  const summary = await runNotebooks(names.map(notebook), quietEffects(), {
    out,
    provenance: FIXED_PROVENANCE,
    jobs: options.jobs ?? 2,
    force: options.force,
    progress: (event) => events.push(event),
    onKernelStarted: (name) => started.push(name),
  });
  return { summary, started: started.sort(), events };
}

/** Every report file (not the index or the batch state) by name, as bytes. */
async function reports(): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of (await readdir(out)).sort()) {
    if (/\.(html|ipynb|manifest\.json)$/.test(name) && name !== "index.html")
      files.set(name, await readFile(join(out, name)));
  }
  return files;
}

beforeAll(async () => {
  work = await tempDir("powerflow-incremental-");
  out = join(work, "out");
  await writeFile(join(work, "a.csv"), csv(100));
  await writeFile(join(work, "b.csv"), csv(200));
  await writeNotebooks();
  const first = await run();
  expect(first.summary.failed).toEqual([]);
  expect(first.started).toEqual(["env", "reads-a", "reads-b"]);
}, 180_000);

describe("powerflow run is incremental: only what changed runs", () => {
  it("(a) a second run with nothing changed starts no kernel and leaves every report byte-identical", async () => {
    const before = await reports();
    const second = await run();
    expect(second.started).toEqual([]);
    expect(second.summary.reused.sort()).toEqual(NOTEBOOKS.map(notebook).sort());
    expect(await reports()).toEqual(before);
    const reused = second.events.filter((e) => e.type === "notebook-reused");
    expect(reused.map((e) => e.type === "notebook-reused" && e.how)).toEqual([
      "cached",
      "cached",
      "cached",
    ]);
    const index = await readFile(join(out, "index.html"), "utf8");
    expect(index.match(/class="pf-cached"/g)).toHaveLength(3);
  }, 60_000);

  it("(b) one changed byte of a data file read through a src/ function runs exactly the notebook that read it", async () => {
    await writeFile(join(work, "a.csv"), csv(100).replace(",147\n", ",148\n"));
    const batch = await run();
    expect(batch.started).toEqual(["reads-a"]);
    const stale = batch.events.find((e) => e.type === "notebook-stale");
    expect(stale).toMatchObject({ name: "reads-a", why: `file ${join(work, "a.csv")} changed` });
    const manifest = await readJson<RunManifest>(join(out, "reads-a.manifest.json"));
    expect(manifest.status).toBe("ok");
  }, 90_000);

  it("(c) touching the mtime of every file the notebooks read runs nothing", async () => {
    const touched: { path: string; atime: Date; mtime: Date }[] = [];
    const later = new Date(Date.now() + 5_000);
    try {
      for (const name of NOTEBOOKS) {
        const manifest = await readJson<RunManifest>(join(out, `${name}.manifest.json`));
        const files = [notebook(name), ...(manifest.reads?.files ?? []).map((f) => f.path)];
        for (const file of files.map((f) => join(f.startsWith("/") ? "" : ROOT, f))) {
          if (touched.some((t) => t.path === file)) continue;
          const info = await stat(file);
          touched.push({ path: file, atime: info.atime, mtime: info.mtime });
          // every file moves forward alike, so dist/ stays as new as src/ (the prebuilt check)
          await utimes(file, later, new Date(info.mtimeMs + 5_000));
        }
      }
      expect(touched.length).toBeGreaterThan(10);
      const batch = await run();
      expect(batch.started).toEqual([]);
      expect(batch.summary.reused).toHaveLength(3);
    } finally {
      for (const t of touched) await utimes(t.path, t.atime, t.mtime);
    }
  }, 60_000);

  it("(d) editing one cell runs only that notebook", async () => {
    await writeNotebooks('console.log("zone:", process.env.PF_FRESH_ZONE ?? "none");');
    const batch = await run();
    expect(batch.started).toEqual(["env"]);
    expect(batch.events).toContainEqual(
      expect.objectContaining({
        type: "notebook-stale",
        name: "env",
        why: "notebook (as run, parameters injected) changed",
      }),
    );
  }, 60_000);

  it("(e) changing an environment variable the notebook read runs it", async () => {
    process.env.PF_FRESH_ZONE = "BETA";
    try {
      const batch = await run();
      expect(batch.started).toEqual(["env"]);
      expect(batch.events).toContainEqual(
        expect.objectContaining({ type: "notebook-stale", why: "env PF_FRESH_ZONE changed" }),
      );
      const executed = await readFile(join(out, "env.ipynb"), "utf8");
      expect(executed).toContain("zone: BETA");
    } finally {
      delete process.env.PF_FRESH_ZONE;
    }
  }, 60_000);

  it("--force runs a notebook whose report is fresh", async () => {
    const batch = await run(["env"], { force: true });
    expect(batch.started).toEqual(["env"]);
  }, 60_000);

  it("never reuses a run that failed", async () => {
    await writeFile(notebook("fails"), codeNotebook({ boom: 'throw new Error("boom");' }));
    const first = await run(["fails"]);
    expect(first.summary.failed).toHaveLength(1);
    const second = await run(["fails"]);
    expect(second.started).toEqual(["fails"]);
    expect(second.events).toContainEqual(
      expect.objectContaining({ type: "notebook-stale", why: "its last run failed" }),
    );
  }, 60_000);

  it("runs a cached notebook again once another notebook of the batch changed what it read", async () => {
    const shared = JSON.stringify(join(work, "shared.txt"));
    const writer = (text: string) =>
      codeNotebook({ write: `require("node:fs").writeFileSync(${shared}, "${text}");` });
    await writeFile(join(work, "shared.txt"), "v1");
    await writeFile(notebook("writer"), writer("v1"));
    await writeFile(
      notebook("reader"),
      codeNotebook({ read: `console.log(require("node:fs").readFileSync(${shared}, "utf8"));` }),
    );
    await run(["reader", "writer"], { jobs: 1 });
    await writeFile(notebook("writer"), writer("v2"));
    const batch = await run(["reader", "writer"], { jobs: 1 });
    expect(batch.started).toEqual(["reader", "writer"]);
    expect(batch.events.filter((e) => e.type !== "cell-end" && e.type !== "cell-start")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "notebook-reused", name: "reader" }),
        expect.objectContaining({ type: "notebook-stale", name: "writer" }),
        expect.objectContaining({
          type: "notebook-stale",
          name: "reader",
          why: `file ${join(work, "shared.txt")} changed`,
        }),
      ]),
    );
    expect(await readFile(join(out, "reader.ipynb"), "utf8")).toContain("v2");
  }, 90_000);
});
