// Read tracing in the real tslab kernel: what a notebook's execution read reaches its manifest.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../../src/runner/manifest/run-manifest.js";
import { runNotebooks, type RunSummary } from "../../../src/runner/run-notebooks.js";
import { startFixtureServer, type FixtureServer } from "../../helpers/http-fixture-server.js";
import {
  cleanedTempDirs,
  codeNotebook,
  FIXED_PROVENANCE,
  quietEffects,
  readJson,
} from "../helpers/run-fixture.js";

const tempDir = cleanedTempDirs();
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

const CSV = `Datetime,ZONE_MW\n${Array.from(
  { length: 48 },
  (_, h) =>
    `2021-01-0${1 + Math.floor(h / 24)} ${String(h % 24).padStart(2, "0")}:00:00,${100 + h}`,
).join("\n")}\n`;
const BODY = '{"load": [1, 2, 3]}';
let body = BODY;

let work = "";
let server: FixtureServer;
let tcp: Server;
let tcpPort = 0;
let summary: RunSummary;
let traced: RunManifest;
let plain: RunManifest;

beforeAll(async () => {
  work = await tempDir("powerflow-read-trace-");
  server = await startFixtureServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(body);
  });
  tcp = createServer((socket) => socket.end("raw bytes"));
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  tcpPort = (tcp.address() as { port: number }).port;
  const file = (name: string): string => JSON.stringify(join(work, name));
  await writeFile(join(work, "load.csv"), CSV);
  await writeFile(join(work, "note.txt"), "a note");
  await writeFile(join(work, "grows.txt"), "start");
  await writeFile(
    join(work, "traced.ipynb"),
    codeNotebook({
      imports: 'import { readLoadSeries } from "./src/index";\nimport * as fs from "node:fs";',
      load: `const raw = await readLoadSeries(${file("load.csv")}, { tz: "UTC" });\nconsole.log(raw.series.length);`,
      files: [
        `fs.readFileSync(${file("note.txt")}, "utf8");`,
        `await fs.promises.readFile(${file("note.txt")});`,
        `for await (const _ of fs.createReadStream(${file("note.txt")})) {}`,
        `fs.readdirSync(${JSON.stringify(work)});`,
        `fs.existsSync(${file("missing.txt")});`,
        'fs.closeSync(fs.openSync("/proc/self/exe", "r"));',
        'fs.readFileSync("/proc/self/status", "utf8");',
      ].join("\n"),
      env: 'process.env.PF_OWN = "mine";\nconsole.log(process.env.PF_TRACE_TEST, process.env.PF_OWN);',
      own: `fs.writeFileSync(${file("own.txt")}, "x");\nfs.readFileSync(${file("own.txt")});`,
      grows: `fs.readFileSync(${file("grows.txt")});\nfs.appendFileSync(${file("grows.txt")}, " more");`,
      net: `const response = await fetch("${server.baseUrl}/data.json");\nconsole.log(await response.text());`,
      get: `await new Promise((done) => require("node:http").get("${server.baseUrl}/get.json", (res) => { res.resume(); res.on("end", done); }));`,
      child: 'require("node:child_process").execFileSync("true");',
      tcp: `await new Promise((done) => require("node:net").connect(${tcpPort}, "127.0.0.1").on("close", done).resume());`,
    }),
  );
  await writeFile(
    join(work, "plain.ipynb"),
    codeNotebook({
      imports: 'import { readLoadSeries } from "./src/index";',
      load: `console.log((await readLoadSeries(${file("load.csv")}, { tz: "UTC" })).series.length);`,
    }),
  );
  process.env.PF_TRACE_TEST = "from the runner";
  summary = await runNotebooks(
    [join(work, "traced.ipynb"), join(work, "plain.ipynb")],
    quietEffects(),
    {
      out: join(work, "out"),
      provenance: FIXED_PROVENANCE,
      jobs: 2,
    },
  );
  delete process.env.PF_TRACE_TEST;
  traced = await readJson<RunManifest>(join(work, "out", "traced.manifest.json"));
  plain = await readJson<RunManifest>(join(work, "out", "plain.manifest.json"));
}, 120_000);

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => tcp?.close(resolve));
});

const paths = (m: RunManifest, via?: string): string[] =>
  (m.reads?.files ?? []).filter((f) => via === undefined || f.via === via).map((f) => f.path);

