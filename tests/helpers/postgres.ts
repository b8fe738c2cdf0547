/**
 * Throwaway PostgreSQL servers for tests. `startPostgresCluster` runs the machine's own
 * `initdb` + `pg_ctl` (from /usr/lib/postgresql/<version>/bin) into a temp folder on a free
 * port — as the unprivileged `postgres` (or `nobody`) user when the tests run as root, because
 * initdb refuses root — and `startPglite` serves embedded PGlite (real Postgres in WASM) over a
 * socket so `pg` talks to it exactly as to a server. Both return a connection URL and `stop`.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A running test database. */
export interface TestPostgres {
  /** e.g. postgres://postgres@127.0.0.1:54012/postgres */
  url: string;
  stop(): Promise<void>;
}

/** The newest /usr/lib/postgresql/<v>/bin holding initdb and pg_ctl, or undefined. */
export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter(
      (v) =>
        existsSync(join(root, v, "bin", "initdb")) && existsSync(join(root, v, "bin", "pg_ctl")),
    )
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], "bin");
}

/** Why the real-server tests are skipped here, or undefined when they can run. */
export function postgresSkipReason(): string | undefined {
  if (postgresBinDir() === undefined)
    return "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin";
  if (process.getuid?.() === 0 && unprivilegedUser() === undefined)
    return "running as root and no unprivileged user (postgres/nobody) to run initdb";
  return undefined;
}

/** Returns a port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a fresh cluster (trust auth, fsync off, 127.0.0.1 only); `stop` removes it. */
export async function startPostgresCluster(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error(postgresSkipReason());
  const dir = await mkdtemp(join(tmpdir(), "powerflow-pg-"));
  const user = process.getuid?.() === 0 ? unprivilegedUser() : undefined;
  if (user !== undefined) await chown(dir, user.uid, user.gid);
  const as = (cmd: string, args: string[]) =>
    user === undefined
      ? run(join(bin, cmd), args)
      : run("runuser", ["-u", user.name, "--", join(bin, cmd), ...args]);
  const data = join(dir, "data");
  const port = await freePort();
  try {
    await as("initdb", [
      "-D",
      data,
      "-A",
      "trust",
      "-U",
      "postgres",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await as("pg_ctl", [
      "-D",
      data,
      "-o",
      settings,
      "-l",
      join(dir, "server.log"),
      "-w",
      "-t",
      "60",
      "start",
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The URL of an existing server to test against (CI's service container), if any. */
export const EXTERNAL_POSTGRES_URL = process.env.POWERFLOW_TEST_DATABASE_URL || undefined;

/**
 * Uses the server at POWERFLOW_TEST_DATABASE_URL: creates a private schema there, returns a URL
 * whose connections see only that schema (search_path), and drops it on `stop`.
 */
export async function useExternalPostgres(): Promise<TestPostgres> {
  if (EXTERNAL_POSTGRES_URL === undefined)
    throw new Error("POWERFLOW_TEST_DATABASE_URL is not set");
  const { default: pg } = await import("pg");
  const schema = `powerflow_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: EXTERNAL_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(EXTERNAL_POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.href,
    stop: async () => {
      const client = new pg.Client({ connectionString: EXTERNAL_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Starts embedded PGlite behind a PostgreSQL wire-protocol socket on 127.0.0.1. */
export async function startPglite(): Promise<TestPostgres> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create();
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 4 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

function unprivilegedUser(): { name: string; uid: number; gid: number } | undefined {
  for (const name of ["postgres", "nobody"]) {
    try {
      const line = readPasswd().find((l) => l.startsWith(`${name}:`));
      if (line === undefined) continue;
      const [, , uid, gid] = line.split(":");
      return { name, uid: Number(uid), gid: Number(gid) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function readPasswd(): string[] {
  return readFileSync("/etc/passwd", "utf8").split("\n");
}
