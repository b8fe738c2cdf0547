/** Returns `value` with thousands separators and `digits` decimals ("62,009"); "n/a" when not finite. */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return "n/a";
  const fixed = Math.abs(value).toFixed(digits);
  const [whole, fraction] = fixed.split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = value < 0 && Number(fixed) !== 0 ? "−" : "";
  return `${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Returns a signed percentage such as "+2.1 %" or "−0.4 %". */
export function formatPercent(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  const body = formatNumber(value, digits);
  return `${value > 0 && body !== formatNumber(0, digits) ? "+" : ""}${body} %`;
}
