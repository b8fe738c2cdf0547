// ESLint flat config: typescript-eslint with type-aware rules over src, tests, bench and scripts,
// plus the boundaries between PowerFlow's layers and the size limits of its files and functions.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// ---------------------------------------------------------------------------------------------
// Layers. The import graph of src/ (derived from the imports, and kept by the rules below):
//
//   util  <  errors, frame, effects  <  generate, etl  <  ml  <  analysis  <  runner  <  cli
//
// index.ts re-exports from every layer but the CLI, and only the CLI imports it. Each rule forbids
// import specifiers (relative paths) that reach a layer the importing file must not depend on.
// ESLint replaces, not merges, a rule's options when two blocks match a file, so every file falls
// in exactly one block below and that block lists all of its restrictions.
// ---------------------------------------------------------------------------------------------

/** An import of `dirs` (src/<dir>/…) from anywhere in src/. */
const into = (dirs, message) => ({ regex: `(^|/)(${dirs.join("|")})/`, message });

// The library never imports the CLI: the CLI is its outermost user.
const NOT_CLI = into(["cli"], "the CLI sits on top of the library; nothing in src/ imports it");
// A library module that imports index.ts would import every layer, and close cycles through it.
const NOT_INDEX = {
  regex: "^(\\.\\./)*(\\./)?index\\.js$",
  message: "src/index.ts is the entry for notebooks and the CLI; import the module itself",
};
// etl, ml and analysis produce what notebooks show; executing notebooks (runner) is above them.
const NOT_RUNNER = into(["runner"], "etl, ml and analysis must not depend on the notebook runner");
// The synthetic-data generator is a source of input files, not a library for other layers.
const NOT_GENERATE = into(["generate"], "only the CLI and index.ts use the data generator");
// The ETL delivers clean series; models and analyses consume them, never the other way round.
const NOT_ML = into(["ml"], "the ETL must not depend on models");
const NOT_ANALYSIS = into(["analysis"], "etl and ml must not depend on analysis or figures");
// The runner executes notebooks; it does not compute what they show.
const RUNNER_ONLY_RUNS = into(
  ["ml", "analysis", "generate"],
  "the runner executes notebooks; models and analyses belong to the notebooks it runs",
);
// The ETL's internal order: extract → validate → transform → load. Pure steps never write.
const NOT_LOAD = into(["load"], "validate and transform are pure: they never reach the load stage");

// Pure stages (STYLE §2): no files, processes, sockets or HTTP. Time, seed and zone are arguments.
const IO_MODULES = ["fs", "fs/promises", "child_process", "net", "http", "https"].flatMap((m) => [
  { name: m, message: "pure stages do no I/O (STYLE §2); take data as arguments" },
  { name: `node:${m}`, message: "pure stages do no I/O (STYLE §2); take data as arguments" },
]);

// The CLI parses arguments and dispatches to the public API (STYLE §5): it imports src/index.ts,
// its own files (commands/, parse-options, exit-codes) and packages, never a layer's module.
const LAYER_MODULES =
  "(errors|effects|frame|config|etl|ml|analysis|runner|generate|util)(/|\\.js$)";
const cliOnlyIndex = (allowed = []) => ({
  regex: `^(\\.\\./)+${allowed.map((a) => `(?!${a.replaceAll(".", "\\.")}$)`).join("")}${LAYER_MODULES}`,
  message: "the CLI imports the library only through src/index.ts",
});

/** A block that applies `patterns` (and, for pure stages, no I/O modules) to `files`. */
function layer(files, patterns, { pure = false, ignores = [] } = {}) {
  return {
    files,
    ignores,
    rules: {
      "no-restricted-imports": ["error", { patterns, ...(pure ? { paths: IO_MODULES } : {}) }],
    },
  };
}

