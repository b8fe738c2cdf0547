import { describe, expect, it } from "vitest";
import { createProgressReporter } from "../../src/runner/progress.js";

const events = [
  { type: "notebook-start", name: "a" },
  { type: "cell-start", name: "a", codeCellNumber: 1, codeCellCount: 2 },
  {
    type: "cell-end",
    name: "a",
    cellIndex: 0,
    status: "ok",
    durationMs: 1234,
    codeCellNumber: 1,
    codeCellCount: 2,
  },
  { type: "notebook-end", name: "a", status: "ok", durationMs: 2500, location: "reports/a.html" },
] as const;

describe("createProgressReporter", () => {
  it("plain mode writes one line per cell and per notebook", () => {
    let text = "";
    const report = createProgressReporter("plain", (t) => (text += t));
    for (const e of events) report(e);
    expect(text).toBe(
      "run a: start\nrun a: cell 1/2 ok 1.23 s\nrun a ok 2.50 s → reports/a.html\n",
    );
  });

  it("live mode redraws one status line and keeps the final line", () => {
    let text = "";
    const report = createProgressReporter("live", (t) => (text += t));
    for (const e of events) report(e);
    expect(text).toContain("\r\u001b[Ka cell 1/2");
    expect(text.endsWith("run a ok 2.50 s → reports/a.html\n\r\u001b[K")).toBe(true);
  });

  it("quiet mode writes nothing", () => {
    let text = "";
    const report = createProgressReporter("quiet", (t) => (text += t));
    for (const e of events) report(e);
    expect(text).toBe("");
  });
});
