/**
 * The one reading of an output target (`--out`, a model folder): a local folder (a path or
 * `file:` URL), Cloud Storage (`gs://bucket/prefix`) or a branch of a git remote
 * (`git+<file|ssh|http|https>://…#branch[:path]`). Anything else is an InputError naming the
 * three forms.
 */
import { basename, dirname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../errors.js";
import { redactSecrets } from "../util/redact-secrets.js";
import { urlSchemeOf } from "../util/url-scheme-of.js";
import { parseGsUri } from "./gcs-client.js";

/** A local folder; `path` as given (a `file:` URL turned into a path). */
export interface LocalTarget {
  kind: "local";
  path: string;
}

/** A Cloud Storage prefix; `prefix` without leading or trailing slashes ("" = bucket root). */
export interface GcsTarget {
  kind: "gcs";
  bucket: string;
  prefix: string;
}

/** A folder on a branch of a git remote. */
export interface GitTarget {
  /** the remote URL without `git+` (may hold credentials: redact before showing it) */
  remote: string;
  /** default "main" */
  branch: string;
  /** folder inside the repository ("" = root) */
  path: string;
}

/** A parsed output target. */
export type StoreTarget = LocalTarget | GcsTarget | ({ kind: "git" } & GitTarget);

const EXPECTED = "expected a local folder, gs://bucket/prefix or git+<url>#branch[:path]";

/** Returns what `out` names; throws InputError for an empty or unsupported target. */
export function parseTarget(out: string): StoreTarget {
  if (out.trim() === "") throw new InputError(`output target empty: "${out}" (${EXPECTED})`);
  const scheme = urlSchemeOf(out);
  if (scheme === undefined) return { kind: "local", path: out };
  if (scheme === "file") return { kind: "local", path: fileTargetPath(out) };
  if (scheme === "gs") {
    const { bucket, name } = parseGsUri(out);
    return { kind: "gcs", bucket, prefix: name.replace(/^\/+|\/+$/g, "") };
  }
  if (scheme.startsWith("git+")) return { kind: "git", ...parseGitTarget(out) };
  throw new InputError(`output target unsupported: "${redactSecrets(out)}" (${EXPECTED})`);
}

/** Splits a file's URI or path into its folder's target and its name (`gs://b/x/f.csv` → `gs://b/x`, `f.csv`). */
export function parseFileTarget(uri: string): { target: StoreTarget; name: string } {
  const scheme = urlSchemeOf(uri);
  if (scheme === undefined || scheme === "file") {
    const path = scheme === "file" ? fileTargetPath(uri) : uri;
    return { target: { kind: "local", path: dirname(path) }, name: basename(path) };
  }
  const cut = uri.lastIndexOf("/");
  return { target: parseTarget(uri.slice(0, cut)), name: uri.slice(cut + 1) };
}

/** Parses `git+<url>#<branch>[:<path>]`; throws InputError (the URL's credentials redacted). */
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

function fileTargetPath(out: string): string {
  if (!out.startsWith("file://")) return out.slice("file:".length);
  try {
    return fileURLToPath(out);
  } catch (error) {
    throw new InputError(`file URL not local: "${out}" (expected file:///absolute/path)`, {
      cause: error,
    });
  }
}
