// Preloaded into the tslab kernel (`node --require <this file> bin/tslab-kernel.cjs`) so a cell
// that prints quickly loses no output:
// - tslab sends ZeroMQ messages without awaiting, and zeromq.js v6 rejects a send while another
//   is in flight on the same socket (EBUSY): each socket's sends are chained instead;
// - a PUB socket silently drops messages past its high-water mark (1000 by default), including
//   the final "idle" status: the iopub publisher gets no limit.
"use strict";
const zmq = require("zeromq");

// Sockets are not extensible, so each one's pending send lives in a WeakMap.
const queues = new WeakMap();

for (const name of ["Publisher", "Router", "Reply", "Dealer"]) {
  const Socket = zmq[name];
  const send = Socket && Socket.prototype.send;
  if (typeof send !== "function" || send.powerflowQueued) continue;
  const queued = function (message) {
    const previous = queues.get(this) || Promise.resolve();
    const next = previous.then(() => send.call(this, message));
    queues.set(
      this,
      next.catch(() => undefined),
    );
    return next;
  };
  queued.powerflowQueued = true;
  // `send` is read-only on zeromq's base prototype: define an own property on the subclass.
  Object.defineProperty(Socket.prototype, "send", {
    value: queued,
    writable: true,
    configurable: true,
  });
}

const Publisher = zmq.Publisher;
zmq.Publisher = class UnboundedPublisher extends Publisher {
  constructor(options) {
    super(Object.assign({ sendHighWaterMark: 0 }, options));
  }
};
