/** The parts of one connected kernel that the client's operations share. */
import type { KernelChannels } from "./kernel-channels.js";
import type { KernelRequests } from "./kernel-requests.js";
import type { KernelWatchState } from "./kernel-watch.js";
import type { KernelSpec } from "./kernelspec.js";
import { signalKernel, type KernelProcess } from "./launch-kernel.js";

/** A kernel process with its sockets, its requests in flight and its watch state. */
export interface KernelConnection {
  spec: KernelSpec;
  proc: KernelProcess;
  channels: KernelChannels;
  requests: KernelRequests;
  state: KernelWatchState;
}

/** Interrupts the kernel: by message or by SIGINT, as its kernelspec asks. */
export async function interruptKernel(connection: KernelConnection): Promise<void> {
  const { spec, proc, channels, requests } = connection;
  if (spec.interruptMode === "message") {
    await requests.request(channels.control, "interrupt_request", {}, 2000, {
      waitForIdle: false,
    });
  } else {
    signalKernel(proc.child, "SIGINT");
  }
}

/**
 * Sends kernel_info_request and returns the reply's content once the kernel is idle again, or
 * undefined when it does not come within `timeoutMs`. Output the cells' timers queued before it
 * is sent first, so it also flushes them.
 */
export async function requestKernelInfo(
  connection: KernelConnection,
  timeoutMs: number,
): Promise<Record<string, unknown> | undefined> {
  const { channels, requests } = connection;
  const asked = await requests.request(channels.shell, "kernel_info_request", {}, timeoutMs);
  return asked.status === "done" ? (asked.entry.reply ?? {}) : undefined;
}
