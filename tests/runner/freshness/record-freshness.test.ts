// What the manifest's reads may hold: no parameter secret, even in a path the notebook read.
import { describe, expect, it } from "vitest";
import { redactFreshness } from "../../../src/runner/freshness/record-freshness.js";
import type { CacheRecord, RecordedReads } from "../../../src/runner/freshness/read-records.js";
import type { RedactedParameters } from "../../../src/runner/params/redact-parameters.js";

const redacted: RedactedParameters = {
  shown: new Map([["bucketSecret", "<secret sha256:0123456789abcdef>"]]),
  changed: new Set(["bucketSecret"]),
  replacements: [["hidden-bucket-7", "<secret sha256:0123456789abcdef>"]],
};

const reads = (path: string): RecordedReads => ({
  files: [{ path, sha256: "a".repeat(64), bytes: 1, via: "fs" }],
  listings: [],
  probes: [],
  env: [],
  network: [],
});

const record = (r: RecordedReads): { reads: RecordedReads; cache: CacheRecord } => ({
  reads: r,
  cache: { key: "k".repeat(64), reasons: [], basis: {} as CacheRecord["basis"] },
});

describe("redactFreshness", () => {
  it("redactFreshness(record) leaves reads without a secret and their key as they are", () => {
    const plain = record(reads("data/a.csv"));
    expect(redactFreshness(plain, redacted)).toEqual(plain);
  });

  it("rewrites a path holding a secret parameter's value and drops the key, with why", () => {
    const result = redactFreshness(record(reads("/mnt/hidden-bucket-7/a.csv")), redacted);
    expect(JSON.stringify(result)).not.toContain("hidden-bucket-7");
    expect(result.reads?.files[0]?.path).toBe("/mnt/<secret sha256:0123456789abcdef>/a.csv");
    expect(result.cache.key).toBeNull();
    expect(result.cache.reasons).toEqual([
      "it read a path or URL holding a secret or credentials, which are not written",
    ]);
  });
});