describe("read tracing in the tslab kernel", () => {
  it("runNotebooks records a data file read only through a src/ function, with its SHA-256", () => {
    expect(summary.failed).toEqual([]);
    const csv = traced.reads?.files.find((f) => f.path === join(work, "load.csv"));
    expect(csv).toEqual({
      path: join(work, "load.csv"),
      sha256: sha256(CSV),
      bytes: CSV.length,
      via: "fs",
    });
  });

  it("records the src/ modules the notebook loaded and the kernel's own code, none of node_modules", () => {
    const module =
      summary.sources.kind === "prebuilt"
        ? "dist/src/etl/read-load-series.js"
        : "src/etl/read-load-series.ts";
    expect(paths(traced)).toContain(module);
    expect(paths(traced, "kernel")).toEqual(
      expect.arrayContaining(["bin/tslab-kernel.cjs", "bin/kernel-read-trace.cjs"]),
    );
    expect(paths(traced).filter((p) => p.includes("node_modules"))).toEqual([]);
    // tslab's in-memory cell files are not reads
    expect(JSON.stringify(traced.reads)).not.toContain("__tslab__");
  });

  it("records sync, promise and stream reads, a folder listing and a probe of a missing file", () => {
    expect(traced.reads?.files).toContainEqual({
      path: join(work, "note.txt"),
      sha256: sha256("a note"),
      bytes: 6,
      via: "fs",
    });
    expect(traced.reads?.listings.map((l) => [l.kind, l.path])).toContainEqual(["readdir", work]);
    expect(traced.reads?.probes).toContainEqual({
      path: join(work, "missing.txt"),
      type: "absent",
    });
  });

  it("records environment variables by name and value hash, not those the notebook set itself", () => {
    expect(traced.reads?.env).toContainEqual({
      name: "PF_TRACE_TEST",
      sha256: sha256("from the runner"),
    });
    expect(traced.reads?.env.map((e) => e.name)).not.toContain("PF_OWN");
  });

  it("leaves out files the run wrote before reading them", () => {
    expect(paths(traced)).not.toContain(join(work, "own.txt"));
  });

  it("makes the run non-cacheable for a file changed during it, a network read and a child process", () => {
    expect(traced.cache?.key).toBeNull();
    const reasons = traced.cache?.reasons.join("\n") ?? "";
    expect(reasons).toContain(`${join(work, "grows.txt")} changed during the run`);
    expect(reasons).toMatch(
      /read the network \(GET http:\/\/127\.0\.0\.1:\d+\/data\.json\); powerflow run --cache-http/,
    );
    expect(reasons).toMatch(/started a child process \(true\)/);
    expect(reasons).toContain(
      `opened a network connection to 127.0.0.1:${tcpPort} (not HTTP: its data is not seen)`,
    );
    // the kernel's own Node binary is covered by the key's Node version; /proc/self/status is not
    expect(reasons).toContain("read /proc/self/status, whose content changes by itself");
    expect(reasons).not.toContain("/proc/self/exe");
    expect(paths(traced).filter((p) => p.startsWith("/proc"))).toEqual([]);
    expect(traced.reads?.network).toEqual([
      { url: `${server.baseUrl}/data.json`, method: "GET", status: 200, sha256: sha256(BODY) },
      { url: `${server.baseUrl}/get.json`, method: "GET", status: 200, sha256: sha256(BODY) },
    ]);
  });

  it("keys a run that read only files, with its basis", () => {
    expect(plain.cache?.reasons).toEqual([]);
    expect(plain.cache?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(plain.cache?.basis).toMatchObject({
      powerflow: "test",
      lockfileSha256: "test",
      node: process.version,
      sources: summary.sources.kind,
      options: { noInput: false, allowErrors: false, cacheHttp: false },
    });
  });

  it("with --cache-http, keys a run on the response and runs it again only when the response changed", async () => {
    await writeFile(
      join(work, "http.ipynb"),
      codeNotebook({
        net: `const response = await fetch("${server.baseUrl}/http.json");\nconsole.log(await response.text());`,
      }),
    );
    const started: string[] = [];
    const run = () =>
      runNotebooks([join(work, "http.ipynb")], quietEffects(), {
        out: join(work, "out-http"),
        provenance: FIXED_PROVENANCE,
        cacheHttp: true,
        onKernelStarted: (name) => started.push(name),
      });
    await run();
    const manifest = await readJson<RunManifest>(join(work, "out-http", "http.manifest.json"));
    expect(manifest.cache?.reasons).toEqual([]);
    expect(manifest.reads?.network.map((r) => r.sha256)).toEqual([sha256(BODY)]);
    const requests = server.requests.length;
    expect((await run()).reused).toHaveLength(1);
    // the runner fetched it again to check it
    expect(server.requests.length).toBe(requests + 1);
    body = '{"load": [4]}';
    try {
      await run();
    } finally {
      body = BODY;
    }
    expect(started).toEqual(["http", "http"]);
  }, 90_000);
});
