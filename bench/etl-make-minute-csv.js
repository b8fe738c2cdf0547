// Writes a minute-resolution load CSV (`Datetime,Load_MW`, naive UTC stamps) of N rows with
// 0.1 % duplicated rows, streamed so even 10M rows use little memory. Deterministic (LCG).
import { createWriteStream } from "node:fs";
import { once } from "node:events";

export async function makeMinuteCsv(path, rows) {
  const out = createWriteStream(path);
  out.write("Datetime,Load_MW\n");
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const start = Date.UTC(2015, 0, 1);
  let written = 0;
  let minute = 0;
  let buffer = [];
  while (written < rows) {
    const t = start + minute * 60_000;
    const iso = new Date(t).toISOString();
    const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    const hour = (t / 3_600_000) % 24;
    const load = 10000 + 2500 * Math.sin(((hour - 6) / 24) * 2 * Math.PI) + 300 * rand();
    const line = `${stamp},${load.toFixed(1)}`;
    buffer.push(line);
    written++;
    if (rand() < 0.001 && written < rows) {
      buffer.push(line);
      written++;
    }
    minute++;
    if (buffer.length >= 50_000) {
      if (!out.write(`${buffer.join("\n")}\n`)) await once(out, "drain");
      buffer = [];
    }
  }
  if (buffer.length > 0) out.write(`${buffer.join("\n")}\n`);
  out.end();
  await once(out, "finish");
}
