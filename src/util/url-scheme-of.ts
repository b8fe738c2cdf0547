/**
 * The one test of "is this a URL or a path" behind `--input` and `--out`: a scheme is letters,
 * digits, `+`, `.` or `-` before a colon, starting with a letter; a single letter followed by
 * `:\` or `:/` is a Windows drive, not a scheme.
 */

/** Returns the lowercased URL scheme of `text` (`gs`, `git+ssh`, `file`), or undefined for a path. */
export function urlSchemeOf(text: string): string | undefined {
  if (/^[a-z]:[\\/]/i.test(text)) return undefined;
  return /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
}
