// Turns a received body into what MSAL reads (parsed JSON), or into an `invalid_response` error
// when MSAL could do nothing with it: an HTML page from a proxy, malformed or truncated JSON.
import { AuthenticationError, redact } from "@entrakit/core";
import { component } from "./logger.js";

/** A response as received, before parsing. */
export interface RawResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Record<string, string>;
  /** The body text received (possibly cut short). */
  readonly text: string;
  /** False when the connection closed before the body was complete. */
  readonly complete: boolean;
  /** True when the body exceeded the size limit and was cut there. */
  readonly oversized?: boolean;
}

/** What the error message may say about the request. */
export interface ResponseContext {
  /** Where the request went: scheme, host and path, no query. */
  readonly where: string;
  /** Removes secrets from text that may quote the request. */
  readonly redactText?: (text: string) => string;
}

/** The longest body excerpt an error message may hold. */
export const maxExcerptLength = 120;

/**
 * Parses the body as JSON (an empty body is `{}`).
 *
 * @returns The parsed object or array.
 * @throws AuthenticationError with code `"invalid_response"` when the body is not complete JSON
 * of an object or array. Its message holds at most a short redacted excerpt; the raw response is
 * on the non-enumerable `response` property.
 */
export function parseResponseBody(raw: RawResponse, context: ResponseContext): unknown {
  const redactText = context.redactText ?? redact;
  if (!raw.complete) {
    const expected = raw.headers["content-length"];
    const received = Buffer.byteLength(raw.text);
    const detail =
      expected === undefined ? `${received} bytes` : `${received} of ${expected} bytes`;
    throw invalidResponse(
      raw,
      `${component}: the response from ${context.where} (status ${raw.status}) ended before its body was complete (${detail}). Try again; if it persists, check any proxy or load balancer in between.`,
    );
  }
  if (raw.oversized) {
    throw invalidResponse(
      raw,
      `${component}: the response from ${context.where} (status ${raw.status}) is larger than any token endpoint answer. Check the authority host and any proxy in between.`,
    );
  }
  if (raw.text.trim() === "") return {};
  let parsed: unknown;
  let isJson = true;
  try {
    parsed = JSON.parse(raw.text);
  } catch {
    isJson = false;
  }
  if (isJson && typeof parsed === "object" && parsed !== null) return parsed;
  const excerpt = bodyExcerpt(raw.text, redactText);
  const what = isJson ? "JSON that is not an object" : `${mediaType(raw.headers)}, not JSON`;
  const quoted = excerpt === "" ? "" : `; the body starts "${excerpt}"`;
  throw invalidResponse(
    raw,
    `${component}: the authority answered status ${raw.status} with ${what}. Check the authority host and any proxy in between${quoted}.`,
  );
}

/**
 * A short, redacted, single-line excerpt of a body: markup removed, whitespace collapsed,
 * secrets redacted, then cut to {@link maxExcerptLength} characters.
 */
export function bodyExcerpt(text: string, redactText: (text: string) => string = redact): string {
  // Only the start of the body is searched: the excerpt comes from there, and the markup
  // patterns below must not get a megabyte of malicious input.
  const plain = text
    .slice(0, 16_384)
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^<>]*>/g, " ")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // Redact before cutting, so a secret cut in half is still recognised as a whole.
  const safe = redactText(plain).replace(/"/g, "'");
  return safe.length <= maxExcerptLength ? safe : `${safe.slice(0, maxExcerptLength - 3)}...`;
}

function mediaType(headers: Record<string, string>): string {
  const type = headers["content-type"]?.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  return /^[a-z0-9!#$&^_.+-]{1,40}\/[a-z0-9!#$&^_.+-]{1,60}$/.test(type) ? type : "no content type";
}

function invalidResponse(raw: RawResponse, message: string): AuthenticationError {
  // AuthenticationError appends "(status N)", so the sentence's full stop goes after that.
  const error = new AuthenticationError(raw.status, undefined, {
    message: message.replace(/\.$/, ""),
    code: "invalid_response",
  });
  // The raw body may hold tokens (a truncated token response), so it is kept off the
  // enumerable surface that loggers and util.inspect print.
  Object.defineProperty(error, "response", {
    value: { status: raw.status, headers: raw.headers, body: raw.text },
    enumerable: false,
  });
  return error;
}
