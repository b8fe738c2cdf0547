/**
 * Jupyter MIME bundles for notebook output and the thin sender that hands one to the runner's
 * `display` (one `display_data` message to the tslab kernel). Bundle builders are pure; only
 * `sendBundle` touches the kernel, and outside a kernel it does nothing.
 */
import { display } from "../../runner/display.js";

/** MIME type → content, as in a Jupyter `display_data` message (`text/plain` always present). */
export type MimeBundle = Record<string, unknown> & { "text/plain": string };

/**
 * Sends `bundle` to the running tslab kernel; returns nothing, so a notebook cell ending in a
 * `show…` call prints no extra value. Outside a kernel (CLI, tests) nothing is sent.
 */
export function sendBundle(bundle: MimeBundle): void {
  display(bundle);
}
