// Property-based tests of the runner's parameter parser: the parameters cell reader
// (parseLiteralDeclarations / notebookParameters), `-p name=value` and params files, and the
// typing of values (coerceParameters). Any text gives parameters or an InputError with the
// cell's line:column, never a crash; what the injector writes reads back as the same value;
// valid values of every kind come through -p unchanged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInputError } from "../../../src/errors.js";
import { coerceParameters } from "../../../src/runner/params/coerce-parameters.js";
import { toTypeScriptLiteral } from "../../../src/runner/params/inject-parameters.js";
import { notebookParameters } from "../../../src/runner/params/notebook-parameters.js";
import {
  LiteralSyntaxError,
  parseLiteralDeclarations,
} from "../../../src/runner/params/parse-literal.js";
import { parsePairArgs, parseParamsFile } from "../../../src/runner/params/read-parameter-args.js";
import { nodeEffects, silentLogger } from "../../../src/effects.js";
import { sourceText } from "../../../src/runner/notebook/notebook-types.js";
import { prepareNotebook } from "../../../src/runner/prepare-notebook.js";
import { expectTypedError, propertyRuns, settle } from "../../helpers/property.js";
import { parametersNotebook } from "../helpers/parameters-notebook.js";

const notebookWith = (source: string) => parametersNotebook(source);

/**
 * Runs `fn` and checks it ended within `ms`: a bound on a hang (quadratic blow-up, a loop that
 * does not advance), far above the microseconds a run takes, not a speed measurement.
 */
function quickly<T>(fn: () => T, ms = 1000): T {
  const started = performance.now();
  try {
    return fn();
  } finally {
    expect(performance.now() - started).toBeLessThan(ms);
  }
}

// ---- values --------------------------------------------------------------------------------------

const KEYS = ["a", "zone", "b c", "é", "", "constructor", "toString", "__proto__", "1", "$x"];
const text = fc.string({
  unit: fc.constantFrom(
    "a",
    " ",
    '"',
    "'",
    "`",
    "\\",
    "\n",
    "\r",
    "\t",
    "$",
    "{",
    "}",
    "é",
    "😀",
    "\u0000",
    "\u2028",
  ),
  maxLength: 20,
});
const date = fc.date({ noInvalidDate: true });

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    text,
    fc.boolean(),
    fc.constant(null),
    date,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
  ),
}));

