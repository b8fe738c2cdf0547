/**
 * The one secret redaction of PowerFlow: every manifest, log line, error message, file metadata
 * entry, report and commit message that may carry a user-supplied value passes through it.
 * It removes URL passwords (`scheme://user:pw@host`, `scheme://:pw@host`, passwords holding `@`),
 * the values of secret-looking query parameters (tokens, keys, passwords, signed-URL
 * signatures and credentials) and any value the caller names as secret (raw or URL-encoded).
 */

/** Query parameter names whose values are always secret (compared case-insensitively). */
export const SECRET_QUERY_PARAMETERS: readonly string[] = [
  "token",
  "key",
  "api_key",
  "apikey",
  "api-key",
  "password",
  "passwd",
  "pwd",
  "sslpassword",
  "secret",
  "sig",
  "signature",
  "access_token",
  "refresh_token",
  "id_token",
  "auth",
  "authorization",
  "credential",
  "credentials",
  "securityToken",
  "X-Goog-Signature",
  "X-Goog-Credential",
  "X-Amz-Signature",
  "X-Amz-Credential",
  "X-Amz-Security-Token",
  "GoogleAccessId",
];

const escaped = SECRET_QUERY_PARAMETERS.map((n) => n.replace(/[-]/g, "\\-")).join("|");
// A listed name, or any name ending in secret/password/token (client_secret, db_password, …).
const SECRET_QUERY = new RegExp(
  `([?&;](?:${escaped}|[\\w.-]*(?:secret|password|passwd|token))=)[^&#\\s"'<>\\\\]*`,
  "gi",
);
// scheme://[user]:password@host — the password runs to the LAST @ before the host, so a
// password holding "@" is removed whole; it never spans /, ?, #, quotes or whitespace.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'<>\\]*:)[^\s/?#"'<>\\]*@/gi;

// An object key whose string value is a credential (config settings, JSON bodies).
const SECRET_KEY = /(?:password|passwd|secret|token|api_?key|credential|signature)$/i;

/** The replacement every redacted value gets. */
export const REDACTED = "***";

/**
 * Returns `text` with URL passwords, secret query values and every string of `secrets`
 * (raw or URL-encoded; shorter than 4 characters ignored) replaced by `***`.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      out = out.split(form).join(REDACTED);
  }
  return out.replace(SECRET_QUERY, `$1${REDACTED}`).replace(URL_PASSWORD, `$1${REDACTED}@`);
}

/**
 * Returns a copy of `value` (JSON-like data: strings, arrays, plain objects; other values kept
 * as they are) with `redactSecrets` applied to every string in it, keys included, and the
 * string under a secret-looking key (password, token, apiKey, client_secret, …) replaced whole.
 */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[] = []): T {
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets));
  if (value !== null && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        redactSecrets(k, secrets),
        typeof v === "string" && SECRET_KEY.test(k) && v !== "" ? REDACTED : walk(v, secrets),
      ]),
    );
  return value;
}
