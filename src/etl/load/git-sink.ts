/**
 * The git remote sink (the "Bitbucket option"): `--out git+file:///srv/data.git#branch:path`
 * or `git+ssh://git@bitbucket.org/team/data.git#branch`. Outputs are committed to `branch`
 * (created when missing) under `path` in a temporary worktree with the git CLI, with the
 * configured author/committer and a message carrying the run's provenance, then pushed.
 * Nothing changed → no commit. A concurrent push is fetched and our commit rebased onto it;
 * if that conflicts, the run fails with a SourceError and the remote is left as the other
 * writer made it.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import type { Effects } from "../../effects.js";
import { InputError, SourceError } from "../../errors.js";
import { redactSecrets } from "../../util/redact-secrets.js";
import type { EtlSink, OutputFile, WrittenFile } from "../sinks.js";
import { checkOutputName } from "./check-output-name.js";

/** Options of `loadToGit`. */
export interface LoadToGitOptions {
  /** default "PowerFlow ETL" */
  authorName?: string;
  /** default "powerflow@localhost" */
  authorEmail?: string;
  /** default: the author */
  committerName?: string;
  committerEmail?: string;
  /** provenance lines for the commit message (input, sha256, startedAt, …) */
  provenance?: Record<string, string>;
  /** push attempts when the branch moved meanwhile; default 3 */
  maxPushAttempts?: number;
  /** test hook: runs before each push (tests push a concurrent commit here) */
  beforePush?: (attempt: number) => Promise<void>;
}

/** A parsed `git+…` target. */
export interface GitTarget {
  remote: string;
  branch: string;
  /** folder inside the repository ("" = root) */
  path: string;
}

