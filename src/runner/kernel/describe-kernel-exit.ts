/** Says why a kernel process ended, from how it exited and the last output it wrote. */

const HEAP_OUT_OF_MEMORY = /FATAL ERROR: .*JavaScript heap out of memory/;

/**
 * Returns the reason a dead kernel is reported with: `how` ("killed by SIGABRT") and its last
 * output; a V8 heap exhaustion is named as such, without V8's GC log and native stack.
 */
export function describeKernelExit(how: string, tail: string): string {
  const oom = HEAP_OUT_OF_MEMORY.exec(tail);
  if (oom) {
    return `kernel process ${how}: JavaScript heap out of memory (the cell needed more than the kernel's heap limit, --max-old-space-size; the manifest's kernel.heap records it): ${oom[0]}`;
  }
  return `kernel process ${how}${tail ? `; its last output:\n${tail}` : ""}`;
}
