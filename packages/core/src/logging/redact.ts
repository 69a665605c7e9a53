/**
 * Scrubs secrets from text before it reaches a log line or an error message: OAuth form and
 * query parameters that carry credentials, JSON fields of token responses, bearer headers and
 * anything shaped like a JWT. It works on text, so it also cleans MSAL's own log lines.
 */

const secretParameters = [
  "code",
  "client_secret",
  "client_assertion",
  "code_verifier",
  "refresh_token",
  "access_token",
  "id_token",
  "assertion",
  "password",
  "token",
  "secret",
  "sig",
  "client_info",
];

const parameterNames = secretParameters.join("|");
// key=value in query strings, fragments (implicit-flow redirects carry `#access_token=`) and
// form bodies; the value ends at &, #, whitespace or a quote.
const formPattern = new RegExp(`([?&#;,\\s"']|^)(${parameterNames})=([^&\\s"'#]+)`, "gi");
// "key": "value" in JSON bodies.
const jsonPattern = new RegExp(`("(?:${parameterNames})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi");
// The credential runs to the next whitespace, quote or comma: cutting it at the first character
// outside base64 would leave the rest of a token with "!", "*" or "$" in the text.
const bearerPattern = /\b(Bearer|Basic|PoP)\s+[^\s"',;]{8,}/gi;
// Three base64url segments starting with a JSON header ("eyJ"): a JWT, signed or not.
const jwtPattern = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/** The placeholder that replaces a secret. */
export const redactedPlaceholder = "[redacted]";

/**
 * Returns `text` with every recognisable secret replaced by `[redacted]`.
 *
 * @example
 * ```ts
 * redact("grant_type=authorization_code&code=0.AXk...&client_secret=abc");
 * // "grant_type=authorization_code&code=[redacted]&client_secret=[redacted]"
 * ```
 */
export function redact(text: string): string {
  return text
    .replace(jwtPattern, redactedPlaceholder)
    .replace(bearerPattern, `$1 ${redactedPlaceholder}`)
    .replace(jsonPattern, `$1"${redactedPlaceholder}"`)
    .replace(formPattern, `$1$2=${redactedPlaceholder}`);
}

/** Returns the URL without its query string and fragment, which may hold codes or tokens. */
export function redactUrl(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : `${url.slice(0, cut)}?${redactedPlaceholder}`;
}

/**
 * A redactor that also removes exact values known to be secret (a client secret, an
 * authorization code), raw and URL-encoded, for text whose shape the patterns cannot recognise.
 * Values shorter than 4 characters are ignored: removing them would shred ordinary text.
 *
 * @param secrets - the values to remove; `undefined` entries are skipped.
 * @example
 * ```ts
 * const scrub = createRedactor([options.clientSecret]);
 * logger.verbose(scrub(msalMessage));
 * ```
 */
export function createRedactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const known = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret.length < 4) continue;
    known.add(secret);
    // A form body carries the secret encoded ("~" becomes %7E, " " becomes +).
    try {
      known.add(encodeURIComponent(secret));
    } catch {
      // A lone surrogate cannot be percent-encoded; the URLSearchParams form below still is.
    }
    known.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  // Longest first, so a secret that contains a shorter one is removed whole.
  const ordered = [...known].sort((a, b) => b.length - a.length);
  return (text) => {
    // Exact values go before the patterns: a pattern may cut a value at "&" or a quote and
    // leave the rest of it where no exact match can find it any more.
    let out = text;
    for (const secret of ordered) out = out.split(secret).join(redactedPlaceholder);
    return redact(out);
  };
}
