import { randomBytes } from "node:crypto";
import { InvalidArgumentError } from "@entrakit/core";

/** Encodes text or bytes as base64url without padding, as JWTs and `client_info` use it. */
export function base64url(input: string | Uint8Array): string {
  return Buffer.from(input).toString("base64url");
}

/**
 * Builds a well-formed but unsigned JWT (`header.payload.signature`, each base64url). The
 * signature segment is random bytes: MSAL for Node does not verify id token signatures, and
 * nothing may ever mistake these tokens for real ones.
 *
 * @param claims - the payload claims.
 * @param header - extra header fields; `alg` and `typ` default to `RS256` and `JWT`.
 * @example
 * ```ts
 * const idToken = unsignedJwt({ oid: "…", tid: "…", preferred_username: "ada@contoso.com" });
 * ```
 */
export function unsignedJwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const head = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: "testkit", ...header }));
  const payload = base64url(JSON.stringify(claims));
  return `${head}.${payload}.${base64url(randomBytes(32))}`;
}

/**
 * Reads the payload of a JWT without verifying it (for assertions on tokens a test built).
 *
 * @throws InvalidArgumentError (`invalid_jwt`) when `token` does not have three dot-separated
 * segments with a JSON object payload. The error never quotes the token.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const parts = token.split(".");
  let payload: unknown;
  try {
    payload = parts.length === 3 ? JSON.parse(Buffer.from(parts[1]!, "base64url").toString()) : 0;
  } catch {
    // JSON.parse quotes its input in the message, so its error is not kept as a cause.
    payload = undefined;
  }
  if (typeof payload !== "object" || payload === null) {
    throw new InvalidArgumentError(
      "decodeJwtPayload: the token is not a JWT with a JSON object payload. Pass a token built by unsignedJwt() or tokenResponse().",
      "invalid_jwt",
    );
  }
  return payload as Record<string, unknown>;
}
