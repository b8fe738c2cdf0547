#!/usr/bin/env node
// Keeps a kernel on a leash held by the runner that started it, for any kernelspec argv:
//   node bin/kernel-leash.cjs <connection folder> -- <kernel argv...>
// The runner starts this process in a new process group with one end of a pipe as fd 3; this
// process starts the kernel in the same group. When the runner dies in any way (SIGKILL,
// SIGHUP, a crash: no exit hook runs), the kernel closes its end of the pipe, this process
// reads end-of-file, removes the connection folder and kills the whole group.
// While the runner lives, this process mirrors the kernel: same output, same exit code or signal;
// it writes the kernel's pid to the pipe (a line of digits) once the kernel is started.
"use strict";
const { spawn } = require("node:child_process");
const { rmSync } = require("node:fs");
const net = require("node:net");

const args = process.argv.slice(2);
const dashes = args.indexOf("--");
const folder = args[0];
const argv = dashes >= 0 ? args.slice(dashes + 1) : [];
if (dashes !== 1 || argv.length === 0) {
  process.stderr.write("kernel-leash: usage: kernel-leash.cjs <connection folder> -- <argv...>\n");
  process.exit(2);
}

// The runner signals the whole group: an interrupt (SIGINT) is for the kernel, not for us.
process.on("SIGINT", () => undefined);
let kernel;
for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => kernel?.kill(signal));

const leash = new net.Socket({ fd: 3, readable: true, writable: true });
leash.on("data", () => undefined);
leash.on("end", parentGone);
leash.on("error", parentGone);

function parentGone() {
  rmSync(folder, { recursive: true, force: true });
  try {
    process.kill(-process.pid, "SIGKILL");
  } catch {
    kernel?.kill("SIGKILL");
    process.exit(1);
  }
}

kernel = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "inherit", "inherit"] });
if (kernel.pid !== undefined) leash.write(`${kernel.pid}\n`);
kernel.on("error", (error) => {
  process.stderr.write(`kernel could not start: ${error.message}\n`);
  process.exit(127);
});
kernel.on("exit", (code, signal) => {
  leash.destroy();
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
});
