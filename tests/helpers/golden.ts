/**
 * Golden files under tests/golden/, as Observable Plot's test suite keeps them: a test compares a
 * builder's normalised output with its file; `UPDATE_GOLDEN=1` rewrites the files, a missing file
 * is written outside CI, and a mismatch writes `<name>-changed.<ext>` (git-ignored) beside it and
 * fails with a line diff, so every chart change is a reviewed diff.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { expect } from "vitest";

/** Folder of the golden files. */
export const GOLDEN_DIR = resolve(import.meta.dirname, "..", "golden");

/** Compares `actual` with tests/golden/`name`, writing it when asked (UPDATE_GOLDEN=1) or missing outside CI. */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN_DIR, name);
  const changed = path.replace(/(\.[^./]+)$/, "-changed$1");
  if (process.env.UPDATE_GOLDEN === "1" || (!existsSync(path) && !process.env.CI)) {
    await writeAtomic(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(`golden file missing: ${path} (run UPDATE_GOLDEN=1 npx vitest run <test>)`);
  const expected = await readFile(path, "utf8");
  if (actual !== expected) await writeAtomic(changed, actual);
  expect(
    actual,
    `${name} differs from its golden file; new output in ${changed}. If the change is intended, accept it with UPDATE_GOLDEN=1`,
  ).toBe(expected);
}

/** Returns `value` as stable JSON: keys sorted, numbers to `digits` significant digits, short arrays inline. */
export function goldenJson(value: unknown, digits = 4): string {
  return `${format(normalise(value, digits), "")}\n`;
}

/** Returns SVG markup with one element per line and decimals cut to 2, so diffs stay readable. */
export function goldenSvg(svg: string): string {
  return `${svg.replace(/(\d+\.\d{2})\d+/g, "$1").replace(/></g, ">\n<")}\n`;
}

function normalise(value: unknown, digits: number): unknown {
  if (typeof value === "number")
    return Number.isFinite(value) ? Number(value.toPrecision(digits)) : String(value);
  if (ArrayBuffer.isView(value)) return normalise(Array.from(value as Float64Array), digits);
  if (Array.isArray(value)) return value.map((v) => normalise(v, digits));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, normalise((value as Record<string, unknown>)[k], digits)]),
    );
  return value;
}

function format(value: unknown, indent: string): string {
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) return inlineArray(value, inner);
    return `[\n${value.map((v) => inner + format(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`);
    return `{\n${lines.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

// Primitive arrays wrap at about 100 characters, so a changed value shows as one changed line.
function inlineArray(values: unknown[], inner: string): string {
  const items = values.map((v) => JSON.stringify(v));
  if (items.join(", ").length <= 80) return `[${items.join(", ")}]`;
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    if (line !== "" && line.length + item.length > 100) {
      lines.push(line);
      line = "";
    }
    line += `${item}, `;
  }
  lines.push(line);
  return `[\n${lines
    .map((l) => inner + l.trimEnd())
    .join("\n")
    .replace(/,$/, "")}\n${inner.slice(1)}]`;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, path);
}
