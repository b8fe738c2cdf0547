/**
 * A Jupyter client for one kernel process: starts it from a kernelspec, speaks protocol 5.3 over
 * ZeroMQ (shell, iopub, control, stdin, heartbeat), runs code and watches the kernel for death.
 */
import { randomUUID } from "node:crypto";
import { Dealer, Subscriber } from "zeromq";
import { channelAddress, createConnectionInfo } from "./connection-file.js";
import { describeKernelExit } from "./describe-kernel-exit.js";
import { startHeartbeat, type Heartbeat } from "./heartbeat.js";
import type { KernelSpec } from "./kernelspec.js";
import { launchKernel, signalKernel } from "./launch-kernel.js";
import { RUN_DEFAULTS } from "../run-defaults.js";
import { createMessage, decodeMessage, encodeMessage, type JupyterMessage } from "./wire.js";

/** What `execute` collected for one request. */
export interface ExecuteOutcome {
  status: "ok" | "error" | "abort" | "timeout" | "interrupted" | "dead";
  /** The execute_reply content (empty when none arrived). */
  reply: Record<string, unknown>;
  /** iopub messages whose parent is this request, in arrival order (status messages excluded). */
  messages: JupyterMessage[];
  /** Why the kernel died, timed out or was interrupted, for status "dead" / "timeout" / "interrupted". */
  reason?: string;
  /** Output past `maxOutputBytes` that was dropped (absent when nothing was). */
  droppedOutput?: DroppedOutput;
}

/** Output of one request dropped past its cap. */
export interface DroppedOutput {
  /** The cap, in bytes of iopub messages as received. */
  capBytes: number;
  /** Bytes dropped and how many messages they were. */
  bytes: number;
  messages: number;
}

