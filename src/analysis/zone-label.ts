/** Returns `zone` when given, else the input file's base name without extensions and an `_hourly` suffix ("PJME"). */
export function zoneLabel(input: string, zone = ""): string {
  if (zone.trim() !== "") return zone.trim();
  const base =
    input
      .replace(/[?#].*$/, "")
      .split(/[\\/]/)
      .pop() ?? input;
  const stem = base.replace(/(\.csv)?(\.gz)?$/i, "").replace(/_hourly$/i, "");
  return stem === "" ? "load" : stem;
}