/** Parses `git+<url>#<branch>[:<path>]`; throws InputError. */
export function parseGitTarget(target: string): GitTarget {
  const m = /^git\+((?:file|ssh|https?):\/\/[^#]+)(?:#([^:]+)(?::(.*))?)?$/.exec(target);
  if (!m) {
    throw new InputError(
      `git target malformed: "${redactSecrets(target)}" (expected git+file:///repo.git#branch or git+ssh://host/repo.git#branch[:path])`,
    );
  }
  const branch = m[2] ?? "main";
  if (
    !/^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$/.test(branch) ||
    branch.endsWith("/") ||
    branch.endsWith(".lock")
  ) {
    throw new InputError(
      `git branch name invalid: "${branch}" (expected a name like main or data/pjm)`,
    );
  }
  const path = normalize(m[3] ?? ".")
    .replace(/^\.\/?$/, "")
    .replace(/\/+$/, "");
  if (path.startsWith("..") || path.startsWith("/")) {
    throw new InputError(`git path outside the repository: "${m[3]}" (expected a relative folder)`);
  }
  return { remote: m[1]!, branch, path };
}

/** Commits `files` to the target branch and pushes; returns where each file went (with commit). */
export async function loadToGit(
  target: string,
  files: readonly OutputFile[],
  options: LoadToGitOptions,
  effects: Effects,
): Promise<WrittenFile[]> {
  const t = parseGitTarget(target);
  for (const file of files) checkOutputName(file.name);
  const work = await mkdtemp(join(tmpdir(), "powerflow-git-"));
  const git = gitRunner(work, t.remote, options, effects);
  try {
    await git(["init", "-q"]);
    await git(["remote", "add", "origin", t.remote]);
    const exists = await fetchBranch(git, t.branch);
    await git(
      exists
        ? ["checkout", "-q", "-B", t.branch, `refs/remotes/origin/${t.branch}`]
        : ["checkout", "-q", "--orphan", t.branch],
    );
    for (const file of files) {
      const rel = pathInRepo(t.path, file.name);
      await mkdir(dirname(join(work, rel)), { recursive: true });
      await writeFile(join(work, rel), file.bytes);
    }
    await git(["add", "-A", "--", t.path || "."]);
    const changed = (await git(["diff", "--cached", "--quiet"], [1])).code === 1;
    if (changed) {
      await git(["commit", "-q", "--no-verify", "-m", commitMessage(t, files, options)]);
      await pushWithRebase(git, t, options);
    } else effects.logger.info(`git ${t.branch}: outputs unchanged, no commit`);
    const where = redactSecrets(`git+${t.remote}#${t.branch}`);
    const written: WrittenFile[] = [];
    for (const f of files) {
      // The commit that last changed the file: stable across re-runs that change nothing.
      const rel = pathInRepo(t.path, f.name);
      const commit = (await git(["rev-list", "-1", "HEAD", "--", rel])).stdout.trim();
      written.push({ name: f.name, location: `${where}:${rel}@${commit}` });
    }
    return written;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The git sink of the ETL registry; settings: authorName, authorEmail, committerName, committerEmail. */
export const gitSink: EtlSink = {
  name: "git",
  matches: (target) => target.startsWith("git+"),
  write: (target, files, context, effects) => {
    const s = context.settings ?? {};
    const options: LoadToGitOptions = { provenance: context.provenance };
    for (const key of ["authorName", "authorEmail", "committerName", "committerEmail"] as const) {
      const value = s[key];
      if (typeof value === "string") options[key] = value;
    }
    return loadToGit(target, files, options, effects);
  },
};

type Git = (
  args: string[],
  okCodes?: number[],
) => Promise<{ code: number; stdout: string; stderr: string }>;

function gitRunner(work: string, remote: string, options: LoadToGitOptions, effects: Effects): Git {
  const name = options.authorName ?? "PowerFlow ETL";
  const email = options.authorEmail ?? "powerflow@localhost";
  const date = effects.now().toISOString();
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: options.committerName ?? name,
    GIT_COMMITTER_EMAIL: options.committerEmail ?? email,
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
  return (args, okCodes = []) =>
    new Promise((resolve, reject) => {
      execFile("git", [...base, ...args], { env, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (code === 0 || okCodes.includes(code)) return resolve({ code, stdout, stderr });
        reject(
          new SourceError(
            "git",
            redactSecrets(
              `git ${args[0]} failed: ${stderr.trim().split("\n").slice(-3).join(" | ") || error?.message} (expected ${remote} to accept it)`,
            ),
            {
              location: redactSecrets(remote),
              cause: error,
            },
          ),
        );
      });
    });
}

async function fetchBranch(git: Git, branch: string): Promise<boolean> {
  const ls = await git(["ls-remote", "--heads", "origin", `refs/heads/${branch}`]);
  if (ls.stdout.trim() === "") return false;
  await git(["fetch", "-q", "origin", `+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
  return true;
}

async function pushWithRebase(git: Git, t: GitTarget, options: LoadToGitOptions): Promise<void> {
  const attempts = options.maxPushAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    await options.beforePush?.(attempt);
    const push = await git(["push", "-q", "origin", `HEAD:refs/heads/${t.branch}`], [1]);
    if (push.code === 0) return;
    if (
      !/rejected|non-fast-forward|fetch first|stale info/i.test(push.stderr) ||
      attempt >= attempts
    ) {
      throw new SourceError(
        "git",
        redactSecrets(
          `git push rejected: ${t.branch} after ${attempt} attempts: ${push.stderr.trim().split("\n").slice(-2).join(" | ")} (expected the branch to accept a fast-forward)`,
        ),
        {
          location: redactSecrets(t.remote),
        },
      );
    }
    await git(["fetch", "-q", "origin", `+refs/heads/${t.branch}:refs/remotes/origin/${t.branch}`]);
    const rebase = await git(["rebase", "-q", `refs/remotes/origin/${t.branch}`], [1, 128]);
    if (rebase.code !== 0) {
      await git(["rebase", "--abort"], [1, 128]);
      throw new SourceError(
        "git",
        redactSecrets(
          `git branch moved with conflicting changes: ${t.branch} (expected a concurrent push that touches other files; our outputs were not pushed)`,
        ),
        { location: redactSecrets(t.remote) },
      );
    }
  }
}

// `name` passed checkOutputName in loadToGit.
function pathInRepo(path: string, name: string): string {
  return path ? `${path}/${name}` : name;
}

function commitMessage(
  t: GitTarget,
  files: readonly OutputFile[],
  options: LoadToGitOptions,
): string {
  const provenance = Object.entries(options.provenance ?? {}).map(
    ([k, v]) => `${k}: ${redactSecrets(v)}`,
  );
  const list = files.map(
    (f) =>
      `- ${pathInRepo(t.path, f.name)} (${f.rows} row${f.rows === 1 ? "" : "s"}, ${f.bytes.length} bytes)`,
  );
  const subject = `powerflow etl: ${files.length} file${files.length === 1 ? "" : "s"}${options.provenance?.input ? ` from ${redactSecrets(options.provenance.input)}` : ""}`;
  return [subject, "", ...list, "", ...provenance].join("\n").trimEnd() + "\n";
}
