import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { coerceParameters } from "../../../src/runner/params/coerce-parameters.js";
import {
  injectParameters,
  toTypeScriptLiteral,
} from "../../../src/runner/params/inject-parameters.js";
import { isIsoDate, notebookParameters } from "../../../src/runner/params/notebook-parameters.js";
import { parseLiteralDeclarations } from "../../../src/runner/params/parse-literal.js";
import { parsePairArgs, parseParamsFile } from "../../../src/runner/params/read-parameter-args.js";
import { parametersNotebook } from "../helpers/parameters-notebook.js";

const notebookWith = (source: string) => parametersNotebook(source, "console.log(1)");

const SOURCE = `// defaults
const horizon = 24; // hours
export const label = 'it\\'s';
let ratio = -1.5e-3, big = 1_000;
const start = "2021-01-01";
const cutoff = new Date("2021-06-01T00:00:00Z");
const zones: string[] = ["A", "B",];
const opts = { alpha: 0.5, "nested": { ok: true } } as const;
const mode: "hourly" | "daily" = "hourly";
const zone: string | null = null;
/* block */ const on = false;`;

describe("parseLiteralDeclarations / notebookParameters", () => {
  it("notebookParameters(nb) reads names, kinds, annotations and defaults of the parameters cell", () => {
    const params = notebookParameters(notebookWith(SOURCE), "nb.ipynb");
    expect(params.map((p) => [p.name, p.kind, p.type, p.defaultValue])).toEqual([
      ["horizon", "number", "number", 24],
      ["label", "string", "string", "it's"],
      ["ratio", "number", "number", -0.0015],
      ["big", "number", "number", 1000],
      ["start", "date", "date", "2021-01-01"],
      ["cutoff", "Date", "Date", new Date("2021-06-01T00:00:00Z")],
      ["zones", "array", "string[]", ["A", "B"]],
      ["opts", "object", "object", { alpha: 0.5, nested: { ok: true } }],
      ["mode", "string", '"hourly" | "daily"', "hourly"],
      ["zone", "string", "string | null", null],
      ["on", "boolean", "boolean", false],
    ]);
    expect(params.find((p) => p.name === "mode")!.choices).toEqual(["hourly", "daily"]);
    expect(params.find((p) => p.name === "zone")!.nullable).toBe(true);
  });

  it("parseLiteralDeclarations refuses computed values with line:column", () => {
    expect(() => parseLiteralDeclarations("const a = 1;\nconst b = a * 2;")).toThrow(
      /unsupported parameter value "a \* 2;"/,
    );
    const notebook = notebookWith("const a = 1;\nconst b = Math.PI;");
    expect(() => notebookParameters(notebook, "nb.ipynb")).toThrow(InputError);
    expect(() => notebookParameters(notebook, "nb.ipynb")).toThrow(
      /invalid parameters cell: nb\.ipynb: cell 1, 2:11: unsupported parameter value/,
    );
    expect(() => parseLiteralDeclarations("const t = `x${y}`;")).toThrow(/template substitution/);
  });

  it("notebookParameters refuses an escape past U+10FFFF and nesting past 64 levels as InputError", () => {
    expect(() => notebookParameters(notebookWith('const s = "\\u{110000}";'), "nb.ipynb")).toThrow(
      /^invalid parameters cell: nb\.ipynb: cell 1, 1:14: invalid escape \(expected a code point up to \\u\{10FFFF\}\)$/,
    );
    const deep = (n: number) => `const d = ${"[".repeat(n)}1${"]".repeat(n)};`;
    expect(parseLiteralDeclarations(deep(64))[0]!.name).toBe("d");
    expect(() => notebookParameters(notebookWith(deep(20_000)), "nb.ipynb")).toThrow(
      /^invalid parameters cell: nb\.ipynb: cell 1, 1:75: value nested too deeply \(expected at most 64 levels of arrays and objects\)$/,
    );
  });

  it("isIsoDate accepts real calendar dates and rejects impossible ones", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    // years 0-99 are not 1900-1999
    expect(isIsoDate("0099-12-31")).toBe(true);
    expect(isIsoDate("0004-02-29")).toBe(true);
    expect(isIsoDate("2021-02-29")).toBe(false);
    expect(isIsoDate("2021-01-01T10:00:00+02:00")).toBe(true);
    expect(isIsoDate("01/02/2021")).toBe(false);
  });
});

