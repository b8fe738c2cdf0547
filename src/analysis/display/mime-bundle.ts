/**
 * Jupyter MIME bundles for notebook output and the thin sender that hands one to the runner's
 * `display` (one `display_data` message to the tslab kernel). Bundle builders are pure; only
 * `sendBundle` touches the kernel, and it throws DisplayError when no running cell can receive
 * the bundle (outside a kernel, say): test the builders instead.
 */
import { display } from "../../runner/display.js";

/** MIME type → content, as in a Jupyter `display_data` message (`text/plain` always present). */
export type MimeBundle = Record<string, unknown> & { "text/plain": string };

/**
 * Sends `bundle` to the running tslab kernel; returns nothing, so a notebook cell ending in a
 * `show…` call prints no extra value. Throws DisplayError when no running cell can receive it
 * (outside a kernel: CLI, tests).
 */
export function sendBundle(bundle: MimeBundle): void {
  display(bundle);
}
