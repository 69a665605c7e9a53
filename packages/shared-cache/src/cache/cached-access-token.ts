import { millis, seconds, text } from "./entry-fields";

/** An `AccessToken` entry that can be served as a bearer token. */
export interface CachedAccessToken {
  readonly key: string;
  readonly homeAccountId: string;
  readonly environment: string;
  readonly clientId: string;
  readonly realm: string;
  /** The granted scopes, lower case. */
  readonly scopes: ReadonlySet<string>;
  /** Milliseconds since the epoch. */
  readonly expiresOn: number;
  readonly cachedAt: number | undefined;
  readonly refreshOn: number | undefined;
  readonly secret: string;
}

type Entry = Readonly<Record<string, unknown>>;

/**
 * The realm of an access token entry that has every field a token needs, else `undefined`.
 * It counts for the tenants an account is known in whatever the token's type.
 */
export function readTokenRealm(entry: Entry): string | undefined {
  const complete =
    text(entry.home_account_id) &&
    text(entry.environment) &&
    text(entry.client_id) &&
    text(entry.secret) &&
    seconds(entry.expires_on) !== undefined;
  return complete ? (text(entry.realm) ?? "") : undefined;
}

/**
 * Reads an `AccessToken` entry, or `undefined` when it is incomplete or not a plain bearer
 * token for this user.
 */
export function readAccessToken(key: string, entry: Entry): CachedAccessToken | undefined {
  const home = text(entry.home_account_id);
  const environment = text(entry.environment);
  const clientId = text(entry.client_id);
  const secret = text(entry.secret);
  const expiresOn = seconds(entry.expires_on);
  if (!home || !environment || !clientId || !secret || expiresOn === undefined) return undefined;
  // Proof-of-possession and claims-bound tokens are not plain bearer tokens for any caller;
  // tokens on behalf of another user (OBO) belong to a confidential app.
  if ((text(entry.token_type) ?? "Bearer").toLowerCase() !== "bearer") return undefined;
  if (entry.requested_claims || entry.requested_claims_hash || entry.user_assertion_hash) {
    return undefined;
  }
  const target = text(entry.target) ?? "";
  return {
    key,
    homeAccountId: home,
    environment,
    clientId: clientId.toLowerCase(),
    realm: (text(entry.realm) ?? "").toLowerCase(),
    scopes: new Set(target.toLowerCase().split(/\s+/).filter(Boolean)),
    expiresOn: expiresOn * 1000,
    cachedAt: millis(entry.cached_at),
    refreshOn: millis(entry.refresh_on),
    secret,
  };
}
