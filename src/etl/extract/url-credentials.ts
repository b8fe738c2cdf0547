/**
 * HTTP(S) URLs with credentials (`https://user:password@host/…`): fetch refuses them, so the
 * user and password move into a Basic `Authorization` header and the request goes to the URL
 * without them. Headers given explicitly keep their own Authorization.
 */

/** The URL to request and the headers to send for `url` (unchanged without credentials). */
export function withUrlCredentials(
  url: string,
  headers: Record<string, string> | undefined,
): { url: string; headers: Record<string, string> | undefined } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, headers };
  }
  if (parsed.username === "" && parsed.password === "") return { url, headers };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = "";
  parsed.password = "";
  const own = Object.keys(headers ?? {}).some((k) => k.toLowerCase() === "authorization");
  if (own) return { url: parsed.href, headers };
  const token = Buffer.from(`${user}:${password}`, "utf8").toString("base64");
  return { url: parsed.href, headers: { ...headers, Authorization: `Basic ${token}` } };
}
