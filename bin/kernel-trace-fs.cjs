// The fs and module-loading hooks of the read trace (see kernel-read-trace.cjs): each hooked call
// tells the trace what it reads, lists, probes or writes before it runs.
"use strict";
const fs = require("node:fs");

// [function names, what their first (or second, for `to`) path argument is]
const FS_HOOKS = [
  [["readFileSync", "readFile", "createReadStream"], "file"],
  [["readdirSync", "readdir", "opendirSync", "opendir"], "listing"],
  [
    ["existsSync", "exists", "statSync", "stat", "lstatSync", "lstat", "accessSync", "access"],
    "probe",
  ],
  [["writeFileSync", "writeFile", "appendFileSync", "appendFile", "createWriteStream"], "write"],
  [
    ["truncateSync", "truncate", "unlinkSync", "unlink", "rmSync", "rm", "rmdirSync", "rmdir"],
    "write",
  ],
  [
    ["copyFileSync", "copyFile", "cpSync", "cp", "renameSync", "rename", "linkSync", "link"],
    "move",
  ],
  [["symlinkSync", "symlink"], "to"],
  [["mkdirSync", "mkdir"], "folder"],
  [["globSync", "glob"], "glob"],
  [["openSync", "open"], "open"],
];
const PROMISE_HOOKS = [
  [["readFile"], "file"],
  [["readdir", "opendir"], "listing"],
  [["stat", "lstat", "access"], "probe"],
  [["writeFile", "appendFile", "truncate", "unlink", "rm", "rmdir"], "write"],
  [["copyFile", "cp", "rename", "link"], "move"],
  [["symlink"], "to"],
  [["mkdir"], "folder"],
  [["glob"], "glob"],
  [["open"], "open"],
];

function hookFs(trace) {
  const note = {
    file: (args) => trace.file(args[0]),
    listing: (args) => trace.listing(args[0]),
    probe: (args) => trace.probe(args[0]),
    write: (args) => trace.write(args[0]),
    move: (args) => {
      trace.write(args[1]);
      // a file moved or copied away was read (copy) or is gone (rename): both are seen at the end
      trace.file(args[0]);
    },
    to: (args) => trace.write(args[1]),
    folder: (args) => trace.newFolder(args[0]),
    glob: (args) => trace.glob(args[0], typeof args[1] === "object" ? args[1] : undefined),
    open: (args) => {
      const mode = openMode(args[1]);
      if (mode === "write") trace.write(args[0]);
      else trace.file(args[0]);
    },
  };
  for (const [names, kind] of FS_HOOKS) for (const name of names) wrap(fs, name, note[kind]);
  for (const [names, kind] of PROMISE_HOOKS)
    for (const name of names) wrap(fs.promises, name, note[kind]);
  wrapMkdtemp(fs, "mkdtempSync", trace);
  wrapMkdtemp(fs, "mkdtemp", trace);
  wrapMkdtemp(fs.promises, "mkdtemp", trace);
  // ES modules that import { readFile } from "node:fs" see the hooked functions too.
  require("node:module").syncBuiltinESMExports();
}

function openMode(flags) {
  if (flags === undefined || flags === null) return "read";
  if (typeof flags === "number") {
    const access = flags & 3;
    if (access === fs.constants.O_RDONLY) return "read";
    return access === fs.constants.O_WRONLY || flags & fs.constants.O_TRUNC ? "write" : "both";
  }
  const text = String(flags);
  if (text.startsWith("w")) return "write";
  if (text.startsWith("a")) return text.includes("+") ? "both" : "write";
  return text.includes("+") ? "both" : "read";
}

// mkdtemp creates a folder the run owns: its path is known only from the result.
function wrapMkdtemp(owner, name, trace) {
  const fn = owner[name];
  if (typeof fn !== "function") return;
  const own = (dir) => {
    if (typeof dir === "string") trace.newFolder(dir);
    return dir;
  };
  owner[name] = copyProps(fn, function (...args) {
    if (name === "mkdtempSync") return own(fn.apply(this, args));
    const callback = typeof args.at(-1) === "function" ? args.pop() : undefined;
    if (callback) return fn.call(this, ...args, (error, dir) => callback(error, own(dir)));
    return fn.apply(this, args).then(own);
  });
}

function wrap(owner, name, before) {
  const fn = owner?.[name];
  if (typeof fn !== "function") return;
  owner[name] = copyProps(fn, function (...args) {
    try {
      before(args);
    } catch {
      // tracing never breaks the call it watches
    }
    return fn.apply(this, args);
  });
}

// Keeps name, length and symbols such as util.promisify.custom.
function copyProps(from, to) {
  for (const key of Reflect.ownKeys(from)) {
    if (key === "prototype") continue;
    const descriptor = Object.getOwnPropertyDescriptor(from, key);
    try {
      Object.defineProperty(to, key, descriptor);
    } catch {
      // non-configurable on the wrapper: left as it is
    }
  }
  return to;
}

function hookModules(trace) {
  const moduleApi = require("node:module");
  if (typeof moduleApi.registerHooks === "function") {
    moduleApi.registerHooks({
      load(url, context, nextLoad) {
        if (trace.active && url.startsWith("file:")) trace.file(new URL(url), "module");
        return nextLoad(url, context);
      },
    });
  }
  const dlopen = process.dlopen;
  process.dlopen = function (module, filename, ...rest) {
    trace.reason(`loaded the native addon ${filename}, whose reads are not seen`);
    return dlopen.call(this, module, filename, ...rest);
  };
}

module.exports = { hookFs, hookModules, wrap, copyProps };
