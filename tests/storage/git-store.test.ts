import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, SourceError } from "../../src/errors.js";
import { loadToGit } from "../../src/storage/git-store.js";
import { sha256Hex } from "../../src/util/sha256-hex.js";
import { openStore } from "../../src/storage/open-store.js";
import { parseGitTarget } from "../../src/storage/parse-target.js";
import { recordingEffects } from "../helpers/http-fixture-server.js";

let dir: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    "git",
    [
      "-c",
      "init.defaultBranch=main",
      "-c",
      "user.name=Other",
      "-c",
      "user.email=other@example.com",
      ...args,
    ],
    {
      cwd,
      encoding: "utf8",
    },
  ).trim();
const file = (name: string, text: string, rows = 1) => ({
  name,
  content: new TextEncoder().encode(text),
  rows,
  contentType: "text/csv",
});
const bare = (name: string) => {
  const path = join(dir, name);
  git(dir, "init", "-q", "--bare", path);
  return path;
};
const options = {
  tool: "powerflow etl",
  authorName: "ETL Bot",
  authorEmail: "etl@powerflow.test",
  committerName: "CI Runner",
  committerEmail: "ci@powerflow.test",
  provenance: {
    input: "PJME_hourly.csv",
    sha256: "ab".repeat(32),
    startedAt: "2024-06-01T00:00:00.000Z",
  },
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pf-git-sink-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadToGit", () => {
  it("loadToGit(git+file://…#branch:path) creates the branch, commits with author/committer and provenance, and pushes", async () => {
    const repo = bare("data1.git");
    const written = await loadToGit(
      `git+file://${repo}#cleaned/pjm:outputs/pjme`,
      [
        file("PJME.csv", "time_utc,load_mw\n2024-06-01T00:00:00Z,1\n"),
        file("PJME.manifest.json", "{}\n", 0),
      ],
      options,
      recordingEffects("2024-06-01T01:02:03Z"),
    );
    const head = git(repo, "rev-parse", "refs/heads/cleaned/pjm");
    expect(written).toEqual([
      {
        name: "PJME.csv",
        location: `git+file://${repo}#cleaned/pjm:outputs/pjme/PJME.csv@${head}`,
        sha256: sha256Hex("time_utc,load_mw\n2024-06-01T00:00:00Z,1\n"),
        bytes: 40,
      },
      {
        name: "PJME.manifest.json",
        location: `git+file://${repo}#cleaned/pjm:outputs/pjme/PJME.manifest.json@${head}`,
        sha256: sha256Hex("{}\n"),
        bytes: 3,
      },
    ]);
    expect(git(repo, "show", "-s", "--format=%an <%ae>|%cn <%ce>|%aI", head)).toBe(
      "ETL Bot <etl@powerflow.test>|CI Runner <ci@powerflow.test>|2024-06-01T01:02:03+00:00",
    );
    const message = git(repo, "show", "-s", "--format=%B", head);
    expect(message).toContain("powerflow etl: 2 files from PJME_hourly.csv");
    expect(message).toContain("- outputs/pjme/PJME.csv (1 row, 40 bytes)");
    expect(message).toContain(`sha256: ${"ab".repeat(32)}`);
    expect(git(repo, "show", `${head}:outputs/pjme/PJME.csv`)).toBe(
      "time_utc,load_mw\n2024-06-01T00:00:00Z,1",
    );
  });

  it("loadToGit with unchanged outputs makes no empty commit; changed outputs add one on top", async () => {
    const repo = bare("data2.git");
    const target = `git+file://${repo}#main`;
    await loadToGit(target, [file("a.csv", "1\n")], options, recordingEffects());
    const first = git(repo, "rev-parse", "main");
    const again = await loadToGit(target, [file("a.csv", "1\n")], options, recordingEffects());
    expect(git(repo, "rev-parse", "main")).toBe(first);
    expect(again[0]!.location).toBe(`${target}:a.csv@${first}`);
    await loadToGit(target, [file("a.csv", "2\n")], options, recordingEffects());
    expect(git(repo, "rev-list", "--count", "main")).toBe("2");
    expect(git(repo, "rev-parse", "main~1")).toBe(first);
  });

  it("loadToGit rebases onto a concurrent push that touched other files", async () => {
    const repo = bare("data3.git");
    const target = `git+file://${repo}#main`;
    await loadToGit(target, [file("a.csv", "1\n")], options, recordingEffects());
    const other = join(dir, "other3");
    git(dir, "clone", "-q", repo, other);
    let pushes = 0;
    await loadToGit(
      target,
      [file("a.csv", "2\n")],
      {
        ...options,
        beforePush: async (attempt) => {
          pushes = attempt;
          if (attempt > 1) return;
          writeFileSync(join(other, "notes.md"), "edited by a colleague\n");
          git(other, "add", "notes.md");
          git(other, "commit", "-q", "-m", "colleague");
          git(other, "push", "-q", "origin", "main");
          await Promise.resolve();
        },
      },
      recordingEffects(),
    );
    expect(pushes).toBe(2);
    expect(git(repo, "log", "--format=%s", "main").split("\n")).toEqual([
      "powerflow etl: 1 file from PJME_hourly.csv",
      "colleague",
      "powerflow etl: 1 file from PJME_hourly.csv",
    ]);
    expect(git(repo, "show", "main:a.csv")).toBe("2");
    expect(git(repo, "show", "main:notes.md")).toBe("edited by a colleague");
  });

  it("loadToGit fails clearly when a concurrent push changed the same file, leaving the remote as the other writer made it", async () => {
    const repo = bare("data4.git");
    const target = `git+file://${repo}#main`;
    await loadToGit(target, [file("a.csv", "1\n")], options, recordingEffects());
    const other = join(dir, "other4");
    git(dir, "clone", "-q", repo, other);
    const error = await loadToGit(
      target,
      [file("a.csv", "ours\n")],
      {
        ...options,
        beforePush: async (attempt) => {
          if (attempt > 1) return;
          writeFileSync(join(other, "a.csv"), "theirs\n");
          git(other, "commit", "-q", "-am", "theirs");
          git(other, "push", "-q", "origin", "main");
          await Promise.resolve();
        },
      },
      recordingEffects(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(
      /git branch moved with conflicting changes: main .*our outputs were not pushed/,
    );
    expect(git(repo, "show", "main:a.csv")).toBe("theirs");
  });

  it("loadToGit on a missing repository is a SourceError; bad targets are InputErrors", async () => {
    await expect(
      loadToGit(
        `git+file://${dir}/nope.git#main`,
        [file("a.csv", "1\n")],
        options,
        recordingEffects(),
      ),
    ).rejects.toThrow(/^git ls-remote failed: .* \(expected file:\/\/.*nope.git to accept it\)/);
    expect(() => parseGitTarget("git+file:///r.git#bad..name")).toThrow(InputError);
    expect(() => parseGitTarget("git+file:///r.git#main:../up")).toThrow(/outside the repository/);
    expect(parseGitTarget("git+https://user:tok@bitbucket.org/t/d.git#data/pjm:out")).toEqual({
      remote: "https://user:tok@bitbucket.org/t/d.git",
      branch: "data/pjm",
      path: "out",
    });
    expect(() => parseGitTarget("git+https://user:secret-token@h/x.git#-x")).toThrow(
      /^(?!.*secret-token)/,
    );
  });

  it("openStore(git+…) is the git store", () => {
    expect(
      openStore("git+ssh://git@bitbucket.org/team/data.git#main", recordingEffects()).kind,
    ).toBe("git");
  });
});

describe("runEtl to a git target", () => {
  it("runEtl(--out git+file://…) commits outputs then the manifest, and a re-run commits nothing new", async () => {
    const { normalizeEtlConfig } = await import("../../src/etl/etl-config.js");
    const { runEtl } = await import("../../src/etl/pipeline.js");
    const repo = bare("data5.git");
    const input = join(dir, "in5.csv");
    const rows = Array.from(
      { length: 24 },
      (_, h) => `${new Date(Date.UTC(2024, 5, 1, h)).toISOString()},${500 + h}`,
    );
    writeFileSync(input, `time_utc,load_mw\n${rows.join("\n")}\n`);
    const config = normalizeEtlConfig({
      input,
      out: `git+file://${repo}#etl:pjm`,
      sink: { authorName: "ETL Bot" },
    });
    const manifest = await runEtl(config, recordingEffects());
    expect(manifest.counts.reconciled).toBe(true);
    const files = git(repo, "ls-tree", "-r", "--name-only", "etl").split("\n");
    expect(files).toContain("pjm/in5.manifest.json");
    expect(files.length).toBe(manifest.outputs.length + 1);
    const commits = git(repo, "rev-list", "--count", "etl");
    await runEtl(config, recordingEffects());
    expect(git(repo, "rev-list", "--count", "etl")).toBe(commits);
  });
});
