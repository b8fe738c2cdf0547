// Read tracing inside the tslab kernel: what a notebook's execution read, so `powerflow run` can
// tell whether a report is still fresh without starting a kernel (src/runner/freshness/).
// Installed by bin/tslab-kernel.cjs before anything else loads; it records nothing until the
// first cell starts (`start()`, called by tslab-hooks.cjs), so the kernel's own start-up is left
// out. From then on it records:
// - files read: fs reads (sync, callback, promise), streams, fs.open for reading, and module
//   loading (require and import, through module.registerHooks), each with its size and mtime at
//   the first read; the runner hashes them after the last cell and compares: a file that changed
//   during the run makes the notebook non-cacheable;
// - directory listings (readdir, opendir) and globs, with a hash of the sorted names;
// - existence probes (exists, stat, access): file, directory or absent;
// - environment variables read (a Proxy over process.env): name and a hash of the value the
//   kernel was started with; names the run set itself before reading them are its own;
// - network reads: fetch and http(s) requests by URL, with the response body's hash; any other
//   connection (a database, say) is a reason the notebook is non-cacheable;
// - what it cannot see through: child processes, worker threads and native addons (their reads
//   bypass these hooks): each is a reason the notebook is non-cacheable.
// Left out on principle: files under <root>/node_modules (the lockfile's hash stands for them),
// files the run itself wrote before reading them (its own outputs), tslab's in-memory cell files
// and /proc/self/exe (the kernel's Node, whose version the key holds); other files under /proc,
// /sys and /dev change by themselves, and reading one makes the run non-cacheable. The kernel's own code from this checkout (bin/*.cjs) is listed as read by "kernel".
// The runner asks for `snapshot()` through kernel_info_reply (`powerflow.reads`).
"use strict";
const { Buffer } = require("node:buffer");
const fs = require("node:fs");
const path = require("node:path");
const { createHash } = require("node:crypto");
const { fileURLToPath } = require("node:url");
const { hookFs, hookModules } = require("./kernel-trace-fs.cjs");
const { hookEnv, hookNetwork, hookOpaque } = require("./kernel-trace-net.cjs");

// Set by the runner for the kernel's plumbing, or covered by the cache key otherwise:
// JPY_PARENT_PID is the runner's pid (new every run), POWERFLOW_KERNEL_PREBUILT the key's
// `sources`.
const PLUMBING_ENV = new Set(["JPY_PARENT_PID", "POWERFLOW_KERNEL_PREBUILT"]);
// Contents that change by themselves: reading them makes a notebook non-cacheable. Except
// /proc/self/exe, the kernel's own Node binary (detect-libc reads its ELF header), whose version
// is part of the cache key.
const VOLATILE = /^\/(proc|sys|dev)(\/|$)/;
const OWN_EXECUTABLE = "/proc/self/exe";
// tslab compiles each cell as these files, served from memory (node_modules/tslab/dist/converter.js).
const TSLAB_VIRTUAL = /^__(tslab|prev)__\.(d\.)?[jt]s$/;

/**
 * Installs the hooks; `env` is the environment the kernel was started with (before the launcher
 * changed it). Returns `{ start(), started, snapshot() }`.
 */
function installReadTrace({ root, env }) {
  const trace = createTrace(root, env);
  hookFs(trace);
  hookModules(trace);
  hookEnv(trace);
  hookNetwork(trace);
  hookOpaque(trace);
  return {
    start: () => trace.start(),
    get started() {
      return trace.active;
    },
    snapshot: () => trace.snapshot(),
  };
}