/** Options of `startKernelClient`. */
export interface KernelClientOptions {
  /** Working directory of the kernel process (default: process.cwd()). */
  cwd?: string;
  /** Milliseconds to wait for the kernel_info handshake (default RUN_DEFAULTS.startupTimeoutMs). */
  startupTimeoutMs?: number;
  /** Heartbeat silence, in ms, after which an idle kernel counts as dead (default 10 000). */
  heartbeatTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Options of `KernelClient.execute`. */
export interface ExecuteOptions {
  /** Limit in ms (default: none). */
  timeoutMs?: number;
  /** Ms the kernel gets to finish an interrupted request before it is killed (default 5 000). */
  graceMs?: number;
  signal?: AbortSignal;
  /**
   * Bytes of output messages (stream, display, result) kept per request, late output included;
   * past it they are dropped and counted in `droppedOutput` (default RUN_DEFAULTS.maxCellOutputBytes).
   * Errors and clear_output always pass.
   */
  maxOutputBytes?: number;
  /**
   * Receives this request's iopub output that arrives after the request finished (output of a
   * timer or callback the code started), for as long as the client is open.
   */
  onLateOutput?: (message: JupyterMessage) => void;
  /**
   * Told each time late output is dropped past `maxOutputBytes`, with the request's drop totals
   * so far (output dropped while it ran included).
   */
  onLateOutputDropped?: (dropped: DroppedOutput) => void;
}

/** A connected kernel. */
export interface KernelClient {
  /** The kernel process (not its leash; signal it through the client). */
  readonly pid: number | undefined;
  info: Record<string, unknown>;
  /**
   * Runs `code`. Past `timeoutMs`, or when `signal` aborts, the kernel is interrupted and given
   * `graceMs` (default 5 000) to finish the request, else killed.
   */
  execute(code: string, options?: ExecuteOptions): Promise<ExecuteOutcome>;
  interrupt(): Promise<void>;
  /** Asks the kernel to shut down, then kills its process group; always resolves. */
  shutdown(): Promise<void>;
}

interface RequestResult {
  entry: Pending;
  status: "done" | "timeout" | "aborted" | "dead";
  reason?: string;
  msgId: string;
}

const IDLE_AFTER_REPLY_MS = 3000;
const IOPUB_PROBE_MS = 100;
const IOPUB_PROBES = 100;
// ZeroMQ retries a connection to a port nobody listens on yet every 100 ms by default; the
// kernel binds its ports only once it has loaded, so retry more often to join it sooner.
const RECONNECT_MS = 10;
const SHUTDOWN_AFTER_REPLY_MS = 50;
const SHUTDOWN_GRACE_MS = 400;
const FLUSH_MS = 3000;

interface Pending {
  idleTimer?: NodeJS.Timeout;
  budget?: OutputBudget;
  messages: JupyterMessage[];
  reply: Record<string, unknown> | undefined;
  idle: boolean;
  done: () => void;
}

/** Starts the kernel of `spec` and returns a client once it answers kernel_info_request. */
export async function startKernelClient(
  spec: KernelSpec,
  options: KernelClientOptions = {},
): Promise<KernelClient> {
  const info = await createConnectionInfo(spec.name);
  const proc = await launchKernel(spec, info, {
    cwd: options.cwd ?? process.cwd(),
    env: options.env,
  });
  const session = randomUUID();
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
  const pending = new Map<string, Pending>();
  const lateListeners = new Map<string, LateListener>();
  const lateBudgets = new Map<string, OutputBudget>();
  const deathWatchers = new Set<(reason: string) => void>();
  let deathReason: string | undefined;
  let closing = false;
  let busy = false;
  let singleThreaded = true;

  const die = (reason: string): void => {
    if (deathReason !== undefined) return;
    deathReason = reason;
    for (const watcher of deathWatchers) watcher(reason);
  };
  proc.child.once("exit", (code, signal) => {
    if (closing) return;
    const how = signal ? `killed by ${signal}` : `exited with code ${String(code)}`;
    // Give the pipes a moment to deliver the kernel's last words before reporting them.
    setTimeout(() => {
      die(describeKernelExit(how, proc.tail().trim()));
    }, 100);
  });
  proc.child.once("error", (error) => die(`kernel could not start: ${error.message}`));
  // Watched only after the handshake: a kernel still loading cannot answer yet.
  const monitor: { heartbeat?: Heartbeat } = {};
  const heartbeatWatch = setInterval(() => {
    if (!monitor.heartbeat) return;
    const silent = monitor.heartbeat.silentMs();
    const timeout = options.heartbeatTimeoutMs ?? 10_000;
    // tslab answers heartbeats on its single JS thread, so silence during a busy cell is normal.
    if (silent > timeout && (!busy || !singleThreaded)) {
      die(`kernel stopped answering heartbeats for ${(silent / 1000).toFixed(1)} s`);
      signalKernel(proc.child, "SIGKILL");
    }
  }, 500);

  const dispatch = (
    message: JupyterMessage,
    channel: "shell" | "iopub" | "control",
    bytes: number,
  ): void => {
    const parent = message.parent_header.msg_id;
    const entry = parent === undefined ? undefined : pending.get(parent);
    if (!entry) {
      if (channel === "iopub" && parent !== undefined && message.header.msg_type !== "status")
        deliverLate(parent, message, bytes);
      return;
    }
    if (channel === "iopub") {
      if (message.header.msg_type === "status") {
        if (message.content.execution_state === "idle") entry.idle = true;
      } else if (!entry.budget || entry.budget.admit(message, bytes)) {
        entry.messages.push(message);
      }
    } else {
      entry.reply = message.content;
    }
    if (entry.idle && entry.reply !== undefined) {
      entry.done();
    } else if (entry.reply !== undefined) {
      // A kernel may lose its final "idle" status: once the reply is in, finish after
      // IDLE_AFTER_REPLY_MS without iopub traffic for this request instead of hanging to the
      // timeout (the timer restarts with every late message, so a backlog is still drained).
      clearTimeout(entry.idleTimer);
      entry.idleTimer = setTimeout(() => entry.done(), IDLE_AFTER_REPLY_MS);
    }
  };
  const pump = async (socket: Dealer | Subscriber, channel: "shell" | "iopub" | "control") => {
    try {
      for await (const frames of socket) {
        try {
          const bytes = frames.reduce((sum, frame) => sum + frame.byteLength, 0);
          dispatch(decodeMessage(frames, key), channel, bytes);
        } catch {
          // an unsigned or malformed message is dropped, as jupyter_client does
        }
      }
    } catch {
      // the socket was closed
    }
  };
  void pump(shell, "shell");
  void pump(iopub, "iopub");
  void pump(control, "control");
  void answerStdin(stdin, key, session);

  // Late output shares its request's budget; what it drops is reported, so it can be counted.
  const deliverLate = (parent: string, message: JupyterMessage, bytes: number): void => {
    const listener = lateListeners.get(parent);
    if (!listener) return;
    const budget = lateBudgets.get(parent);
    if (!budget || budget.admit(message, bytes)) return listener.output(message);
    listener.dropped?.(budget.dropped());
  };

  const sendQueues = new Map<Dealer, Promise<unknown>>();
  const send = (socket: Dealer, message: JupyterMessage): Promise<void> => {
    const previous = sendQueues.get(socket) ?? Promise.resolve();
    const next = previous.then(() => socket.send(encodeMessage(message, key)));
    sendQueues.set(
      socket,
      next.catch(() => undefined),
    );
    return next;
  };

  const request = (
    socket: Dealer,
    type: string,
    content: Record<string, unknown>,
    timeoutMs: number,
    channel: "shell" | "control" = "shell",
    waitForIdle = channel === "shell",
    signal?: AbortSignal,
    late?: LateListener,
    budget?: OutputBudget,
  ): Promise<RequestResult> => {
    const message = createMessage(type, content, session);
    // Consulted only once the request is no longer pending.
    if (late) lateListeners.set(message.header.msg_id, late);
    if (late && budget) lateBudgets.set(message.header.msg_id, budget);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (status: RequestResult["status"], reason?: string): void => {
        clearTimeout(timer);
        clearTimeout(entry.idleTimer);
        deathWatchers.delete(onDeath);
        signal?.removeEventListener("abort", onAbort);
        pending.delete(message.header.msg_id);
        resolve({ entry, status, reason, msgId: message.header.msg_id });
      };
      const onDeath = (reason: string): void => finish("dead", reason);
      const onAbort = (): void => finish("aborted");
      const entry: Pending = {
        messages: [],
        reply: undefined,
        idle: !waitForIdle,
        budget,
        done: () => finish("done"),
      };
      if (deathReason !== undefined) return finish("dead", deathReason);
      pending.set(message.header.msg_id, entry);
      deathWatchers.add(onDeath);
      signal?.addEventListener("abort", onAbort, { once: true });
      if (Number.isFinite(timeoutMs)) timer = setTimeout(() => finish("timeout"), timeoutMs);
      send(socket, message).catch((error: Error) =>
        finish("dead", `send failed: ${error.message}`),
      );
    });
  };

  // The first reply counts on its own: iopub may not be connected yet ("slow joiner").
  const startupTimeoutMs = options.startupTimeoutMs ?? RUN_DEFAULTS.startupTimeoutMs;
  const startup = await request(shell, "kernel_info_request", {}, startupTimeoutMs, "shell", false);
  if (startup.status !== "done") {
    const why =
      startup.status === "dead"
        ? startup.reason
        : `no kernel_info_reply within ${(startupTimeoutMs / 1000).toFixed(0)} s`;
    closing = true;
    signalKernel(proc.child, "SIGKILL");
    close();
    await proc.cleanup();
    const tail = startup.status === "dead" ? "" : proc.tail().trim();
    throw new Error(
      `kernel "${spec.name}" did not start: ${why}${tail ? `; its output:\n${tail}` : ""}`,
    );
  }
  const kernelInfo = startup.entry.reply ?? {};
  singleThreaded = kernelInfo.implementation === "tslab";
  await waitForIopub();
  monitor.heartbeat = startHeartbeat(channelAddress(info, info.hb_port));

  function close(): void {
    clearInterval(heartbeatWatch);
    monitor.heartbeat?.stop();
    // Settle whatever is still pending (an unanswered shutdown_request, say): its timeout timer
    // would otherwise keep the process alive for seconds after the work is done.
    die("the kernel client was closed");
    lateListeners.clear();
    lateBudgets.clear();
    for (const socket of [shell, control, stdin, iopub]) socket.close();
  }

  // The iopub subscription connects asynchronously ("slow joiner"): probe until a status arrives.
  // The kernel is idle by now and answers a probe within milliseconds, so a probe whose status
  // went missing is given up after IOPUB_PROBE_MS rather than waited on.
  async function waitForIopub(): Promise<void> {
    for (let attempt = 0; attempt < IOPUB_PROBES; attempt += 1) {
      const probe = await request(shell, "kernel_info_request", {}, IOPUB_PROBE_MS);
      if (probe.status === "done") return;
      if (probe.status === "dead") throw new Error(`kernel "${spec.name}" died: ${probe.reason}`);
    }
  }

  const interrupt = async (): Promise<void> => {
    if (spec.interruptMode === "message") {
      await request(control, "interrupt_request", {}, 2000, "control");
    } else {
      signalKernel(proc.child, "SIGINT");
    }
  };

  return {
    get pid() {
      return proc.kernelPid();
    },
    info: kernelInfo,
    interrupt,
    async execute(code, execOptions = {}) {
      const content = {
        code,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: true,
      };
      const timeoutMs = execOptions.timeoutMs ?? Number.POSITIVE_INFINITY;
      if (execOptions.signal?.aborted)
        return { status: "interrupted", reply: {}, messages: [], reason: "not started" };
      busy = true;
      const budget = outputBudget(execOptions.maxOutputBytes ?? RUN_DEFAULTS.maxCellOutputBytes);
      const first = await request(
        shell,
        "execute_request",
        content,
        timeoutMs,
        "shell",
        true,
        execOptions.signal,
        execOptions.onLateOutput && {
          output: execOptions.onLateOutput,
          dropped: execOptions.onLateOutputDropped,
        },
        budget,
      );
      busy = false;
      const outcome = await outcomeOf(first, timeoutMs, execOptions.graceMs ?? 5000);
      const dropped = budget.dropped();
      return dropped.messages > 0 ? { ...outcome, droppedOutput: dropped } : outcome;
    },
    async shutdown() {
      if (!closing && deathReason === undefined) {
        // Output the cells' timers have queued goes out before the idle status of this request:
        // once it is in, the shutdown (which closes the kernel's sockets) cuts nothing sent.
        await request(shell, "kernel_info_request", {}, FLUSH_MS);
        closing = true;
        const exited = new Promise((r) => proc.child.once("exit", r));
        // Every cell has finished and its output is in. Ask the kernel to shut down, and kill it
        // once it has replied (tslab closes its sockets but its process lingers on open handles;
        // its reply may even be lost in that close) or after SHUTDOWN_GRACE_MS.
        const replied = request(control, "shutdown_request", { restart: false }, 2000, "control");
        const gone = await Promise.race([
          exited.then(() => true),
          replied.then(
            () => delay(SHUTDOWN_AFTER_REPLY_MS, { unref: true }).then(() => false),
            () => false,
          ),
          delay(SHUTDOWN_GRACE_MS, { unref: true }).then(() => false),
        ]);
        if (!gone) signalKernel(proc.child, "SIGKILL");
      } else {
        closing = true;
        signalKernel(proc.child, "SIGKILL");
      }
      close();
      await proc.cleanup();
    },
  };

  async function outcomeOf(
    result: RequestResult,
    timeoutMs: number,
    graceMs: number,
  ): Promise<ExecuteOutcome> {
    const { entry } = result;
    if (result.status === "dead") {
      return {
        status: "dead",
        reply: entry.reply ?? {},
        messages: entry.messages,
        reason: result.reason,
      };
    }
    if (result.status === "done") {
      const status = entry.reply?.status;
      const known = status === "ok" || status === "error" || status === "abort";
      return {
        status: known ? status : "error",
        reply: entry.reply ?? {},
        messages: entry.messages,
      };
    }
    // Timed out or aborted: interrupt, give the kernel `graceMs` to finish the request, else kill it.
    entry.done = () => undefined;
    pending.set(result.msgId, entry);
    await interrupt();
    const settled = await waitUntil(() => entry.idle && entry.reply !== undefined, graceMs);
    pending.delete(result.msgId);
    const seconds = (timeoutMs / 1000).toFixed(timeoutMs % 1000 === 0 ? 0 : 1);
    const status = result.status === "aborted" ? "interrupted" : "timeout";
    if (settled) {
      return {
        status,
        reply: entry.reply ?? {},
        messages: entry.messages,
        reason:
          status === "interrupted" ? "interrupted on request" : `interrupted after ${seconds} s`,
      };
    }
    closing = true;
    signalKernel(proc.child, "SIGKILL");
    die(`killed: the kernel did not answer the interrupt within ${(graceMs / 1000).toFixed(0)} s`);
    return { status, reply: {}, messages: entry.messages, reason: deathReason };
  }
}

