// Every credential form an ETL input may carry, run through every place `powerflow etl` writes:
// the local folder (CSV, Parquet metadata, quarantine, manifest), a git remote (commit message
// and committed files), Cloud Storage (objects and their metadata), the log lines and error
// messages. A real PostgreSQL server and a real HTTP server answer, so the runs succeed.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGcsServer, type FakeGcsServer } from "../helpers/fake-gcs-server.js";
import {
  postgresSkipReason,
  startPostgresCluster,
  type TestPostgres,
} from "../helpers/postgres.js";
import { runCli } from "../helpers/run-cli.js";

const skip = postgresSkipReason();
const CSV = `ts,load_mw\n${Array.from(
  { length: 48 },
  (_, h) => `${new Date(Date.UTC(2024, 5, 1, h)).toISOString()},${1000 + h}`,
).join("\n")}\n`;

/** Each form: the input (with HOST standing for the server) and the strings that must not leak. */
const FORMS: {
  form: string;
  input: (pgHost: string, httpHost: string) => string;
  leaks: string[];
}[] = [
  {
    form: "URL password",
    input: (h) => `postgres://postgres:LeakA1pw@${h}/postgres?table=load`,
    leaks: ["LeakA1pw"],
  },
  {
    form: "URL password holding @",
    input: (h) => `postgres://postgres:Pw@ssLeakB2@${h}/postgres?table=load`,
    leaks: ["ssLeakB2", "Pw@ss", "Pw%40ss"],
  },
  {
    form: "URL password without user",
    input: (h) => `postgres://:LeakC3pw@${h}/postgres?table=load&user=postgres`,
    leaks: ["LeakC3pw"],
  },
  {
    form: "?password=",
    input: (h) => `postgres://postgres@${h}/postgres?table=load&password=LeakD4pw`,
    leaks: ["LeakD4pw"],
  },
  {
    form: "?sslpassword=",
    input: (h) => `postgres://postgres@${h}/postgres?table=load&sslpassword=LeakE5pw`,
    leaks: ["LeakE5pw"],
  },
  {
    form: "signed URL and token",
    input: (_, h) =>
      `http://${h}/load.csv?X-Goog-Credential=LeakF6cred&X-Goog-Signature=LeakG7sig&token=LeakH8tok`,
    leaks: ["LeakF6cred", "LeakG7sig", "LeakH8tok"],
  },
];

let db: TestPostgres;
let http: Server;
let httpHost = "";
let gcs: FakeGcsServer;
let dir: string;

beforeAll(async () => {
  if (skip) return;
  dir = await mkdtemp(join(tmpdir(), "pf-etl-leaks-"));
  db = await startPostgresCluster();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    `CREATE TABLE load AS SELECT timestamptz '2024-06-01 00:00+00' + (i || ' hours')::interval AS ts, 1000.0 + i AS load_mw FROM generate_series(0, 47) AS i`,
  );
  await client.end();
  http = createServer((req, res) => {
    if (req.url?.startsWith("/missing")) res.writeHead(404).end("no such object");
    else res.writeHead(200, { "content-type": "text/csv" }).end(CSV);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const address = http.address();
  httpHost = `127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  gcs = await startFakeGcsServer();
  gcs.createBucket("pf-data");
}, 120_000);

afterAll(async () => {
  if (skip) return;
  await db?.stop();
  await new Promise((resolve) => http?.close(resolve));
  await gcs?.close();
  await rm(dir, { recursive: true, force: true });
});

const git = (...args: string[]) => execFileSync("git", args, { encoding: "latin1" });

async function folderText(folder: string): Promise<string> {
  const names = await readdir(folder);
  const parts = await Promise.all(names.map((n) => readFile(join(folder, n), "latin1")));
  return names.join("\n") + parts.join("\n");
}

function expectNoLeak(where: string, text: string, leaks: readonly string[]): void {
  for (const leak of leaks) expect(text, `${where} holds "${leak}"`).not.toContain(leak);
}

describe.skipIf(skip !== undefined)(
  `powerflow etl writes no credential anywhere${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    it.each(FORMS)(
      "powerflow etl with a $form leaves it out of files, git, GCS, logs and errors",
      async ({ form, input, leaks }) => {
        const pgHost = new URL(db.url).host;
        const source = input(pgHost, httpHost);
        const etl = (input: string, ...args: string[]) =>
          runCli(["etl", "--input", input, "--time-col", "ts", "--value-col", "load_mw", ...args]);
        const slug = form.replace(/\W+/g, "-");
        // local folder: CSV, Parquet (key-value metadata), quarantine, manifest; logs on stderr
        const out = join(dir, slug);
        const local = await etl(source, "--out", out, "--debug");
        expect(local.code, local.stderr).toBe(0);
        expectNoLeak("local outputs", await folderText(out), leaks);
        expectNoLeak("stderr", local.stderr + local.stdout, leaks);
        expect(await folderText(out)).toMatch(/powerflow\.input/);
        // git remote: commit message and committed files
        const bare = join(dir, `${slug}.git`);
        git("init", "-q", "--bare", bare);
        const toGit = await etl(source, "--out", `git+file://${bare}#main`);
        expect(toGit.code, toGit.stderr).toBe(0);
        expectNoLeak("git commit", git("-C", bare, "log", "--all", "--format=%B"), leaks);
        const objects = git("-C", bare, "cat-file", "--batch-all-objects", "--batch");
        expect(objects).toContain("powerflow etl");
        expectNoLeak("git objects", objects, leaks);
        expectNoLeak("stderr", toGit.stderr + toGit.stdout, leaks);
        // Cloud Storage: object bytes and metadata
        const config = join(dir, `${slug}.yaml`);
        await writeFile(config, JSON.stringify({ sink: { apiEndpoint: gcs.endpoint } }));
        const toGcs = await etl(
          source,
          "--config",
          config,
          "--out",
          `gs://pf-data/${slug}`,
          "--json",
        );
        expect(toGcs.code, toGcs.stderr).toBe(0);
        const manifest = JSON.parse(toGcs.stdout) as { outputs: { location: string }[] };
        for (const o of manifest.outputs) {
          const name = o.location.replace(/^gs:\/\/pf-data\//, "").replace(/#.*$/, "");
          const stored = gcs.object("pf-data", name)!;
          expectNoLeak(`gs object ${name}`, stored.data.toString("latin1"), leaks);
          expectNoLeak(`gs metadata ${name}`, JSON.stringify(stored.metadata), leaks);
        }
        expectNoLeak("stdout manifest", toGcs.stdout + toGcs.stderr, leaks);
        // error messages: the same credentials on a source that fails
        const failing = source
          .replace("table=load", "table=missing")
          .replace("/load.csv", "/missing.csv");
        const error = await etl(failing, "--out", join(dir, `${slug}-x`));
        expect(error.code).not.toBe(0);
        expect(error.stderr).toMatch(/powerflow: /);
        expectNoLeak("error message", error.stderr, leaks);
        const debug = await etl(failing, "--out", join(dir, `${slug}-y`), "--debug");
        expectNoLeak("error stack (--debug)", debug.stderr, leaks);
      },
      60_000,
    );
  },
);
