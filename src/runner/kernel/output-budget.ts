/** The cap on the output one request may produce (stream, display and result messages). */
import type { JupyterMessage } from "./wire.js";

/** Output of one request dropped past its cap. */
export interface DroppedOutput {
  /** The cap, in bytes of iopub messages as received. */
  capBytes: number;
  /** Bytes dropped and how many messages they were. */
  bytes: number;
  messages: number;
}

/** A request's output budget. */
export interface OutputBudget {
  /** True when `message` is kept; false (and counted) when it is dropped past the cap. */
  admit(message: JupyterMessage, bytes: number): boolean;
  dropped(): DroppedOutput;
}

// Only output that can pile up counts; an error or a clear_output always passes (and is small).
const CAPPED_OUTPUT = new Set(["stream", "display_data", "update_display_data", "execute_result"]);

/** Returns a budget of `capBytes`: once one message is dropped, every later one is too. */
export function outputBudget(capBytes: number): OutputBudget {
  let kept = 0;
  const dropped = { capBytes, bytes: 0, messages: 0 };
  return {
    admit(message, bytes) {
      if (!CAPPED_OUTPUT.has(message.header.msg_type)) return true;
      if (dropped.messages === 0 && kept + bytes <= capBytes) {
        kept += bytes;
        return true;
      }
      dropped.bytes += bytes;
      dropped.messages += 1;
      return false;
    },
    dropped: () => ({ ...dropped }),
  };
}
