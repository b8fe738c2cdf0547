// Preloaded into the tslab kernel (`node --require <this file> bin/tslab-kernel.cjs`) so a cell
// that prints quickly loses no output:
// - tslab sends ZeroMQ messages without awaiting, and zeromq.js v6 rejects a send while another
//   is in flight on the same socket (EBUSY): each socket's sends are chained instead;
// - a PUB socket silently drops messages past its high-water mark (1000 by default), including
//   the final "idle" status: the iopub publisher gets no limit;
// - tslab binds its five sockets at once and already receives on them: a message that arrives
//   while a bind is still settling makes the next receive (or the status send it triggers on
//   iopub) fail with EBUSY "Socket is blocked by a bind or unbind operation", an unhandled
//   rejection that kills the kernel before it answers. Receives and sends wait for the bind.
"use strict";
const zmq = require("zeromq");

// Sockets are not extensible, so each one's pending send and bind live in WeakMaps.
const queues = new WeakMap();
const binds = new WeakMap();

function define(Socket, name, value) {
  // Methods are read-only on zeromq's base prototype: define own properties on the subclass.
  Object.defineProperty(Socket.prototype, name, { value, writable: true, configurable: true });
}

for (const name of ["Publisher", "Router", "Reply", "Dealer"]) {
  const Socket = zmq[name];
  if (!Socket || Socket.prototype.bind.powerflowPatched) continue;
  const { bind, receive, send } = Socket.prototype;
  const tracked = function (address) {
    const bound = bind.call(this, address);
    binds.set(
      this,
      bound.catch(() => undefined),
    );
    return bound;
  };
  tracked.powerflowPatched = true;
  define(Socket, "bind", tracked);
  if (typeof receive === "function") {
    define(Socket, "receive", function () {
      const pending = binds.get(this);
      return pending ? pending.then(() => receive.call(this)) : receive.call(this);
    });
  }
  if (typeof send === "function") {
    define(Socket, "send", function (message) {
      const previous = queues.get(this) || binds.get(this) || Promise.resolve();
      const next = previous.then(() => send.call(this, message));
      queues.set(
        this,
        next.catch(() => undefined),
      );
      return next;
    });
  }
}

const Publisher = zmq.Publisher;
zmq.Publisher = class UnboundedPublisher extends Publisher {
  constructor(options) {
    super(Object.assign({ sendHighWaterMark: 0 }, options));
  }
};