function withoutNegativeZero(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(withoutNegativeZero);
  if (v === null || typeof v !== "object" || v instanceof Date) return v;
  const out = {};
  for (const [k, x] of Object.entries(v))
    Object.defineProperty(out, k, {
      value: withoutNegativeZero(x),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

describe("the parameters cell reader", () => {
  it("reads back what the injector writes: toTypeScriptLiteral(v) parses to v", () => {
    fc.assert(
      fc.property(
        value,
        fc.constantFrom("", ": unknown", ": Record<string, unknown>"),
        (v, annotation) => {
          const [declaration] = quickly(() =>
            parseLiteralDeclarations(`const x${annotation} = ${toTypeScriptLiteral(v)};`),
          );
          // -0 is written as 0 (JSON), as the kernel then reads it
          expect(declaration!.value).toEqual(withoutNegativeZero(v));
        },
      ),
      propertyRuns(500),
    );
  });

  const TOKENS = [
    "const",
    "let",
    "export",
    " ",
    "\n",
    "x",
    "y1",
    "=",
    ":",
    ";",
    ",",
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    "=>",
    "|",
    '"',
    "'",
    "`",
    "${",
    "\\",
    "\\u{110000}",
    "\\u{1F600}",
    "\\x4",
    "\\u00e9",
    "1",
    "-2.5e3",
    "0x_1F",
    "1_000",
    ".5",
    "true",
    "null",
    "new Date(",
    '"2021-01-01"',
    "as const",
    "// c",
    "/*",
    "*/",
    "string",
    "number[]",
  ];
  const cell = fc.oneof(
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join("")),
    fc
      .tuple(fc.array(fc.constantFrom(...TOKENS), { maxLength: 20 }), value)
      .map(([t, v]) => `const a = ${toTypeScriptLiteral(v)};\n${t.join("")}`),
    fc.string({ maxLength: 200 }),
    // string literals full of escapes, valid and not
    fc
      .tuple(
        fc.constantFrom('"', "'", "`"),
        fc.array(
          fc.constantFrom(
            "\\u{110000}",
            "\\u{FFFFFFFF}",
            "\\u{1F600}",
            "\\u{",
            "\\x41",
            "\\x4",
            "\\u00e9",
            "\\u12",
            "\\n",
            "\\0",
            "\\",
            "a",
            "${",
          ),
          { maxLength: 6 },
        ),
      )
      .map(([q, parts]) => `const s = ${q}${parts.join("")}${q};`),
    // deep nesting: a stack overflow must not pass for a syntax error, nor crash
    fc
      .tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom("[", "{ a: "))
      .map(
        ([depth, open]) =>
          `const deep = ${open.repeat(depth)}1${(open === "[" ? "]" : " }").repeat(depth)};`,
      ),
  );

  it("notebookParameters(any cell) gives parameters or an InputError with the cell's line:column", () => {
    fc.assert(
      fc.property(cell, (source) => {
        let error: unknown;
        try {
          const params = quickly(() => notebookParameters(notebookWith(source), "nb.ipynb"));
          for (const p of params) expect(p.name).toMatch(/^[A-Za-z_$][\w$]*$/);
          return;
        } catch (e) {
          error = e;
        }
        expect(isInputError(expectTypedError(error))).toBe(true);
        const match =
          /^invalid parameters cell: nb\.ipynb: cell 1, (\d+):(\d+): .+ \(expected .+\)$/s.exec(
            (error as Error).message,
          );
        expect(match).not.toBeNull();
        const lines = source.split("\n");
        const line = Number(match![1]);
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(lines.length);
        expect(Number(match![2])).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
        expect((error as Error).cause).toBeInstanceOf(LiteralSyntaxError);
      }),
      propertyRuns(1000),
    );
  });
});

// ---- -p values and params files --------------------------------------------------------------------

const PARAMETERS_CELL = `const count = 3;
const ratio = 0.5;
const flag = false;
const label = "x";
const mode: "hourly" | "daily" = "hourly";
const start = "2024-01-01";
const cutoff = new Date("2024-01-01T00:00:00Z");
const zones: string[] = [];
const opts = { a: 1 };
const maybe: number | null = null;
const anything: unknown = 0;`;
const PARAMETERS = notebookParameters(notebookWith(PARAMETERS_CELL), "nb.ipynb");
const NAMES = PARAMETERS.map((p) => p.name);

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");
const isoDay = (d: Date) =>
  `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const fourDigitYear = fc.date({
  min: new Date("0000-01-01T00:00:00Z"),
  max: new Date("9999-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

describe("-p values", () => {
  it("valid values of every kind come through coerceParameters unchanged", () => {
    const valid = fc.oneof(
      fc
        .double({ noNaN: true, noDefaultInfinity: true })
        // String(-0) is "0"
        .map((n) => ["count", String(n), Object.is(n, -0) ? 0 : n] as const),
      fc
        .integer()
        .map((n) => ["ratio", n.toLocaleString("en-US").replaceAll(",", "_"), n] as const),
      fc.boolean().map((b) => ["flag", b ? "TRUE" : "false", b] as const),
      text.map((t) => ["label", t, t] as const),
      fc.constantFrom("hourly", "daily").map((m) => ["mode", m, m] as const),
      fourDigitYear.map((d) => ["start", isoDay(d), isoDay(d)] as const),
      fourDigitYear.map((d) => ["cutoff", d.toISOString(), d] as const),
      fourDigitYear.map((d) => ["cutoff", isoDay(d), new Date(`${isoDay(d)}T00:00:00Z`)] as const),
      fc.array(text, { maxLength: 4 }).map((a) => ["zones", JSON.stringify(a), a] as const),
      fc
        .dictionary(fc.constantFrom(...KEYS.filter((k) => k !== "__proto__")), fc.integer())
        .map((o) => ["opts", JSON.stringify(o), o] as const),
      fc.option(fc.integer(), { nil: null }).map((n) => ["maybe", String(n), n] as const),
    );
    fc.assert(
      fc.property(valid, ([name, raw, expected]) => {
        const [pair] = parsePairArgs([`${name}=${raw}`]);
        const typed = quickly(() => coerceParameters([pair!], PARAMETERS, "nb.ipynb"));
        expect(typed.get(name)).toEqual(expected);
      }),
      propertyRuns(1000),
    );
  });

  it("any -p text is typed and injected, or refused with an InputError naming parameter and notebook", async () => {
    const raw = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        "1e999",
        "-",
        "0x10",
        "2024-02-30",
        "2024-01-01T00:00",
        "2024-01-01T25:00Z",
        "[1,",
        "{}",
        '{"__proto__": {"polluted": 1}}',
        "null",
        "NaN",
        "Infinity",
        " 1 ",
      ),
      // deep JSON: typing, redaction and injection must not overflow the stack
      fc
        .tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom("[", '{"a":'))
        .map(
          ([depth, open]) => `${open.repeat(depth)}1${(open === "[" ? "]" : "}").repeat(depth)}`,
        ),
    );
    const bytes = new TextEncoder().encode(JSON.stringify(notebookWith(PARAMETERS_CELL)));
    const effects = {
      ...nodeEffects({ logger: silentLogger() }),
      readFile: () => Promise.resolve(bytes),
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), raw, async (name, text) => {
        const started = performance.now();
        const outcome = await settle(
          prepareNotebook("nb.ipynb", parsePairArgs([`${name}=${text}`]), effects),
        );
        expect(performance.now() - started).toBeLessThan(2000); // a hang bound, not a speed test
        if ("error" in outcome) {
          expect(isInputError(expectTypedError(outcome.error))).toBe(true);
          expect((outcome.error as Error).message).toMatch(
            new RegExp(
              `^invalid parameter ${name} for nb\\.ipynb: .* from -p \\(expected .+\\)$`,
              "s",
            ),
          );
          return;
        }
        const v = outcome.value.injected.get(name);
        const kind = PARAMETERS.find((p) => p.name === name)!.kind;
        if (v === null) expect(name).toBe("maybe");
        else if (kind === "number") expect(Number.isFinite(v)).toBe(true);
        else if (kind === "Date") expect(Number.isNaN((v as Date).getTime())).toBe(false);
        else if (kind === "array") expect(Array.isArray(v)).toBe(true);
        else if (kind === "boolean") expect(typeof v).toBe("boolean");
        // the injected cell reads back as the typed value
        const injected = outcome.value.notebook.cells.find((c) => c.id === "injected-parameters")!;
        const [declaration] = parseLiteralDeclarations(
          sourceText(injected.source).split("\n").slice(1).join("\n"),
        );
        expect(declaration!.value).toEqual(withoutNegativeZero(v));
      }),
      propertyRuns(1000),
    );
  });

  it("parsePairArgs and parseParamsFile give raw parameters or an InputError", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.constantFrom("p.json", "p.yaml"),
        (text, file) => {
          for (const attempt of [() => parsePairArgs([text]), () => parseParamsFile(text, file)]) {
            try {
              const raw = quickly(attempt);
              for (const r of raw) expect(typeof r.name).toBe("string");
            } catch (error) {
              expect(isInputError(expectTypedError(error))).toBe(true);
            }
          }
          try {
            const [pair] = parsePairArgs([text]);
            expect(pair!.value).toBe(text.slice(text.indexOf("=") + 1));
          } catch {
            // refused above
          }
        },
      ),
      propertyRuns(1000),
    );
  });
});
