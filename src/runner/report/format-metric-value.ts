/** How a published metric's value reads in reports and the index. */

/** Returns a published value as text: numbers with up to 4 significant decimals, others as JSON. */
export function formatMetricValue(value: unknown): string {
  if (typeof value === "number")
    return Number.isInteger(value)
      ? value.toLocaleString("en-US")
      : Number(value.toPrecision(6)).toLocaleString("en-US", { maximumFractionDigits: 4 });
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? String(value);
}