const LAYER_RULES = [
  layer(["src/cli/**/*.ts"], [cliOnlyIndex()], {
    ignores: ["src/cli/commands/forecast.ts", "src/cli/commands/run.ts"],
  }),
  // Exceptions until the storage layer (EtlSink, ReportSink, IndexStore, storage.ts) is one
  // interface exported from index.ts: `forecast --out` writes through the object API, and `run`
  // resolves its gs:// / shard destination through the deploy module.
  layer(["src/cli/commands/forecast.ts"], [cliOnlyIndex(["etl/load/storage.js"])]),
  layer(["src/cli/commands/run.ts"], [cliOnlyIndex(["runner/deploy/resolve-deploy-run.js"])]),
  // util holds tiny shared functions: it imports nothing from the layers above it.
  layer(
    ["src/util/**/*.ts"],
    [
      {
        regex: "^\\.\\./",
        message: "src/util imports nothing from other layers (one tiny function per file)",
      },
    ],
  ),
  // The shared vocabulary (errors, frames, effects) sits just above util.
  layer(
    ["src/errors.ts", "src/frame.ts", "src/effects.ts"],
    [
      into(
        ["etl", "ml", "analysis", "runner", "generate", "cli"],
        "errors, frame and effects sit below every layer",
      ),
      NOT_INDEX,
    ],
  ),
  layer(
    ["src/generate/**/*.ts"],
    [
      into(
        ["etl", "ml", "analysis", "runner", "cli"],
        "the generator depends only on util, errors and effects",
      ),
      NOT_INDEX,
    ],
  ),
  layer(
    ["src/etl/transform/**/*.ts", "src/etl/validate/**/*.ts", "src/etl/steps/**/*.ts"],
    [NOT_LOAD, NOT_ML, NOT_ANALYSIS, NOT_RUNNER, NOT_GENERATE, NOT_CLI, NOT_INDEX],
    { pure: true },
  ),
  layer(["src/etl/**/*.ts"], [NOT_ML, NOT_ANALYSIS, NOT_RUNNER, NOT_GENERATE, NOT_CLI, NOT_INDEX], {
    ignores: ["src/etl/transform/**", "src/etl/validate/**", "src/etl/steps/**"],
  }),
  // Models are pure (STYLE §8); saving a model and reading a CSV go through etl's load and
  // extract stages (save-model.ts, run-forecast-task.ts), never through node:fs directly.
  layer(["src/ml/**/*.ts"], [NOT_ANALYSIS, NOT_RUNNER, NOT_GENERATE, NOT_CLI, NOT_INDEX], {
    pure: true,
  }),
  // Display helpers hand bundles to the kernel through the runner's display channel and reuse
  // the report's one rendering of Plotly and HTML (STYLE §9: rendering lives once, in the runner).
  layer(
    ["src/analysis/display/**/*.ts"],
    [
      {
        regex: "(^|/)runner/(?!(display|mime-types|report/report-assets|report/escape-html)\\.js$)",
        message:
          "display helpers use only the runner's display channel, MIME types and report assets",
      },
      NOT_GENERATE,
      NOT_CLI,
      NOT_INDEX,
    ],
    { pure: true },
  ),
  layer(["src/analysis/**/*.ts"], [NOT_RUNNER, NOT_GENERATE, NOT_CLI, NOT_INDEX], {
    pure: true,
    ignores: ["src/analysis/display/**"],
  }),
  layer(["src/runner/**/*.ts"], [RUNNER_ONLY_RUNS, NOT_CLI, NOT_INDEX]),
  layer(["src/index.ts"], [NOT_CLI]),
];

// ---------------------------------------------------------------------------------------------
// Size. Files stay under 300 lines of code (STYLE §4: aim under 150, split past 300) and
// functions under 100 (STYLE aims at about 40; 100 is the ceiling that holds today, and stops
// another 300-line function of closures). Blank lines and comments do not count.
// ---------------------------------------------------------------------------------------------

const SIZE_RULES = [
  {
    files: [
      "src/**/*.ts",
      "tests/**/*.ts",
      "bench/**/*.js",
      "scripts/**/*.js",
      "bin/**/*.{js,cjs}",
    ],
    rules: {
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      "max-lines-per-function": ["error", { max: 100, skipBlankLines: true, skipComments: true }],
    },
  },
  // The public API is one list of named re-exports (STYLE §5); it grows with the API, and
  // splitting it would scatter the one place that says what is public.
  {
    files: ["src/index.ts"],
    rules: { "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  // One fake of the Cloud Storage JSON API (media, multipart and resumable uploads, ranges,
  // generations and preconditions, fault injection) that the real client talks to: its handlers
  // share one in-memory store and one request router.
  {
    files: ["tests/helpers/fake-gcs-server.ts"],
    rules: { "max-lines": ["error", { max: 500, skipBlankLines: true, skipComments: true }] },
  },
  // Every notebook end to end in one file, so the expensive run (powerflow run, Jupyter,
  // headless Chromium) is paid once and its results shared by the checks.
  {
    files: ["tests/analysis/notebooks.test.ts"],
    rules: { "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }] },
  }, // Property-based tests: each arbitrary (random CSV bytes, quoting, DST-edge stamps, parameter
  // literals) sits next to the property that uses it, so one reads what is generated and what
  // must hold together; splitting them would separate a generator from its only property.
  // The weather CLI tests run `powerflow etl|backtest --weather` end to end on every weather format
  // with one fixture server started once for the file.
  {
    files: [
      "tests/etl/extract/csv-extract.property.test.ts",
      "tests/runner/params/parameters.property.test.ts",
      "tests/cli/weather.test.ts",
    ],
    rules: { "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }] },
  },
];

export default tseslint.config(
  {
    ignores: [
      ".tmp/",
      "node_modules/",
      "dist/",
      ".tools/",
      "reports/",
      "data/",
      "coverage/",
      "tests/fixtures/",
      "tests/golden/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ["*.js", "bin/*.js", "bin/*.cjs", "bench/*.js", "scripts/*.js"],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-floating-promises": "error",
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
  ...LAYER_RULES,
  ...SIZE_RULES,
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      // plain JS is linted without type information, so it needs no tsconfig project
      parserOptions: { projectService: false, project: false },
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        require: "readonly",
        __dirname: "readonly",
        module: "writable",
      },
    },
  },
);
