/**
 * One lazily started kernel per notebook, so a notebook's kernel can start before its turn:
 * `start(i)` starts notebook i's kernel once (a no-op for notebooks without code), `take(i)`
 * hands it over, and `shutdownUntaken()` stops kernels started for notebooks that never ran.
 */
import type { KernelClient } from "./kernel/kernel-client.js";

/** The kernels of one run, by notebook index. */
export interface KernelsAhead {
  /** Starts notebook `index`'s kernel unless it is started already or not needed. */
  start(index: number): void;
  /** The kernel of notebook `index` (started now if it was not), or undefined without code. */
  take(index: number): Promise<KernelClient> | undefined;
  /** Shuts down every started kernel nobody took; failures to start are ignored here. */
  shutdownUntaken(): Promise<void>;
}

/** Returns kernels for notebooks where `needed[i]`, each started by `launch` on first use. */
export function kernelsAhead(
  needed: readonly boolean[],
  launch: () => Promise<KernelClient>,
): KernelsAhead {
  const started = new Map<number, Promise<KernelClient>>();
  const taken = new Set<number>();
  const get = (index: number): Promise<KernelClient> | undefined => {
    if (!needed[index]) return undefined;
    let kernel = started.get(index);
    if (!kernel) {
      kernel = launch();
      // Reported to the notebook that takes it; until then it must not count as unhandled.
      kernel.catch(() => undefined);
      started.set(index, kernel);
    }
    return kernel;
  };
  return {
    start: (index) => void get(index),
    take: (index) => {
      taken.add(index);
      return get(index);
    },
    shutdownUntaken: async () => {
      const untaken = [...started].filter(([index]) => !taken.has(index));
      await Promise.all(
        untaken.map(([, kernel]) => kernel.then((k) => k.shutdown()).catch(() => undefined)),
      );
    },
  };
}
