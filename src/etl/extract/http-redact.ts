/**
 * Secret redaction for HTTP sources: API keys and tokens must never reach a log line, an error
 * message or a manifest. Every message an HTTP source builds passes through `redactSecrets`.
 */

/** Query parameters whose values are always secret, whatever their value. */
const SECRET_PARAMS =
  /([?&](?:api_key|apikey|key|token|securityToken|access_token|password)=)[^&#\s"']*/gi;

/** Returns `text` with every secret (raw or URL-encoded) and secret query values replaced by `***`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(SECRET_PARAMS, "$1***");
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      out = out.split(form).join("***");
  }
  return out.replace(/(\/\/[^/@\s:]+:)[^/@\s]+@/g, "$1***@");
}
