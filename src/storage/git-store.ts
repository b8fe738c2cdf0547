/**
 * The Store of a folder on a branch of a git remote (the "Bitbucket option"):
 * `git+file:///srv/data.git#branch:path` or `git+ssh://git@bitbucket.org/team/data.git#branch`.
 * A write commits every blob to `branch` (created when missing) under `path` in a scratch
 * repository with the git CLI, with the configured author/committer and a message carrying the
 * run's provenance (redacted), then pushes. Streamed content is written straight into the
 * scratch work tree (a temp file there, renamed). Nothing changed → no commit. A concurrent push
 * is fetched and our commit rebased onto it; if that conflicts, the write fails with a
 * SourceError and the remote is left as the other writer made it.
 */
import { join } from "node:path";
import type { Effects } from "../effects.js";
import { SourceError } from "../errors.js";
import { redactSecrets } from "../util/redact-secrets.js";
import { checkBlobPath, checkOutputName } from "./check-output-name.js";
import { fetchBranch, withGitRemote, type Git, type GitIdentity } from "./git-runner.js";
import { MeasuredContent, type ContentMeasure } from "./measure-content.js";
import { parseGitTarget, type GitTarget } from "./parse-target.js";
import type { BlobInput, Store, StoredBlob } from "./store.js";

/** Options of `loadToGit`: the identity, provenance and commit subject, retries and a test hook. */
export interface LoadToGitOptions extends GitIdentity {
  /** provenance lines for the commit message (input, sha256, startedAt, …) */
  provenance?: Record<string, string>;
  /** first words of the commit subject; default "powerflow" */
  tool?: string;
  /** push attempts when the branch moved meanwhile; default 3 */
  maxPushAttempts?: number;
  /** test hook: runs before each push (tests push a concurrent commit here) */
  beforePush?: (attempt: number) => Promise<void>;
}

/** Returns the Store of `target`; `options` set the identity (authorName, …) of its commits. */
export function gitStore(
  target: GitTarget,
  effects: Effects,
  options: LoadToGitOptions = {},
): Store {
  const where = redactSecrets(`git+${target.remote}#${target.branch}`);
  const root = target.path ? `${where}:${target.path}` : where;
  return {
    kind: "git",
    location: root,
    describe: (name) => `${where}:${pathInRepo(target.path, name)}`,
    write: (blobs, context = {}) => loadToGit(target, blobs, { ...options, ...context }, effects),
    read: (name) =>
      withGitRemote(target, options, effects, async (git, _dir, exists) => {
        if (!exists) return undefined;
        const spec = `refs/remotes/origin/${target.branch}:${pathInRepo(target.path, checkBlobPath(name))}`;
        const found = await git(["cat-file", "-e", spec], [1, 128]);
        if (found.code !== 0) return undefined;
        return new Uint8Array((await git(["cat-file", "blob", spec])).bytes);
      }),
    list: ({ recursive = false } = {}) =>
      withGitRemote(target, options, effects, async (git, _dir, exists) => {
        if (!exists) return [];
        const folder = target.path ? `${target.path}/` : "";
        const args = ["ls-tree", ...(recursive ? ["-r"] : []), "-z"];
        const tree = await git([
          ...args,
          `refs/remotes/origin/${target.branch}`,
          "--",
          folder || ".",
        ]);
        return tree.stdout
          .split("\0")
          .map((line) => /^\d+ blob [0-9a-f]+\t(.*)$/s.exec(line)?.[1])
          .filter((path): path is string => path !== undefined && path.startsWith(folder))
          .map((path) => path.slice(folder.length))
          .sort();
      }),
  };
}

/** Commits `blobs` to the target's branch and pushes; returns where each blob went (with commit). */
export async function loadToGit(
  target: string | GitTarget,
  blobs: readonly BlobInput[],
  options: LoadToGitOptions,
  effects: Effects,
): Promise<StoredBlob[]> {
  const t = typeof target === "string" ? parseGitTarget(target) : target;
  for (const blob of blobs) checkOutputName(blob.name);
  return withGitRemote(t, options, effects, async (git, work, exists) => {
    await git(
      exists
        ? ["checkout", "-q", "-B", t.branch, `refs/remotes/origin/${t.branch}`]
        : ["checkout", "-q", "--orphan", t.branch],
    );
    const measures: ContentMeasure[] = [];
    for (const blob of blobs) {
      const content = new MeasuredContent(blob.content);
      await effects.writeFileAtomic(join(work, pathInRepo(t.path, blob.name)), content.chunks());
      measures.push(content.measure());
    }
    await git(["add", "-A", "--", t.path || "."]);
    const changed = (await git(["diff", "--cached", "--quiet"], [1])).code === 1;
    if (changed) {
      await git(["commit", "-q", "--no-verify", "-m", commitMessage(t, blobs, measures, options)]);
      await pushWithRebase(git, t, options);
    } else effects.logger.info(`git ${t.branch}: outputs unchanged, no commit`);
    const where = redactSecrets(`git+${t.remote}#${t.branch}`);
    const written: StoredBlob[] = [];
    for (const [i, blob] of blobs.entries()) {
      // The commit that last changed the file: stable across re-runs that change nothing.
      const rel = pathInRepo(t.path, blob.name);
      const commit = (await git(["rev-list", "-1", "HEAD", "--", rel])).stdout.trim();
      const { sha256, bytes } = measures[i]!;
      written.push({ name: blob.name, location: `${where}:${rel}@${commit}`, sha256, bytes });
    }
    return written;
  });
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
        { location: redactSecrets(t.remote) },
      );
    }
    await fetchBranch(git, t.branch);
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

// `name` passed checkOutputName (or checkBlobPath).
function pathInRepo(path: string, name: string): string {
  return path ? `${path}/${name}` : name;
}

function commitMessage(
  t: GitTarget,
  blobs: readonly BlobInput[],
  measures: readonly ContentMeasure[],
  options: LoadToGitOptions,
): string {
  const provenance = Object.entries(options.provenance ?? {}).map(
    ([k, v]) => `${k}: ${redactSecrets(v)}`,
  );
  const list = blobs.map((b, i) => {
    const rows = b.rows === undefined ? "" : `${b.rows} row${b.rows === 1 ? "" : "s"}, `;
    return `- ${pathInRepo(t.path, b.name)} (${rows}${measures[i]!.bytes} bytes)`;
  });
  const input = options.provenance?.input;
  const subject = `${options.tool ?? "powerflow"}: ${blobs.length} file${blobs.length === 1 ? "" : "s"}${input ? ` from ${redactSecrets(input)}` : ""}`;
  return [subject, "", ...list, "", ...provenance].join("\n").trimEnd() + "\n";
}
