import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { pickShards, shardFolder, shardParameters } from "../../../src/runner/deploy/pick-shard.js";

describe("pickShards", () => {
  it("pickShards(['zone=ALPHA,BETA,GAMMA'], '1') returns the second zone", () => {
    expect(pickShards(["zone=ALPHA,BETA,GAMMA"], "1")).toEqual([
      { name: "zone", value: "BETA", index: 1, count: 3 },
    ]);
    expect(pickShards([" zone=ALPHA , BETA "], " 0")[0]!.value).toBe("ALPHA");
  });

  it("picks the same position from every parallel list", () => {
    const shards = pickShards(["zone=ALPHA,BETA", "input=data/a.csv,data/b.csv"], "1");
    expect(shards.map((s) => [s.name, s.value])).toEqual([
      ["zone", "BETA"],
      ["input", "data/b.csv"],
    ]);
    expect(shardParameters(shards)).toEqual([
      { name: "zone", value: "BETA", fromText: true, origin: "--shard" },
      { name: "input", value: "data/b.csv", fromText: true, origin: "--shard" },
    ]);
  });

  it("rejects an index outside the values, naming the valid range", () => {
    expect(() => pickShards(["zone=ALPHA,BETA"], "2")).toThrow(InputError);
    expect(() => pickShards(["zone=ALPHA,BETA"], "2")).toThrow(
      /^invalid --shard-index: "2" \(expected an integer from 0 to 1, one per value of zone\)$/,
    );
    // Kubernetes leaves $(VAR) as-is when the variable is undefined (not an Indexed Job).
    expect(() => pickShards(["zone=ALPHA,BETA"], "$(JOB_COMPLETION_INDEX)")).toThrow(
      /invalid --shard-index/,
    );
    expect(() => pickShards(["zone=ALPHA,BETA"], "-1")).toThrow(/invalid --shard-index/);
  });

  it("rejects malformed specs, empty, repeated and unequal lists", () => {
    expect(() => pickShards([], "0")).toThrow(/^missing --shard/);
    expect(() => pickShards(["zone"], "0")).toThrow(
      /^invalid --shard: "zone" \(expected NAME=VALUE,VALUE/,
    );
    expect(() => pickShards(["zone=A,,B"], "0")).toThrow(/invalid --shard: "zone=A,,B"/);
    expect(() => pickShards(["zone=A,B,A"], "0")).toThrow(/lists A twice/);
    expect(() => pickShards(["zone=A,B", "input=a.csv"], "0")).toThrow(
      /^invalid --shard: "input=a.csv" has 1 values \(expected 2, as many as zone\)$/,
    );
    expect(() => pickShards(["zone=A,B", "zone=C,D"], "0")).toThrow(/zone is given twice/);
  });
});

describe("shardFolder", () => {
  it("names the shard's folder name=value from its first list and refuses values unsafe in a path", () => {
    expect(shardFolder(pickShards(["zone=PJM_EAST.1", "input=x/y.csv"], "0"))).toBe(
      "zone=PJM_EAST.1",
    );
    expect(() => shardFolder(pickShards(["zone=a/b"], "0"))).toThrow(
      /invalid --shard value for a folder name: "a\/b"/,
    );
  });
});
