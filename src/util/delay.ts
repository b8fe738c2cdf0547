/** Resolves after `ms`; with `unref`, the timer does not keep the process alive. */
export function delay(ms: number, options: { unref?: boolean } = {}): Promise<void> {
  return new Promise((r) => {
    const timer = setTimeout(r, ms);
    if (options.unref) timer.unref();
  });
}
