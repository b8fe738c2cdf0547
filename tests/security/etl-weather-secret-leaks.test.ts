// A weather URL's credentials (an API key, a token, a URL password) through `powerflow etl
// --weather`: the manifest (inputs and the weather quality report), the weather quarantine CSV
// (its source column), the JSON on stdout and the log lines keep the host and path, never the
// secret; the URL's user and password are sent as Basic authorization. A real HTTP server answers; one weather row is bad so the quarantine names its source.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const HOURS = 72;
const stamp = (h: number) => new Date(Date.UTC(2024, 5, 1, h)).toISOString();
const LOAD = `ts,load_mw\n${Array.from({ length: HOURS }, (_, h) => `${stamp(h)},${1000 + h}`).join("\n")}\n`;
const WEATHER = `time,temp\n${Array.from({ length: HOURS }, (_, h) => `${stamp(h)},${h === 30 ? "n/a" : 20 + (h % 5)}`).join("\n")}\n`;
const LEAKS = ["LeakW1key", "LeakW2tok", "LeakW3pw"];

let http: Server;
let base = "";
let dir = "";
const requested: string[] = [];
const authorizations: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-weather-leaks-"));
  await writeFile(join(dir, "load.csv"), LOAD);
  http = createServer((req, res) => {
    requested.push(req.url ?? "");
    authorizations.push(req.headers.authorization ?? "");
    res.writeHead(200, { "content-type": "text/csv" }).end(WEATHER);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const address = http.address();
  base = `127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => http?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("powerflow etl --weather <URL with credentials>", () => {
  it("keeps the credentials out of the manifest, the weather quarantine, stdout and the logs", async () => {
    const url = `http://user:LeakW3pw@${base}/weather.csv?apikey=LeakW1key&token=LeakW2tok`;
    const out = join(dir, "out");
    const run = await runCli([
      ...["etl", "--input", join(dir, "load.csv"), "--time-col", "ts", "--value-col", "load_mw"],
      ...["--weather", url, "--weather-format", "csv", "--out", out, "--json", "--debug"],
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(requested.some((r) => r.includes("apikey=LeakW1key"))).toBe(true);
    // the URL's user and password went as Basic authorization (fetch refuses them in the URL)
    expect(authorizations).toContain(`Basic ${Buffer.from("user:LeakW3pw").toString("base64")}`);
    const names = await readdir(out);
    expect(names).toContain("load.weather-quarantine.csv");
    const quarantine = await readFile(join(out, "load.weather-quarantine.csv"), "utf8");
    expect(quarantine).toMatch(/\/weather\.csv\?apikey=\*\*\*/);
    const manifest = await readFile(join(out, "load.manifest.json"), "utf8");
    expect(manifest).toMatch(/\/weather\.csv\?apikey=\*\*\*/);
    const texts = await Promise.all(names.map((n) => readFile(join(out, n), "latin1")));
    for (const [where, text] of [
      ["output files", texts.join("\n")],
      ["stdout", run.stdout],
      ["stderr", run.stderr],
    ] as const) {
      for (const leak of LEAKS) expect(text, `${where} holds ${leak}`).not.toContain(leak);
    }
  });
});
