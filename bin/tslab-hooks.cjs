// PowerFlow's hooks into the tslab instance bin/tslab-kernel.cjs starts, installed before the
// kernel starts:
// - Displays reach their own cell. tslab keeps only the display writer of the cell that started
//   last, inside its own module instance (`lastWriteDisplayData` of tslab/dist/jupyter): code that
//   loads tslab from another node_modules finds nothing, and a display from a finished cell's
//   timer goes nowhere a client listens. So every cell runs in an async context that remembers
//   its writer, and `globalThis.__powerflowKernel__.callingCell()` returns the cell whose code
//   (or whose timer, promise or callback) is calling: src/runner/display.ts sends through it, or
//   reports to it, as an error output, a display that came after it finished.
// - kernel_info_reply carries `powerflow: { root, node, tslab, heap }`: the checkout, Node
//   version, tslab version and heap limit of this kernel process (`heap`: the
//   --max-old-space-size it runs with, null for none, and V8's heap_size_limit in bytes), which
//   `powerflow run` records in its manifest; once a cell has run, also `reads`: what the cells
//   read so far (bin/kernel-read-trace.cjs), which the runner asks for after the last cell. The
//   first cell starts the read trace.
"use strict";
const { AsyncLocalStorage } = require("node:async_hooks");
const path = require("node:path");

/**
 * Patches the tslab under `root`/node_modules and publishes `globalThis.__powerflowKernel__`;
 * `readTrace` (optional) is started by the first cell and reported in kernel_info_reply.
 */
function installTslabHooks(root, { readTrace } = {}) {
  const tslabDir = path.join(root, "node_modules", "tslab");
  const { JupyterHandlerImpl, ZmqServer } = require(path.join(tslabDir, "dist", "jupyter.js"));
  const identity = Object.freeze({
    root,
    node: process.version,
    tslab: require(path.join(tslabDir, "package.json")).version,
    heap: Object.freeze({
      maxOldSpaceSizeMb: maxOldSpaceSizeMb(),
      heapSizeLimitBytes: require("node:v8").getHeapStatistics().heap_size_limit,
    }),
  });
  // A tslab without these internals would leave every display undeliverable: refuse to start.
  for (const [owner, method] of [
    [JupyterHandlerImpl, "handleKernel"],
    [JupyterHandlerImpl, "handleExecuteImpl"],
    [ZmqServer, "handleExecute"],
  ]) {
    if (typeof owner?.prototype?.[method] !== "function")
      throw new Error(
        `tslab-hooks: tslab ${identity.tslab} in ${tslabDir} has no ${owner?.name ?? "?"}.prototype.${method} (expected the tslab 1.0 internals PowerFlow's display hooks patch)`,
      );
  }

  const handleKernel = JupyterHandlerImpl.prototype.handleKernel;
  JupyterHandlerImpl.prototype.handleKernel = function (...args) {
    const reads = readTrace?.started ? { reads: readTrace.snapshot() } : {};
    return { ...handleKernel.apply(this, args), powerflow: { ...identity, ...reads } };
  };

  // execute_request content -> a sender of iopub messages parented to that request, so an error
  // found after the cell finished still lands in that cell (where Jupyter front ends show it).
  const senders = new WeakMap();
  const handleExecute = ZmqServer.prototype.handleExecute;
  ZmqServer.prototype.handleExecute = function (sock, msg) {
    senders.set(msg.content, (type, content) => {
      const message = msg.createReply();
      message.header.msg_type = type;
      message.content = content;
      message.signAndSend(this.connInfo.key, this.iopub);
    });
    return handleExecute.call(this, sock, msg);
  };

  const cells = new AsyncLocalStorage();
  let running;
  const handleExecuteImpl = JupyterHandlerImpl.prototype.handleExecuteImpl;
  JupyterHandlerImpl.prototype.handleExecuteImpl = function (req, writeStream, writeDisplayData) {
    const send = senders.get(req);
    readTrace?.start();
    const cell = {
      // tslab counts executions (failed ones included) and numbers this one next
      executionCount: this.execCount + 1,
      running: true,
      write: (content, update) => writeDisplayData(content, update),
      fail: (ename, evalue, traceback) => send?.("error", { ename, evalue, traceback }),
    };
    running = cell;
    const done = () => {
      cell.running = false;
      if (running === cell) running = undefined;
    };
    return cells
      .run(cell, () =>
        Promise.resolve(handleExecuteImpl.call(this, req, writeStream, writeDisplayData)),
      )
      .finally(done);
  };

  globalThis.__powerflowKernel__ = {
    ...identity,
    /** The cell the calling code belongs to (by async context), else the running one. */
    callingCell: () => cells.getStore() ?? running,
  };
}

// Node applies NODE_OPTIONS first, then its command line: the last flag found wins.
function maxOldSpaceSizeMb() {
  const last = (text) => {
    let value = null;
    for (const match of text.matchAll(/--max[-_]old[-_]space[-_]size=(\d+)/g))
      value = Number(match[1]);
    return value;
  };
  return last(process.execArgv.join(" ")) ?? last(process.env.NODE_OPTIONS ?? "");
}

module.exports = { installTslabHooks };
