import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInputError } from "../../../src/errors.js";
import { installKernelSpec } from "../../../src/runner/kernel/install-kernelspec.js";
import {
  builtinTslabSpec,
  findKernelSpec,
  jupyterDataPaths,
} from "../../../src/runner/kernel/kernelspec.js";
import type { Notebook } from "../../../src/runner/notebook/notebook-types.js";
import { runNotebooks, type RunSummary } from "../../../src/runner/run-notebooks.js";
import { JUPYTER, nbconvertSkipReason } from "../../helpers/jupyter.js";
import { FIXED_PROVENANCE, ROOT, quietEffects, readJson, tempDir } from "../helpers/run-fixture.js";

const exec = promisify(execFile);
let base = "";
let jupyterPath = "";
let envRun: RunSummary;
let nbconvert: { ok: boolean; output: string } | undefined;

// A kernelspec installed with `installKernelSpec` into a temp JUPYTER_PATH, plus a second spec
// with its own env: one run through each (powerflow and, when present, jupyter nbconvert).
beforeAll(async () => {
  base = await tempDir();
  jupyterPath = join(base, "jupyter");
  await installKernelSpec(quietEffects(), { jupyterPath, name: "pf-test-tslab" });
  const custom = join(jupyterPath, "kernels", "pf-env");
  await mkdir(custom, { recursive: true });
  const argv = builtinTslabSpec(ROOT).argv;
  await writeFile(
    join(custom, "kernel.json"),
    JSON.stringify({
      argv,
      display_name: "env check",
      language: "typescript",
      env: { PF_FIXTURE_ENV: "from-kernelspec:${PF_OUTER}" },
      interrupt_mode: "signal",
    }),
  );
  const broken = join(jupyterPath, "kernels", "pf-broken");
  await mkdir(broken, { recursive: true });
  await writeFile(
    join(broken, "kernel.json"),
    JSON.stringify({
      argv: ["/bin/sh", "-c", "echo cannot start >&2; exit 3", "{connection_file}"],
      display_name: "broken",
      language: "typescript",
    }),
  );
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        id: "env",
        cell_type: "code",
        metadata: {},
        source: "console.log(process.env.PF_FIXTURE_ENV, process.cwd());",
        outputs: [],
        execution_count: null,
      },
    ],
  };
  await writeFile(join(base, "env.ipynb"), JSON.stringify(notebook));
  process.env.JUPYTER_PATH = jupyterPath;
  process.env.PF_OUTER = "outer";
  const runs: Promise<unknown>[] = [
    runNotebooks([join(base, "env.ipynb")], quietEffects(), {
      out: join(base, "out"),
      kernel: "pf-env",
      provenance: FIXED_PROVENANCE,
    }).then((r) => (envRun = r)),
  ];
  if (!nbconvertSkipReason()) {
    const args = [
      "nbconvert",
      "--to",
      "notebook",
      "--execute",
      "--output-dir",
      join(base, "nbconvert"),
      "--ExecutePreprocessor.kernel_name=pf-test-tslab",
      join(ROOT, "tests/fixtures/notebooks/minimal.ipynb"),
    ];
    runs.push(
      exec(JUPYTER, args, { env: { ...process.env, JUPYTER_PATH: jupyterPath }, timeout: 120_000 })
        .then((r) => (nbconvert = { ok: true, output: r.stderr }))
        .catch((e: Error) => (nbconvert = { ok: false, output: e.message })),
    );
  }
  await Promise.all(runs);
}, 180_000);

afterAll(async () => {
  delete process.env.JUPYTER_PATH;
  delete process.env.PF_OUTER;
  await rm(base, { recursive: true, force: true });
});

describe("kernelspecs", () => {
  it("installKernelSpec writes argv with the absolute Node and launcher paths", async () => {
    const spec = JSON.parse(
      await readFile(join(jupyterPath, "kernels", "pf-test-tslab", "kernel.json"), "utf8"),
    ) as {
      argv: string[];
      language: string;
      interrupt_mode: string;
      metadata: { powerflow: { root: string } };
    };
    expect(spec.argv).toEqual([
      process.execPath,
      "--require",
      join(ROOT, "bin", "zeromq-send-queue.cjs"),
      join(ROOT, "bin", "tslab-kernel.cjs"),
      "--config-path",
      "{connection_file}",
    ]);
    expect(spec.language).toBe("typescript");
    expect(spec.interrupt_mode).toBe("signal");
    // What `powerflow run --kernel` reads to refuse another checkout's kernelspec.
    expect(spec.metadata).toEqual({ powerflow: { root: ROOT } });
    expect(findKernelSpec("pf-test-tslab").root).toBe(ROOT);
  });

  it("jupyterDataPaths lists JUPYTER_PATH first, then the user and system folders", () => {
    expect(jupyterDataPaths({ JUPYTER_PATH: "/a:/b", HOME: "/home/x" })).toEqual([
      "/a",
      "/b",
      "/home/x/.local/share/jupyter",
      "/usr/local/share/jupyter",
      "/usr/share/jupyter",
    ]);
  });

  it("findKernelSpec finds specs in JUPYTER_PATH, falls back to the built-in tslab, rejects unknown names", () => {
    expect(findKernelSpec("pf-env").env).toEqual({ PF_FIXTURE_ENV: "from-kernelspec:${PF_OUTER}" });
    expect(
      findKernelSpec("tslab", { JUPYTER_PATH: join(base, "none"), HOME: join(base, "home") })
        .resourceDir,
    ).toBeUndefined();
    let caught: unknown;
    try {
      findKernelSpec("no-such-kernel");
    } catch (error) {
      caught = error;
    }
    expect(isInputError(caught)).toBe(true);
    expect(String(caught)).toMatch(
      /unknown kernel: "no-such-kernel" \(expected one of: tslab, .*pf-env.*pf-test-tslab/,
    );
  });

  it("powerflow runs a notebook on a named kernelspec, honouring its env (with ${VAR} expansion)", async () => {
    expect(envRun.failed).toEqual([]);
    const nb = await readJson<Notebook>(join(base, "out", "env.ipynb"));
    expect(nb.cells[0]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: [`from-kernelspec:outer ${ROOT}\n`] },
    ]);
    expect(nb.metadata.kernelspec).toEqual({
      name: "pf-env",
      display_name: "env check",
      language: "typescript",
    });
  });

  it("a kernel that exits at start fails the notebook with its exit code and last output", async () => {
    const summary = await runNotebooks([join(base, "env.ipynb")], quietEffects(), {
      out: join(base, "broken-out"),
      kernel: "pf-broken",
      provenance: FIXED_PROVENANCE,
    });
    const failure = summary.failed[0]!.manifest.failures[0]!;
    expect(failure).toMatchObject({ kind: "dead", cellIndex: -1, ename: "KernelStartError" });
    expect(failure.evalue).toBe(
      'kernel "pf-broken" did not start: kernel process exited with code 3; its last output:\ncannot start',
    );
    const html = await readFile(join(base, "broken-out", "env.html"), "utf8");
    expect(html).toContain(
      "<li>kernel: KernelStartError: kernel &quot;pf-broken&quot; did not start",
    );
  });

  it("jupyter nbconvert --execute runs a notebook on the installed kernelspec", async (ctx) => {
    const skip = nbconvertSkipReason();
    if (skip) ctx.skip(skip);
    expect(nbconvert!.output).not.toMatch(/Traceback/);
    expect(nbconvert!.ok).toBe(true);
    const nb = await readJson<Notebook>(join(base, "nbconvert", "minimal.ipynb"));
    expect(nb.cells[0]!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["2\n"] },
    ]);
  });
});
