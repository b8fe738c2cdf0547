/**
 * The ZeroMQ sockets of one kernel connection: shell, control and stdin (dealers) and iopub
 * (subscriber). Incoming messages are decoded and handed to one callback; input requests are
 * answered with an empty string (a headless run has nobody to type).
 */
import { Dealer, Subscriber } from "zeromq";
import { channelAddress, type ConnectionInfo } from "./connection-file.js";
import { createMessage, decodeMessage, encodeMessage, type JupyterMessage } from "./wire.js";

/** The channels whose messages reach the client. */
export type KernelChannel = "shell" | "iopub" | "control";

/** Receives each decoded message with its channel and its size on the wire. */
export type MessageHandler = (
  message: JupyterMessage,
  channel: KernelChannel,
  bytes: number,
) => void;

/** The open sockets of a kernel connection. */
export interface KernelChannels {
  shell: Dealer;
  control: Dealer;
  /** Sends `message` on `socket`, after every earlier send on that socket. */
  send(socket: Dealer, message: JupyterMessage): Promise<void>;
  close(): void;
}

// ZeroMQ retries a connection to a port nobody listens on yet every 100 ms by default; the
// kernel binds its ports only once it has loaded, so retry more often to join it sooner.
const RECONNECT_MS = 10;

/** Connects to the kernel of `info` as `session` and starts delivering messages to `onMessage`. */
export function openChannels(
  info: ConnectionInfo,
  session: string,
  onMessage: MessageHandler,
): KernelChannels {
  const key = info.key;
  const common = { linger: 0, reconnectInterval: RECONNECT_MS };
  const shell = new Dealer({ ...common, routingId: session });
  const control = new Dealer({ ...common, routingId: `${session}-control` });
  const stdin = new Dealer({ ...common, routingId: `${session}-stdin` });
  // No receive limit: a fast-printing cell must not make ZeroMQ drop iopub messages.
  const iopub = new Subscriber({ ...common, receiveHighWaterMark: 0 });
  shell.connect(channelAddress(info, info.shell_port));
  control.connect(channelAddress(info, info.control_port));
  stdin.connect(channelAddress(info, info.stdin_port));
  iopub.connect(channelAddress(info, info.iopub_port));
  iopub.subscribe();
  void pump(shell, "shell", key, onMessage);
  void pump(iopub, "iopub", key, onMessage);
  void pump(control, "control", key, onMessage);
  void answerStdin(stdin, key, session);
  return {
    shell,
    control,
    send: serialSend(key),
    close: () => {
      for (const socket of [shell, control, stdin, iopub]) socket.close();
    },
  };
}

async function pump(
  socket: Dealer | Subscriber,
  channel: KernelChannel,
  key: string,
  onMessage: MessageHandler,
): Promise<void> {
  try {
    for await (const frames of socket) {
      try {
        const bytes = frames.reduce((sum, frame) => sum + frame.byteLength, 0);
        onMessage(decodeMessage(frames, key), channel, bytes);
      } catch {
        // an unsigned or malformed message is dropped, as jupyter_client does
      }
    }
  } catch {
    // the socket was closed
  }
}

// A ZeroMQ socket allows one send at a time: each send waits for the one before on its socket.
function serialSend(key: string): KernelChannels["send"] {
  const sendQueues = new Map<Dealer, Promise<unknown>>();
  return (socket, message) => {
    const previous = sendQueues.get(socket) ?? Promise.resolve();
    const next = previous.then(() => socket.send(encodeMessage(message, key)));
    sendQueues.set(
      socket,
      next.catch(() => undefined),
    );
    return next;
  };
}

async function answerStdin(socket: Dealer, key: string, session: string): Promise<void> {
  try {
    for await (const frames of socket) {
      const message = decodeMessage(frames, key);
      if (message.header.msg_type !== "input_request") continue;
      const reply = createMessage("input_reply", { value: "" }, session);
      reply.parent_header = message.header;
      await socket.send(encodeMessage(reply, key));
    }
  } catch {
    // closed
  }
}
