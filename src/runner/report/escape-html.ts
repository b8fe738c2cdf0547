/** Escapes text for HTML element content and attribute values. */

export { escapeHtml } from "../../util/escape-html.js";

/** Returns JSON that is safe inside a <script> element (no "</script>", no "<!--"). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}
