/**
 * The requests in flight on one kernel connection: each waits for its reply and (on shell) its
 * idle status, collects its iopub output within its budget, and settles on time-out, abort or
 * kernel death. Output that arrives after its request settled goes to the request's late-output
 * listener.
 */
import type { Dealer } from "zeromq";
import type { KernelChannel, KernelChannels } from "./kernel-channels.js";
import type { DroppedOutput, OutputBudget } from "./output-budget.js";
import { createMessage, type JupyterMessage } from "./wire.js";

/** A request still collecting its reply and output. */
export interface Pending {
  idleTimer?: NodeJS.Timeout;
  budget?: OutputBudget;
  messages: JupyterMessage[];
  reply: Record<string, unknown> | undefined;
  idle: boolean;
  done: () => void;
}

/** How a request settled. */
export interface RequestResult {
  entry: Pending;
  status: "done" | "timeout" | "aborted" | "dead";
  reason?: string;
  msgId: string;
}

/** Options of `KernelRequests.request`. */
export interface RequestOptions {
  /** Wait for the kernel's idle status as well as the reply (default true). */
  waitForIdle?: boolean;
  signal?: AbortSignal;
  late?: LateListener;
  budget?: OutputBudget;
}

/** Where a finished request's late output goes, and where its drops past the cap are told. */
export interface LateListener {
  output: (message: JupyterMessage) => void;
  dropped: ((dropped: DroppedOutput) => void) | undefined;
}

/** The request table of one connection. */
export interface KernelRequests {
  /** Sends `type` on `socket`; resolves once it is done, timed out, aborted or the kernel died. */
  request(
    socket: Dealer,
    type: string,
    content: Record<string, unknown>,
    timeoutMs: number,
    options?: RequestOptions,
  ): Promise<RequestResult>;
  /** Routes one incoming message to its request (or to its late-output listener). */
  dispatch: (message: JupyterMessage, channel: KernelChannel, bytes: number) => void;
  /** Marks the kernel dead (the first reason stays) and settles every pending request. */
  die: (reason: string) => void;
  /** Why the kernel died, once it has. */
  deathReason(): string | undefined;
  /** Lets a settled request collect messages again (while its interrupt is answered), or stop. */
  track(msgId: string, entry: Pending | undefined): void;
  /** Forgets every late-output listener. */
  clearLate(): void;
}

// A kernel may lose its final "idle" status: once the reply is in, a request finishes after this
// long without iopub traffic for it instead of hanging to its timeout.
const IDLE_AFTER_REPLY_MS = 3000;

/** Returns the request table of a connection that sends through `send` as `session`. */
export function createKernelRequests(
  session: string,
  send: KernelChannels["send"],
): KernelRequests {
  const pending = new Map<string, Pending>();
  const late = createLateOutput();
  const deathWatchers = new Set<(reason: string) => void>();
  let deathReason: string | undefined;
  const die = (reason: string): void => {
    if (deathReason !== undefined) return;
    deathReason = reason;
    for (const watcher of deathWatchers) watcher(reason);
  };
  const request: KernelRequests["request"] = (socket, type, content, timeoutMs, options = {}) => {
    const message = createMessage(type, content, session);
    late.register(message.header.msg_id, options);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (status: RequestResult["status"], reason?: string): void => {
        clearTimeout(timer);
        clearTimeout(entry.idleTimer);
        deathWatchers.delete(onDeath);
        options.signal?.removeEventListener("abort", onAbort);
        pending.delete(message.header.msg_id);
        resolve({ entry, status, reason, msgId: message.header.msg_id });
      };
      const onDeath = (reason: string): void => finish("dead", reason);
      const onAbort = (): void => finish("aborted");
      const entry = pendingEntry(options, () => finish("done"));
      if (deathReason !== undefined) return finish("dead", deathReason);
      pending.set(message.header.msg_id, entry);
      deathWatchers.add(onDeath);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      if (Number.isFinite(timeoutMs)) timer = setTimeout(() => finish("timeout"), timeoutMs);
      send(socket, message).catch((error: Error) =>
        finish("dead", `send failed: ${error.message}`),
      );
    });
  };
  return {
    request,
    dispatch: (message, channel, bytes) => dispatch(pending, late, message, channel, bytes),
    die,
    deathReason: () => deathReason,
    track: (msgId, entry) => {
      if (entry) pending.set(msgId, entry);
      else pending.delete(msgId);
    },
    clearLate: () => late.clear(),
  };
}

function pendingEntry(options: RequestOptions, done: () => void): Pending {
  return {
    messages: [],
    reply: undefined,
    idle: !(options.waitForIdle ?? true),
    budget: options.budget,
    done,
  };
}

function dispatch(
  pending: Map<string, Pending>,
  late: LateOutput,
  message: JupyterMessage,
  channel: KernelChannel,
  bytes: number,
): void {
  const parent = message.parent_header.msg_id;
  const entry = parent === undefined ? undefined : pending.get(parent);
  if (!entry) {
    if (channel === "iopub" && parent !== undefined && message.header.msg_type !== "status")
      late.deliver(parent, message, bytes);
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
    // The timer restarts with every late message, so a backlog is still drained.
    clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => entry.done(), IDLE_AFTER_REPLY_MS);
  }
}

interface LateOutput {
  register(msgId: string, options: RequestOptions): void;
  deliver(parent: string, message: JupyterMessage, bytes: number): void;
  clear(): void;
}

// Late output shares its request's budget; what it drops is reported, so it can be counted.
function createLateOutput(): LateOutput {
  const listeners = new Map<string, LateListener>();
  const budgets = new Map<string, OutputBudget>();
  return {
    // Consulted only once the request is no longer pending.
    register(msgId, { late, budget }) {
      if (late) listeners.set(msgId, late);
      if (late && budget) budgets.set(msgId, budget);
    },
    deliver(parent, message, bytes) {
      const listener = listeners.get(parent);
      if (!listener) return;
      const budget = budgets.get(parent);
      if (!budget || budget.admit(message, bytes)) return listener.output(message);
      listener.dropped?.(budget.dropped());
    },
    clear() {
      listeners.clear();
      budgets.clear();
    },
  };
}
