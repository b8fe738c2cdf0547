/** Returns `value` as text: strings as they are, null/undefined as `fallback`, the rest as JSON. */
export function textOf(value: unknown, fallback = ""): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return fallback;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  return JSON.stringify(value) ?? fallback;
}
