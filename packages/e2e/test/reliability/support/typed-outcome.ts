// The one property every random input must keep: a call either gives a usable token or fails
// with one of entrakit's typed errors, never anything else.
import { isEntrakitError } from "@entrakit/core";

/** What a call came to: `token`, or the typed error's code. */
export type TypedOutcome = "token" | `error:${string}`;

/**
 * Awaits `call`. A token must be a non-empty string with a finite expiry and a refresh time; a
 * failure must be an entrakit error.
 *
 * @throws TypeError describing the token or the error otherwise (fast-check reports it with the
 * input that caused it).
 */
export async function typedOutcome(
  call: Promise<{ token: string; expiresOnTimestamp: number; refreshAfterTimestamp?: number }>,
): Promise<TypedOutcome> {
  let token: { token: unknown; expiresOnTimestamp: unknown; refreshAfterTimestamp?: unknown };
  try {
    token = await call;
  } catch (error) {
    if (isEntrakitError(error)) return `error:${(error as { code?: string }).code}`;
    const { name, message } = error as { name?: unknown; message?: unknown };
    throw new TypeError(`an untyped error escaped: ${String(name)}: ${String(message)}`, {
      cause: error,
    });
  }
  if (typeof token.token !== "string" || token.token.length === 0) {
    throw new TypeError(`a token without a token string: ${typeof token.token}`);
  }
  if (typeof token.expiresOnTimestamp !== "number" || !Number.isFinite(token.expiresOnTimestamp)) {
    throw new TypeError(`a token with expiry ${String(token.expiresOnTimestamp)}`);
  }
  if (
    typeof token.refreshAfterTimestamp !== "number" ||
    Number.isNaN(token.refreshAfterTimestamp)
  ) {
    throw new TypeError(
      `a token with refreshAfterTimestamp ${String(token.refreshAfterTimestamp)}`,
    );
  }
  return "token";
}
