import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseFileTarget, parseTarget } from "../../src/storage/parse-target.js";

describe("parseTarget", () => {
  it("parseTarget(path or file: URL) is a local folder", () => {
    expect(parseTarget("reports")).toEqual({ kind: "local", path: "reports" });
    expect(parseTarget("/srv/out/")).toEqual({ kind: "local", path: "/srv/out/" });
    expect(parseTarget("C:\\data\\out")).toEqual({ kind: "local", path: "C:\\data\\out" });
    expect(parseTarget("file:///srv/my%20out")).toEqual({ kind: "local", path: "/srv/my out" });
    expect(parseTarget("file:rel/out")).toEqual({ kind: "local", path: "rel/out" });
  });

  it("parseTarget(gs://bucket/prefix) is a GCS prefix without surrounding slashes", () => {
    expect(parseTarget("gs://pf-data/runs/a/")).toEqual({
      kind: "gcs",
      bucket: "pf-data",
      prefix: "runs/a",
    });
    expect(parseTarget("gs://pf-data")).toEqual({ kind: "gcs", bucket: "pf-data", prefix: "" });
  });

  it("parseTarget(git+…#branch:path) is a git folder; the branch defaults to main", () => {
    expect(parseTarget("git+ssh://git@bitbucket.org/team/data.git#data/pjm:out/x")).toEqual({
      kind: "git",
      remote: "ssh://git@bitbucket.org/team/data.git",
      branch: "data/pjm",
      path: "out/x",
    });
    expect(parseTarget("git+file:///srv/data.git")).toEqual({
      kind: "git",
      remote: "file:///srv/data.git",
      branch: "main",
      path: "",
    });
  });

  it("parseTarget refuses other schemes, empty targets, bad buckets and git targets with InputError", () => {
    const cases: [string, RegExp][] = [
      [
        "s3://bucket/x",
        /^output target unsupported: "s3:\/\/bucket\/x" \(expected a local folder, gs:\/\/bucket\/prefix or git\+<url>#branch\[:path\]\)$/,
      ],
      ["", /^output target empty: "" \(expected a local folder/],
      [
        "gs://Bad_Bucket/x",
        /^GCS URI malformed: "gs:\/\/Bad_Bucket\/x" \(expected gs:\/\/bucket\/path\)$/,
      ],
      ["git+ftp://host/r.git#main", /^git target malformed: /],
      ["git+file:///r.git#main:../up", /^git path outside the repository: "..\/up"/],
      [
        "file://otherhost/x",
        /^file URL not local: "file:\/\/otherhost\/x" \(expected file:\/\/\/absolute\/path\)$/,
      ],
    ];
    for (const [target, message] of cases) {
      const error = (() => {
        try {
          return parseTarget(target);
        } catch (e) {
          return e;
        }
      })();
      expect(error, target).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("parseTarget keeps a URL's password out of its error message", () => {
    expect(() => parseTarget("sftp://user:hunter22@host/x")).toThrow(/^(?!.*hunter22)/);
    expect(() => parseTarget("git+https://u:secret-token@h/x.git#-bad")).toThrow(
      /^(?!.*secret-token)/,
    );
  });

  it("parseFileTarget splits a file's URI into its folder's target and its name", () => {
    expect(parseFileTarget("out/forecast.csv")).toEqual({
      target: { kind: "local", path: "out" },
      name: "forecast.csv",
    });
    expect(parseFileTarget("gs://pf-data/f/day.csv")).toEqual({
      target: { kind: "gcs", bucket: "pf-data", prefix: "f" },
      name: "day.csv",
    });
    expect(parseFileTarget("gs://pf-data/day.csv").target).toEqual({
      kind: "gcs",
      bucket: "pf-data",
      prefix: "",
    });
  });
});
