/**
 * The git CLI as the git store drives it: one scratch repository per operation with `origin` set
 * to the remote, a fixed author/committer and date, no hooks, no signing, no prompts, and every
 * error message and location redacted (a remote URL may carry a token).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Effects } from "../effects.js";
import { SourceError } from "../errors.js";
import { redactSecrets } from "../util/redact-secrets.js";
import type { GitTarget } from "./parse-target.js";

/** Who commits, and the test hook around pushes. */
export interface GitIdentity {
  /** default "PowerFlow ETL" */
  authorName?: string;
  /** default "powerflow@localhost" */
  authorEmail?: string;
  /** default: the author */
  committerName?: string;
  committerEmail?: string;
}

/** What one git command printed; `bytes` is stdout unconverted (file contents). */
export interface GitResult {
  code: number;
  stdout: string;
  bytes: Buffer;
  stderr: string;
}

/** Runs `git <args>` in the scratch repository; exit codes in `okCodes` resolve instead of throwing. */
export type Git = (args: string[], okCodes?: number[]) => Promise<GitResult>;

/**
 * Runs `work` in a fresh scratch repository whose `origin` is the target's remote, with the
 * target branch fetched (when it exists) into `refs/remotes/origin/<branch>`; removes it after.
 */
export async function withGitRemote<T>(
  t: GitTarget,
  identity: GitIdentity,
  effects: Effects,
  work: (git: Git, dir: string, branchExists: boolean) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "powerflow-git-"));
  const git = gitRunner(dir, t.remote, identity, effects);
  try {
    await git(["init", "-q"]);
    await git(["remote", "add", "origin", t.remote]);
    const ls = await git(["ls-remote", "--heads", "origin", `refs/heads/${t.branch}`]);
    const exists = ls.stdout.trim() !== "";
    if (exists) await fetchBranch(git, t.branch);
    return await work(git, dir, exists);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Fetches `branch` of origin into `refs/remotes/origin/<branch>`, replacing what was there. */
export async function fetchBranch(git: Git, branch: string): Promise<void> {
  await git(["fetch", "-q", "origin", `+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
}

function gitRunner(work: string, remote: string, identity: GitIdentity, effects: Effects): Git {
  const name = identity.authorName ?? "PowerFlow ETL";
  const email = identity.authorEmail ?? "powerflow@localhost";
  const date = effects.now().toISOString();
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: identity.committerName ?? name,
    GIT_COMMITTER_EMAIL: identity.committerEmail ?? email,
    GIT_COMMITTER_DATE: date,
  };
  const base = [
    "-C",
    work,
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "init.defaultBranch=main",
    "-c",
    "advice.detachedHead=false",
  ];
  const options = { env, maxBuffer: 1 << 30, encoding: "buffer" as const };
  return (args, okCodes = []) =>
    new Promise((resolve, reject) => {
      execFile("git", [...base, ...args], options, (error, out, err) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        const stdout = out.toString("utf8");
        const stderr = err.toString("utf8");
        if (code === 0 || okCodes.includes(code))
          return resolve({ code, stdout, bytes: out, stderr });
        reject(
          new SourceError(
            "git",
            redactSecrets(
              `git ${args[0]} failed: ${stderr.trim().split("\n").slice(-3).join(" | ") || error?.message} (expected ${remote} to accept it)`,
            ),
            { location: redactSecrets(remote), cause: error },
          ),
        );
      });
    });
}
