/** Pings a kernel's heartbeat channel and reports how long it has been silent. */
import { Request } from "zeromq";

/** A running heartbeat monitor. */
export interface Heartbeat {
  /** Milliseconds since the last answered ping (0 while answers arrive). */
  silentMs(): number;
  stop(): void;
}

/** Starts pinging `address` every `intervalMs`; a REQ socket is rebuilt after each miss. */
export function startHeartbeat(address: string, intervalMs = 1000): Heartbeat {
  let stopped = false;
  let lastAnswer = Date.now();
  let socket: Request | undefined;
  // The pause between pings; stop() ends it at once so no timer outlives the monitor.
  let pause: { timer: NodeJS.Timeout; resume: () => void } | undefined;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      socket ??= newSocket(address, intervalMs);
      const sentAt = Date.now();
      try {
        await socket.send("ping");
        await socket.receive();
        lastAnswer = Date.now();
      } catch {
        socket.close();
        socket = undefined;
      }
      const wait = intervalMs - (Date.now() - sentAt);
      if (wait > 0 && !stopped)
        await new Promise<void>((resume) => {
          pause = { timer: setTimeout(resume, wait), resume };
        });
      pause = undefined;
    }
  };
  void loop();
  return {
    silentMs: () => Date.now() - lastAnswer,
    stop: () => {
      stopped = true;
      socket?.close();
      if (pause) {
        clearTimeout(pause.timer);
        pause.resume();
      }
    },
  };
}

function newSocket(address: string, intervalMs: number): Request {
  const socket = new Request({ linger: 0, receiveTimeout: intervalMs, sendTimeout: intervalMs });
  socket.connect(address);
  return socket;
}
