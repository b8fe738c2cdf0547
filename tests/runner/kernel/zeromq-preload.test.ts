// bin/zeromq-send-queue.cjs, the preload of the tslab kernel, on real ZeroMQ sockets.
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type * as ZeroMq from "zeromq";
import { ROOT } from "../helpers/run-fixture.js";

const require = createRequire(import.meta.url);
type Zmq = typeof ZeroMq;

describe("the kernel's ZeroMQ preload", () => {
  it("lets a socket receive and send while its bind is still settling (plain zeromq.js: EBUSY)", async () => {
    const zmq = require("zeromq") as Zmq;
    const unpatched = new zmq.Router();
    const binding = unpatched.bind("tcp://127.0.0.1:*");
    let failure: unknown;
    try {
      await unpatched.receive();
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ code: "EBUSY" });
    await binding;
    unpatched.close();

    require(join(ROOT, "bin", "zeromq-send-queue.cjs"));
    const router = new zmq.Router();
    const bound = router.bind("tcp://127.0.0.1:*");
    // tslab's receive loop asks for the next message while the bind is pending, and answers on
    // a socket whose bind may not have settled.
    const received = router.receive();
    await bound;
    const dealer = new zmq.Dealer();
    dealer.connect(router.lastEndpoint!);
    await dealer.send("ping");
    const [routingId, body] = await received;
    expect(body!.toString()).toBe("ping");
    const next = router.receive();
    await router.send([routingId!, "pong"]);
    expect((await dealer.receive())[0]!.toString()).toBe("pong");
    await dealer.send("again");
    expect((await next)[1]!.toString()).toBe("again");
    dealer.close();
    router.close();
  });
});
