/**
 * `execute_request` on a connected kernel: the request with its output budget, and the outcome.
 * A request that timed out or was aborted interrupts the kernel, which gets a grace period to
 * finish it before it is killed.
 */
import { delay } from "../../util/delay.js";
import { RUN_DEFAULTS } from "../run-defaults.js";
import { interruptKernel, type KernelConnection } from "./kernel-connection.js";
import type { RequestResult } from "./kernel-requests.js";
import { signalKernel } from "./launch-kernel.js";
import { outputBudget, type DroppedOutput } from "./output-budget.js";
import type { JupyterMessage } from "./wire.js";

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

/** Runs `code` on the kernel of `connection` and returns what it produced. */
export async function executeCode(
  connection: KernelConnection,
  code: string,
  options: ExecuteOptions,
): Promise<ExecuteOutcome> {
  const { channels, requests, state } = connection;
  const content = {
    code,
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: true,
  };
  const timeoutMs = options.timeoutMs ?? Number.POSITIVE_INFINITY;
  if (options.signal?.aborted)
    return { status: "interrupted", reply: {}, messages: [], reason: "not started" };
  state.busy = true;
  const budget = outputBudget(options.maxOutputBytes ?? RUN_DEFAULTS.maxCellOutputBytes);
  const first = await requests.request(channels.shell, "execute_request", content, timeoutMs, {
    signal: options.signal,
    late: options.onLateOutput && {
      output: options.onLateOutput,
      dropped: options.onLateOutputDropped,
    },
    budget,
  });
  state.busy = false;
  const outcome = await outcomeOf(connection, first, timeoutMs, options.graceMs ?? 5000);
  const dropped = budget.dropped();
  return dropped.messages > 0 ? { ...outcome, droppedOutput: dropped } : outcome;
}

async function outcomeOf(
  connection: KernelConnection,
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
  return interruptedOutcome(connection, result, timeoutMs, graceMs);
}

// Timed out or aborted: interrupt, give the kernel `graceMs` to finish the request, else kill it.
async function interruptedOutcome(
  connection: KernelConnection,
  result: RequestResult,
  timeoutMs: number,
  graceMs: number,
): Promise<ExecuteOutcome> {
  const { entry } = result;
  const { requests, state, proc } = connection;
  entry.done = () => undefined;
  requests.track(result.msgId, entry);
  await interruptKernel(connection);
  const settled = await waitUntil(() => entry.idle && entry.reply !== undefined, graceMs);
  requests.track(result.msgId, undefined);
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
  state.closing = true;
  signalKernel(proc.child, "SIGKILL");
  requests.die(
    `killed: the kernel did not answer the interrupt within ${(graceMs / 1000).toFixed(0)} s`,
  );
  return { status, reply: {}, messages: entry.messages, reason: requests.deathReason() };
}

async function waitUntil(test: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await delay(50);
  }
  return test();
}