interface LateListener {
  output: (message: JupyterMessage) => void;
  dropped: ((dropped: DroppedOutput) => void) | undefined;
}

interface OutputBudget {
  /** True when `message` is kept; false (and counted) when it is dropped past the cap. */
  admit(message: JupyterMessage, bytes: number): boolean;
  dropped(): DroppedOutput;
}

// Only output that can pile up counts; an error or a clear_output always passes (and is small).
const CAPPED_OUTPUT = new Set(["stream", "display_data", "update_display_data", "execute_result"]);

function outputBudget(capBytes: number): OutputBudget {
  let kept = 0;
  const dropped = { capBytes, bytes: 0, messages: 0 };
  return {
    admit(message, bytes) {
      if (!CAPPED_OUTPUT.has(message.header.msg_type)) return true;
      if (dropped.messages === 0 && kept + bytes <= capBytes) {
        kept += bytes;
        return true;
      }
      dropped.bytes += bytes;
      dropped.messages += 1;
      return false;
    },
    dropped: () => ({ ...dropped }),
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

function delay(ms: number, options: { unref?: boolean } = {}): Promise<void> {
  return new Promise((r) => {
    const timer = setTimeout(r, ms);
    if (options.unref) timer.unref();
  });
}

async function waitUntil(test: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await delay(50);
  }
  return test();
}
