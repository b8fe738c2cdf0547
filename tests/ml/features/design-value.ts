/** Reads one named feature of a design row in the feature tests. */

/** The value of feature `name` in row `row` of a row-major design with columns `names`. */
export function valueOf(x: Float64Array, names: string[], name: string, row = 0): number {
  const at = names.indexOf(name);
  if (at < 0) throw new Error(`no feature ${name}`);
  return x[row * names.length + at]!;
}
