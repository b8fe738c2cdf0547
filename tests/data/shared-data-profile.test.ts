import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { describeWithSharedData, sharedDataFile } from "../helpers/shared-data.js";

// Row counts, headers and first stamps as documented in ../shared/data/README.md.
const FILES = [
  { file: "PJME_hourly.csv", rows: 145_366, header: "Datetime,PJME_MW", crlf: false },
  { file: "AEP_hourly.csv", rows: 121_273, header: "Datetime,AEP_MW", crlf: false },
  { file: "COMED_hourly.csv", rows: 66_497, header: "Datetime,COMED_MW", crlf: false },
  { file: "DOM_hourly.csv", rows: 116_189, header: "Datetime,DOM_MW", crlf: false },
  { file: "NI_hourly.csv", rows: 58_450, header: "Datetime,NI_MW", crlf: true },
];

describeWithSharedData("shared real data profile", () => {
  for (const spec of FILES) {
    it(`${spec.file} has ${spec.rows} data rows under "${spec.header}"`, async () => {
      const text = await readFile(sharedDataFile(spec.file), "utf8");
      const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
      expect(lines[0]).toBe(spec.header);
      expect(lines.length - 1).toBe(spec.rows);
      expect(text.includes("\r\n")).toBe(spec.crlf);
    });
  }

  it("opsd_germany_daily.csv has 4,383 days from 1/1/2006 to 12/31/2017", async () => {
    const text = await readFile(sharedDataFile("opsd_germany_daily.csv"), "utf8");
    const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
    expect(lines.length - 1).toBe(4383);
    expect(lines[1]!.startsWith("1/1/2006,")).toBe(true);
    expect(lines[lines.length - 1]!.startsWith("12/31/2017,")).toBe(true);
  });
});
