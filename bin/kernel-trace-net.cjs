// The environment, network and child-process hooks of the read trace (see kernel-read-trace.cjs).
"use strict";
const { Buffer } = require("node:buffer");
const { createHash } = require("node:crypto");
const { copyProps, wrap } = require("./kernel-trace-fs.cjs");
function hookEnv(trace) {
  const real = process.env;
  process.env = new Proxy(real, {
    get(target, key) {
      if (typeof key === "string") trace.env(key);
      return Reflect.get(target, key);
    },
    has(target, key) {
      if (typeof key === "string") trace.env(key);
      return Reflect.has(target, key);
    },
    set(target, key, value) {
      if (typeof key === "string") trace.envSet(key);
      target[key] = value;
      return true;
    },
    deleteProperty(target, key) {
      if (typeof key === "string") trace.envSet(key);
      delete target[key];
      return true;
    },
  });
}

function hookNetwork(trace) {
  const fetch = globalThis.fetch;
  if (typeof fetch === "function") {
    globalThis.fetch = function (input, init) {
      const record = trace.active ? describeFetch(trace, input, init) : undefined;
      const response = fetch.call(this, input, init);
      if (record) void hashFetchBody(response, record);
      return response;
    };
  }
  for (const name of ["http", "https"]) {
    const mod = require(`node:${name}`);
    for (const method of ["request", "get"]) {
      const fn = mod[method];
      mod[method] = copyProps(fn, function (...args) {
        const req = fn.apply(this, args);
        try {
          traceClientRequest(trace, req);
        } catch {
          // tracing never breaks the call it watches
        }
        return req;
      });
    }
  }
  const net = require("node:net");
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    try {
      if (trace.active) trace.socket(endpointOfConnect(args));
    } catch {
      // tracing never breaks the call it watches
    }
    return connect.apply(this, args);
  };
}

// socket.connect(options | port[, host] | path); net.connect passes its arguments normalised
// into one array ([options, callback]).
function endpointOfConnect(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null)
    return String(first.path ?? `${first.host ?? "localhost"}:${first.port}`);
  if (typeof first === "string" && !/^\d+$/.test(first)) return first;
  return `${typeof args[1] === "string" ? args[1] : "localhost"}:${first}`;
}

function describeFetch(trace, input, init) {
  try {
    const request = input instanceof globalThis.Request ? input : undefined;
    return trace.request({
      url: String(request ? request.url : input instanceof URL ? input.href : input),
      method: String(init?.method ?? request?.method ?? "GET").toUpperCase(),
      credentials: hasCredentials(new globalThis.Headers(init?.headers ?? request?.headers)),
      body: init?.body !== undefined && init?.body !== null,
      status: null,
      sha256: null,
    });
  } catch {
    return undefined; // tracing never breaks the call it watches (fetch reports bad arguments)
  }
}

function hasCredentials(headers) {
  return ["authorization", "cookie", "proxy-authorization"].some((h) => headers.has(h));
}

async function hashFetchBody(response, record) {
  try {
    const res = await response;
    record.status = res.status;
    const hash = createHash("sha256");
    const body = res.clone().body;
    if (body) for await (const chunk of body) hash.update(chunk);
    record.sha256 = hash.digest("hex");
  } catch {
    // failed or aborted: no hash, so not cacheable
  }
}

function traceClientRequest(trace, req) {
  if (!trace.active) return;
  const host = req.getHeader("host") ?? req.host;
  const record = trace.request({
    url: `${req.protocol}//${host}${req.path}`,
    method: String(req.method).toUpperCase(),
    credentials: ["authorization", "cookie", "proxy-authorization"].some(
      (h) => req.getHeader(h) !== undefined,
    ),
    body: false,
    status: null,
    sha256: null,
  });
  const write = req.write;
  req.write = function (...args) {
    record.body = true;
    return write.apply(this, args);
  };
  const emit = req.emit;
  req.emit = function (event, ...args) {
    if (event === "response") hashIncoming(args[0], record);
    return emit.call(this, event, ...args);
  };
}

// The HTTP parser pushes each body chunk into the response, then null at its end.
function hashIncoming(res, record) {
  record.status = res.statusCode;
  const hash = createHash("sha256");
  const push = res.push;
  res.push = function (chunk, encoding) {
    if (chunk === null) {
      record.sha256 = hash.digest("hex");
      res.push = push;
    } else if (chunk) hash.update(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
    return push.call(this, chunk, encoding);
  };
}

function hookOpaque(trace) {
  const childProcess = require("node:child_process");
  for (const name of [
    "spawn",
    "spawnSync",
    "exec",
    "execSync",
    "execFile",
    "execFileSync",
    "fork",
  ]) {
    wrap(childProcess, name, (args) =>
      trace.reason(
        `started a child process (${String(args[0]).split(/\s/)[0]}), whose reads are not seen`,
      ),
    );
  }
  const workers = require("node:worker_threads");
  const Worker = workers.Worker;
  workers.Worker = class extends Worker {
    constructor(...args) {
      trace.reason("started a worker thread, whose reads are not seen");
      super(...args);
    }
  };
}

module.exports = { hookEnv, hookNetwork, hookOpaque };
