/**
 * Sends rich output from a notebook cell: a MIME bundle goes to the tslab kernel as one
 * display_data message. Works only inside the tslab kernel; elsewhere (vitest, plain Node) it
 * does nothing, so code that displays stays testable. Returns nothing, so a cell ending in a
 * display call prints no extra value.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "../util/package-root.js";

type WriteDisplayData = (
  data: {
    data: Record<string, unknown>;
    metadata: Record<string, unknown>;
    transient: Record<string, unknown>;
  },
  update: boolean,
) => void;

/**
 * Displays `bundle` (MIME type → data, e.g. `{ "text/html": "<b>hi</b>", "text/plain": "hi" }`;
 * JSON types such as application/vnd.plotly.v1+json take objects) in the running cell.
 * Returns true when a kernel received it. Options: `metadata` per MIME type (default {}).
 */
export function display(
  bundle: Record<string, unknown>,
  options: { metadata?: Record<string, unknown> } = {},
): boolean {
  const write = kernelWriter();
  if (!write) return false;
  write({ data: bundle, metadata: options.metadata ?? {}, transient: {} }, false);
  return true;
}

// tslab keeps the current cell's display callback in its jupyter module; tslab sets the
// `__tslab__` global only inside its kernel, so outside it nothing is loaded.
function kernelWriter(): WriteDisplayData | undefined {
  if ((globalThis as { __tslab__?: unknown }).__tslab__ === undefined) return undefined;
  try {
    const load = createRequire(join(packageRoot(), "package.json"));
    const jupyter = load("tslab/dist/jupyter") as {
      lastWriteDisplayData?: WriteDisplayData | null;
    };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}
