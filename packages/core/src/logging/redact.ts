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
// key=value in query strings and form bodies (value ends at & or whitespace or a quote).
const formPattern = new RegExp(`([?&\\s"']|^)(${parameterNames})=([^&\\s"'#]+)`, "gi");
// "key": "value" in JSON bodies.
const jsonPattern = new RegExp(`("(?:${parameterNames})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi");
const bearerPattern = /\b(Bearer|Basic|PoP)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
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
 * authorization code), for text whose shape the patterns cannot recognise.
 */
export function createRedactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const known = [...secrets].filter((s): s is string => typeof s === "string" && s.length >= 4);
  return (text) => {
    let out = redact(text);
    for (const secret of known) out = out.split(secret).join(redactedPlaceholder);
    return out;
  };
}
