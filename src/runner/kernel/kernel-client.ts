/**
 * A Jupyter client for one kernel process: starts it from a kernelspec, speaks protocol 5.3 over
 * ZeroMQ (shell, iopub, control, stdin, heartbeat), runs code and watches the kernel for death.
 */
import { randomUUID } from "node:crypto";
import { delay } from "../../util/delay.js";
import { RUN_DEFAULTS } from "../run-defaults.js";
import { channelAddress, createConnectionInfo, type ConnectionInfo } from "./connection-file.js";
import { startHeartbeat } from "./heartbeat.js";
import { openChannels } from "./kernel-channels.js";
import { interruptKernel, requestKernelInfo, type KernelConnection } from "./kernel-connection.js";
import { executeCode, type ExecuteOptions, type ExecuteOutcome } from "./kernel-execute.js";
import { createKernelRequests } from "./kernel-requests.js";
import { watchKernel, type KernelWatchState } from "./kernel-watch.js";
import type { KernelSpec } from "./kernelspec.js";
import { launchKernel, signalKernel } from "./launch-kernel.js";

export type { ExecuteOptions, ExecuteOutcome } from "./kernel-execute.js";
export type { DroppedOutput } from "./output-budget.js";

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
  /**
   * Asks for a new kernel_info_reply (PowerFlow's kernel adds what the cells read so far, see
   * bin/tslab-hooks.cjs); undefined when none arrives within `timeoutMs` (default 5 000).
   */
  requestInfo?(timeoutMs?: number): Promise<Record<string, unknown> | undefined>;
  /** Asks the kernel to shut down, then kills its process group; always resolves. */
  shutdown(): Promise<void>;
}

const IOPUB_PROBE_MS = 100;
const IOPUB_PROBES = 100;
const SHUTDOWN_AFTER_REPLY_MS = 50;
const SHUTDOWN_GRACE_MS = 400;
const FLUSH_MS = 3000;

/** A connection with its connection info and the function that stops watching its kernel. */
interface OpenConnection extends KernelConnection {
  info: ConnectionInfo;
  stopWatch: () => void;
}

/** Starts the kernel of `spec` and returns a client once it answers kernel_info_request. */
export async function startKernelClient(
  spec: KernelSpec,
  options: KernelClientOptions = {},
): Promise<KernelClient> {
  const connection = await connect(spec, options);
  const { proc, state } = connection;
  const kernelInfo = await handshake(
    connection,
    options.startupTimeoutMs ?? RUN_DEFAULTS.startupTimeoutMs,
  );
  state.singleThreaded = kernelInfo.implementation === "tslab";
  await waitForIopub(connection);
  state.heartbeat = startHeartbeat(channelAddress(connection.info, connection.info.hb_port));
  return {
    get pid() {
      return proc.kernelPid();
    },
    info: kernelInfo,
    interrupt: () => interruptKernel(connection),
    requestInfo: (timeoutMs = 5000) => requestKernelInfo(connection, timeoutMs),
    execute: (code, execOptions = {}) => executeCode(connection, code, execOptions),
    shutdown: () => shutdown(connection),
  };
}

/** Launches the kernel, opens its channels and starts watching it. */
async function connect(spec: KernelSpec, options: KernelClientOptions): Promise<OpenConnection> {
  const info = await createConnectionInfo(spec.name);
  const proc = await launchKernel(spec, info, {
    cwd: options.cwd ?? process.cwd(),
    env: options.env,
  });
  const session = randomUUID();
  // The requests send through the channels, which exist before the first request is made.
  const requests = createKernelRequests(session, (socket, message) =>
    channels.send(socket, message),
  );
  const channels = openChannels(info, session, requests.dispatch);
  const state: KernelWatchState = { closing: false, busy: false, singleThreaded: true };
  const stopWatch = watchKernel(proc, state, requests.die, options.heartbeatTimeoutMs ?? 10_000);
  return { spec, proc, channels, requests, state, stopWatch, info };
}

/**
 * Waits for the first kernel_info_reply and returns its content; on failure kills the kernel and
 * throws. The first reply counts on its own: iopub may not be connected yet ("slow joiner").
 */
async function handshake(
  connection: OpenConnection,
  startupTimeoutMs: number,
): Promise<Record<string, unknown>> {
  const { spec, proc, channels, requests, state } = connection;
  const startup = await requests.request(
    channels.shell,
    "kernel_info_request",
    {},
    startupTimeoutMs,
    { waitForIdle: false },
  );
  if (startup.status === "done") return startup.entry.reply ?? {};
  const why =
    startup.status === "dead"
      ? startup.reason
      : `no kernel_info_reply within ${(startupTimeoutMs / 1000).toFixed(0)} s`;
  state.closing = true;
  signalKernel(proc.child, "SIGKILL");
  close(connection);
  await proc.cleanup();
  const tail = startup.status === "dead" ? "" : proc.tail().trim();
  throw new Error(
    `kernel "${spec.name}" did not start: ${why}${tail ? `; its output:\n${tail}` : ""}`,
  );
}

// The iopub subscription connects asynchronously ("slow joiner"): probe until a status arrives.
// The kernel is idle by now and answers a probe within milliseconds, so a probe whose status
// went missing is given up after IOPUB_PROBE_MS rather than waited on.
async function waitForIopub(connection: KernelConnection): Promise<void> {
  const { spec, channels, requests } = connection;
  for (let attempt = 0; attempt < IOPUB_PROBES; attempt += 1) {
    const probe = await requests.request(channels.shell, "kernel_info_request", {}, IOPUB_PROBE_MS);
    if (probe.status === "done") return;
    if (probe.status === "dead") throw new Error(`kernel "${spec.name}" died: ${probe.reason}`);
  }
}

async function shutdown(connection: OpenConnection): Promise<void> {
  const { proc, channels, requests, state } = connection;
  if (!state.closing && requests.deathReason() === undefined) {
    // Output the cells' timers have queued goes out before the idle status of this request:
    // once it is in, the shutdown (which closes the kernel's sockets) cuts nothing sent.
    await requestKernelInfo(connection, FLUSH_MS);
    state.closing = true;
    const exited = new Promise((r) => proc.child.once("exit", r));
    // Every cell has finished and its output is in. Ask the kernel to shut down, and kill it
    // once it has replied (tslab closes its sockets but its process lingers on open handles;
    // its reply may even be lost in that close) or after SHUTDOWN_GRACE_MS.
    const replied = requests.request(
      channels.control,
      "shutdown_request",
      { restart: false },
      2000,
      {
        waitForIdle: false,
      },
    );
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
    state.closing = true;
    signalKernel(proc.child, "SIGKILL");
  }
  close(connection);
  await proc.cleanup();
}

function close(connection: OpenConnection): void {
  const { requests, channels } = connection;
  connection.stopWatch();
  // Settle whatever is still pending (an unanswered shutdown_request, say): its timeout timer
  // would otherwise keep the process alive for seconds after the work is done.
  requests.die("the kernel client was closed");
  requests.clearLate();
  channels.close();
}
