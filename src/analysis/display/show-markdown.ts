import { sendBundle, type MimeBundle } from "./mime-bundle.js";

/** Returns the MIME bundle of Markdown text (`text/markdown` with the same text as plain). */
export function markdownBundle(markdown: string): MimeBundle {
  return { "text/markdown": markdown, "text/plain": markdown };
}

/** Displays Markdown in the notebook, e.g. generated findings. */
export function showMarkdown(markdown: string): void {
  sendBundle(markdownBundle(markdown));
}
