// The headers sent with each attempt: MSAL's own, plus the user agent and framing.

/**
 * MSAL's headers with `User-Agent` prepended by the transport's and `Content-Length` set for
 * `body`; framing headers MSAL may have set are dropped.
 */
export function requestHeaders(
  given: Record<string, string> | undefined,
  body: string | undefined,
  userAgent: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  let callerAgent: string | undefined;
  for (const [name, value] of Object.entries(given ?? {})) {
    const lower = name.toLowerCase();
    // Framing headers are the transport's job; a stale Content-Length would corrupt the request.
    if (["host", "content-length", "transfer-encoding", "connection"].includes(lower)) continue;
    if (lower === "user-agent") callerAgent = value;
    else headers[name] = value;
  }
  headers["user-agent"] = callerAgent === undefined ? userAgent : `${userAgent} ${callerAgent}`;
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  return headers;
}