function createTrace(root, launchEnv) {
  const packages = path.join(root, "node_modules");
  const statSync = fs.statSync;
  const readdirSync = fs.readdirSync;
  const globSync = fs.globSync;
  const files = new Map();
  const listings = new Map();
  const probes = new Map();
  const env = new Map();
  const envSet = new Set();
  const written = new Set();
  const network = [];
  const sockets = new Map();
  const reasons = new Set();
  const t = {
    active: false,
    start() {
      if (t.active) return;
      t.active = true;
      // The kernel's own code from this checkout shapes every output: it is an input too.
      for (const file of Object.keys(require.cache)) {
        if (inProject(file)) files.set(file, { via: "kernel", first: statOf(file) });
      }
    },
    /** The absolute path of `arg` when it is to be traced now, else undefined. */
    pathOf(arg) {
      if (!t.active) return undefined;
      let file;
      if (typeof arg === "string") file = path.resolve(arg);
      else if (arg instanceof URL) file = arg.protocol === "file:" ? fileURLToPath(arg) : undefined;
      else if (Buffer.isBuffer(arg)) file = path.resolve(arg.toString());
      if (file === undefined || !traced(file) || ownOutput(file)) return undefined;
      return file;
    },
    file(arg, via = "fs") {
      const file = t.pathOf(arg);
      if (file === undefined || files.has(file) || file === OWN_EXECUTABLE) return;
      if (VOLATILE.test(file))
        return void reasons.add(`read ${file}, whose content changes by itself`);
      const first = statOf(file);
      if (first && first.type !== "file" && first.type !== "dir")
        reasons.add(`read ${file}, which is not a regular file`);
      files.set(file, { via, first });
    },
    listing(arg) {
      const dir = t.pathOf(arg);
      if (dir === undefined || listings.has(`dir:${dir}`)) return;
      let names = null;
      try {
        names = readdirSync(dir).map(String).sort();
      } catch {
        // absent or not a folder: recorded as such
      }
      listings.set(`dir:${dir}`, { kind: "readdir", path: dir, ...namesHash(names) });
    },
    glob(pattern, options) {
      if (!t.active || typeof globSync !== "function") return;
      const cwd = path.resolve(typeof options?.cwd === "string" ? options.cwd : process.cwd());
      const patterns = [pattern].flat().map(String);
      const key = `glob:${cwd}\0${patterns.join("\0")}`;
      if (listings.has(key)) return;
      let names = null;
      try {
        names = globSync(patterns, { cwd }).map(String).sort();
      } catch {
        // an invalid pattern fails in the caller too
      }
      listings.set(key, { kind: "glob", path: cwd, patterns, ...namesHash(names) });
    },
    probe(arg) {
      const file = t.pathOf(arg);
      if (file === undefined || probes.has(file)) return;
      probes.set(file, statOf(file)?.type ?? "absent");
    },
    write(arg) {
      if (!t.active) return;
      const file =
        typeof arg === "string" || Buffer.isBuffer(arg)
          ? path.resolve(String(arg))
          : arg instanceof URL && arg.protocol === "file:"
            ? fileURLToPath(arg)
            : undefined;
      // A file read before it was written keeps its record: its change is seen at the end.
      if (file !== undefined && !files.has(file)) written.add(file);
    },
    /** Marks `dir` as the run's own when it does not exist yet (mkdir, mkdtemp). */
    newFolder(arg) {
      if (!t.active || typeof arg !== "string") return;
      const dir = path.resolve(arg);
      if (statOf(dir) === null) written.add(dir);
    },
    env(name) {
      if (!t.active || env.has(name) || envSet.has(name) || PLUMBING_ENV.has(name)) return;
      const value = launchEnv[name];
      env.set(name, value === undefined ? null : sha256(value));
    },
    envSet(name) {
      if (t.active && !env.has(name)) envSet.add(name);
    },
    request(record) {
      if (!t.active) return undefined;
      network.push(record);
      return record;
    },
    socket(endpoint) {
      if (t.active && !sockets.has(endpoint)) sockets.set(endpoint, true);
    },
    reason(text) {
      if (t.active) reasons.add(text);
    },
    snapshot() {
      const named = new Set([...files.keys(), ...[...listings.values()].map((l) => l.path)]);
      const http = new Set(network.map((r) => endpointOf(r.url)));
      const other = [...sockets.keys()].filter((endpoint) => !http.has(endpoint));
      return {
        version: 1,
        files: [...files].map(([file, r]) => ({ path: file, via: r.via, first: r.first })),
        listings: [...listings.values()],
        probes: [...probes]
          .filter(([file]) => !named.has(file))
          .map(([file, type]) => ({ path: file, type })),
        env: [...env].map(([name, hash]) => ({ name, sha256: hash })),
        network: network.map((r) => ({ ...r })),
        reasons: [
          ...reasons,
          ...other.map(
            (e) => `opened a network connection to ${e} (not HTTP: its data is not seen)`,
          ),
        ],
      };
    },
  };

  function inProject(file) {
    const rel = path.relative(root, file);
    return !rel.startsWith("..") && !path.isAbsolute(rel) && traced(file);
  }
  function traced(file) {
    const rel = path.relative(packages, file);
    if (rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel))) return false;
    return !(path.dirname(file) === root && TSLAB_VIRTUAL.test(path.basename(file)));
  }
  function ownOutput(file) {
    for (let dir = file; ; dir = path.dirname(dir)) {
      if (written.has(dir)) return true;
      if (path.dirname(dir) === dir) return false;
    }
  }
  function statOf(file) {
    try {
      const s = statSync(file, { throwIfNoEntry: false });
      if (!s) return null;
      const type = s.isFile() ? "file" : s.isDirectory() ? "dir" : "other";
      return { type, size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return null;
    }
  }
  return t;
}

function namesHash(names) {
  return names === null
    ? { sha256: null, entries: 0 }
    : { sha256: sha256(names.join("\n")), entries: names.length };
}

function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}

function endpointOf(url) {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === "https:" ? "443" : u.protocol === "http:" ? "80" : "");
    return `${u.hostname.replace(/^\[|\]$/g, "")}:${port}`;
  } catch {
    return url;
  }
}

module.exports = { installReadTrace };
