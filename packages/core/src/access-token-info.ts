import type { AccessToken } from "@azure/core-auth";

/**
 * An {@link AccessToken} whose refresh time and token type are always set.
 *
 * `@azure/core-auth` 1.10 already declares `refreshAfterTimestamp` and `tokenType` as optional;
 * entrakit always fills both, so callers can schedule refreshes without guessing.
 */
export interface AccessTokenInfo extends AccessToken {
  /** When the token should be refreshed, in milliseconds since the Unix epoch. */
  refreshAfterTimestamp: number;
  /** The token type: `"Bearer"`, or `"pop"` for proof-of-possession tokens. */
  tokenType: "Bearer" | "pop";
}
