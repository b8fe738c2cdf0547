// Shared helpers of the runner tests: fixture paths, a temp folder per run, a silent Effects.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { nodeEffects, silentLogger } from "../../../src/effects.js";
import { afterAll } from "vitest";
import { TIMING_BEGIN, TIMING_END } from "../../../src/runner/report/render-report.js";

/** The project root. */
export const ROOT = resolve(import.meta.dirname, "..", "..", "..");

/** Absolute path of a fixture notebook. */
export function fixture(name: string): string {
  return join(ROOT, "tests", "fixtures", "notebooks", name);
}

/** Returns a fresh temp folder. */
export function tempDir(prefix = "powerflow-runner-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Returns a `tempDir` whose folders are removed after the calling test file's tests; call it at
 * the top level of the file.
 */
export function cleanedTempDirs(): (prefix?: string) => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  return async (prefix) => {
    const dir = await tempDir(prefix);
    dirs.push(dir);
    return dir;
  };
}

/** File-backed effects that log nothing. */
export function quietEffects() {
  return nodeEffects({ logger: silentLogger() });
}

/** Reads a JSON file. */
export async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, "utf8")) as T;
}

/** The fixed provenance two compared runs share (git HEAD may move while tests run). */
export const FIXED_PROVENANCE = {
  git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
  lockfileSha256: "test",
  versions: { node: process.version, powerflow: "test" },
};

/** An executed notebook's text without its timing (nbclient's `execution`, powerflow's `timing`). */
export function notebookWithoutTiming(text: string): string {
  return text
    .replace(/"execution": \{[^}]*\}/g, '"execution": {}')
    .replace(/"timing": \{[^}]*\}/g, '"timing": {}');
}

/** A report's HTML without the delimited timing block; throws when the block is missing. */
export function htmlWithoutTiming(text: string): string {
  const begin = text.indexOf(TIMING_BEGIN);
  const end = text.indexOf(TIMING_END);
  if (begin < 0 || end < begin) throw new Error("report has no delimited timing block");
  return text.slice(0, begin) + text.slice(end);
}

/** Polls `test` every 50 ms until it holds or `ms` have passed; returns its last answer. */
export async function waitUntil(test: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return test();
}

/** Returns the JSON of a notebook whose code cells are `cells` (id → source), in order. */
export function codeNotebook(cells: Record<string, string>): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: Object.entries(cells).map(([id, source]) => ({
      id,
      cell_type: "code",
      metadata: {},
      source,
      outputs: [],
      execution_count: null,
    })),
  });
}
