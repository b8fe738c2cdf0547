/**
 * Watches a kernel for death: its process exiting or failing to start, and (once set) its
 * heartbeat falling silent while it should be able to answer.
 */
import { describeKernelExit } from "./describe-kernel-exit.js";
import type { Heartbeat } from "./heartbeat.js";
import { signalKernel, type KernelProcess } from "./launch-kernel.js";

/** What the watch reads from the client, which updates it. */
export interface KernelWatchState {
  /** The client is shutting the kernel down: its exit is expected. */
  closing: boolean;
  /** A request is executing. */
  busy: boolean;
  /** The kernel answers heartbeats on the thread that runs code (tslab). */
  singleThreaded: boolean;
  /** Set after the handshake: a kernel still loading cannot answer yet. */
  heartbeat?: Heartbeat;
}

/** Calls `die` with the reason when the kernel dies; returns the function that stops watching. */
export function watchKernel(
  proc: KernelProcess,
  state: KernelWatchState,
  die: (reason: string) => void,
  heartbeatTimeoutMs: number,
): () => void {
  proc.child.once("exit", (code, signal) => {
    if (state.closing) return;
    const how = signal ? `killed by ${signal}` : `exited with code ${String(code)}`;
    // Give the pipes a moment to deliver the kernel's last words before reporting them.
    setTimeout(() => {
      die(describeKernelExit(how, proc.tail().trim()));
    }, 100);
  });
  proc.child.once("error", (error) => die(`kernel could not start: ${error.message}`));
  const heartbeatWatch = setInterval(() => {
    if (!state.heartbeat) return;
    const silent = state.heartbeat.silentMs();
    // tslab answers heartbeats on its single JS thread, so silence during a busy cell is normal.
    if (silent > heartbeatTimeoutMs && (!state.busy || !state.singleThreaded)) {
      die(`kernel stopped answering heartbeats for ${(silent / 1000).toFixed(1)} s`);
      signalKernel(proc.child, "SIGKILL");
    }
  }, 500);
  return () => {
    clearInterval(heartbeatWatch);
    state.heartbeat?.stop();
  };
}