describe("coerceParameters", () => {
  const params = notebookParameters(notebookWith(SOURCE), "nb.ipynb");
  const coerce = (pairs: string[]) => coerceParameters(parsePairArgs(pairs), params, "nb.ipynb");

  it("coerceParameters(-p text) types values by the declared kind", () => {
    const values = coerce([
      "horizon=48",
      "label=x=y",
      'zones=["C"]',
      'opts={"alpha":1}',
      "on=TRUE",
      "start=2022-03-01",
      "cutoff=2022-03-01",
      "mode=daily",
      "zone=null",
    ]);
    expect(Object.fromEntries(values)).toEqual({
      horizon: 48,
      label: "x=y",
      zones: ["C"],
      opts: { alpha: 1 },
      on: true,
      start: "2022-03-01",
      cutoff: new Date("2022-03-01T00:00:00Z"),
      mode: "daily",
      zone: null,
    });
  });

  it.each([
    [
      "horizon=abc",
      /invalid parameter horizon for nb\.ipynb: "abc" from -p \(expected a finite number\)/,
    ],
    ["on=yes", /expected true or false/],
    ["zones={}", /expected a JSON array/],
    ["opts=[1]", /expected a JSON object/],
    ["start=2021-02-30", /expected an ISO 8601 date/],
    ["cutoff=2021-01-01T00:00", /expected a UTC offset/],
    ["mode=weekly", /expected one of "hourly", "daily"/],
  ])("coerceParameters(%s) raises InputError", (pair, message) => {
    expect(() => coerce([pair])).toThrow(InputError);
    expect(() => coerce([pair])).toThrow(message);
  });

  it("coerceParameters refuses JSON nested past 64 levels, before it is injected or redacted", () => {
    expect(() => coerce([`zones=${"[".repeat(20_000)}${"]".repeat(20_000)}`])).toThrow(
      /^invalid parameter zones for nb\.ipynb: "\[{199}… from -p \(expected at most 64 levels of arrays and objects\)$/,
    );
    expect(coerce([`zones=${"[".repeat(63)}"x"${"]".repeat(63)}`]).get("zones")).toBeDefined();
  });

  it("coerceParameters rejects an unknown name, listing parameters and types", () => {
    expect(() => coerce(["horizn=1"])).toThrow(
      /unknown parameter for nb\.ipynb: "horizn" from -p \(expected one of: horizon: number, label: string, ratio: number/,
    );
  });

  it("parseParamsFile reads typed YAML/JSON values, checked like -p values", () => {
    const raw = parseParamsFile("horizon: 12\nzones: [X]\nstart: 2022-01-02\n", "p.yaml");
    expect(Object.fromEntries(coerceParameters(raw, params, "nb.ipynb"))).toEqual({
      horizon: 12,
      zones: ["X"],
      start: "2022-01-02",
    });
    expect(() =>
      coerceParameters(parseParamsFile('{"horizon": "12"}', "p.json"), params, "nb.ipynb"),
    ).toThrow(/"12" from p\.json \(expected a finite number\)/);
    expect(() => parseParamsFile("- a\n- b\n", "p.yaml")).toThrow(/expected a mapping/);
    // a YAML warning (here an unknown tag) fails like an error, instead of a warning on stderr
    expect(() => parseParamsFile("horizon: !hours 12\n", "p.yaml")).toThrow(
      /^invalid params file: p\.yaml: Unresolved tag: !hours at line 1, column 10: \(expected a JSON or YAML mapping\)$/,
    );
    expect(() => parsePairArgs(["novalue"])).toThrow(/invalid -p value: "novalue"/);
  });
});

describe("injectParameters", () => {
  it("injectParameters(nb, values) adds one tagged cell after the parameters cell, replacing an old one", () => {
    const nb = notebookWith(SOURCE);
    const params = notebookParameters(nb, "nb.ipynb");
    const once = injectParameters(
      nb,
      new Map<string, unknown>([
        ["mode", "daily"],
        ["cutoff", new Date("2022-01-01T00:00:00Z")],
      ]),
      params,
    );
    const twice = injectParameters(once, new Map<string, unknown>([["horizon", 1]]), params);
    expect(twice.cells.map((c) => c.id)).toEqual(["p", "injected-parameters", "x"]);
    expect(once.cells[1]!.source).toEqual([
      "// Parameters injected by powerflow run\n",
      'const mode: "hourly" | "daily" = "daily";\n',
      'const cutoff = new Date("2022-01-01T00:00:00.000Z");',
    ]);
    expect(twice.cells[1]!.source).toEqual([
      "// Parameters injected by powerflow run\n",
      "const horizon = 1;",
    ]);
  });

  it("injectParameters keeps the injected cell hidden when the parameters cell is hide-input", () => {
    const nb = notebookWith(SOURCE);
    const params = notebookParameters(nb, "nb.ipynb");
    const values = new Map<string, unknown>([["horizon", 2]]);
    expect(injectParameters(nb, values, params).cells[1]!.metadata.tags).toEqual([
      "injected-parameters",
    ]);
    const hidden = {
      ...nb,
      cells: nb.cells.map((c) =>
        c.id === "p" ? { ...c, metadata: { tags: ["parameters", "hide-input"] } } : c,
      ),
    };
    expect(injectParameters(hidden, values, params).cells[1]!.metadata.tags).toEqual([
      "injected-parameters",
      "hide-input",
    ]);
  });

  it("toTypeScriptLiteral writes JSON-compatible TypeScript", () => {
    expect(toTypeScriptLiteral({ a: [1, "</script>"], d: new Date(0) })).toBe(
      '{ "a": [1, "</script>"], "d": new Date("1970-01-01T00:00:00.000Z") }',
    );
  });

  it("toTypeScriptLiteral writes a __proto__ key as a property, not the prototype", () => {
    const value = JSON.parse('{"__proto__": {"polluted": 1}}') as object;
    const text = toTypeScriptLiteral(value);
    expect(text).toBe('{ ["__proto__"]: { "polluted": 1 } }');
    const [read] = parseLiteralDeclarations(`const o = ${text};`);
    expect(Object.getPrototypeOf(read!.value)).toBe(Object.prototype);
    expect(Object.keys(read!.value as object)).toEqual(["__proto__"]);
    // as in JavaScript, a plain __proto__ key sets the prototype
    const [plain] = parseLiteralDeclarations('const o = { "__proto__": { "p": 1 } };');
    expect(Object.keys(plain!.value as object)).toEqual([]);
    expect((plain!.value as { p?: number }).p).toBe(1);
  });
});
