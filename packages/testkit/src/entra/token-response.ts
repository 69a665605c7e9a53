import { randomBytes, randomUUID } from "node:crypto";
import type { FakeResponse } from "../network/responder.js";
import { base64url, unsignedJwt } from "./unsigned-jwt.js";

/** The home account of a token response: Entra's `client_info`. */
export interface ClientInfo {
  /** The user's object id in its home tenant. */
  uid: string;
  /** The home tenant id. */
  utid: string;
}

/** The account {@link tokenResponse} uses when none is given: fixed, so caches find it again. */
export const defaultClientInfo: Readonly<ClientInfo> = Object.freeze({
  uid: "11111111-2222-4333-8444-555555555555",
  utid: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
});

/** Options of {@link tokenResponse}. */
export interface TokenResponseOptions {
  /** The granted scopes, space-separated, e.g. `"https://vault.azure.net/user_impersonation"`. */
  scope: string;
  /** @defaultValue an unsigned JWT naming the scope's resource, unique per call */
  accessToken?: string;
  /** Seconds until the access token expires. @defaultValue 3600 */
  expiresIn?: number;
  /** Seconds until the client should refresh (`refresh_in`); left out when not given. */
  refreshIn?: number;
  /** Claims merged over the id token's defaults (`oid`, `tid`, `preferred_username`, ...). */
  idTokenClaims?: Record<string, unknown>;
  /** The home account. @defaultValue {@link defaultClientInfo} */
  clientInfo?: ClientInfo;
  /** The refresh token; `null` leaves it out. @defaultValue a random opaque token */
  refreshToken?: string | null;
  /** Marks the refresh token as family (FOCI) when `true` or a family id. */
  foci?: boolean | string;
  /** The application id, the id token's `aud`. @defaultValue a fixed test client id */
  clientId?: string;
  /** Issue time for the `iat`/`nbf`/`exp` claims, ms since the epoch. @defaultValue `Date.now()` */
  now?: number;
  /** The authority origin for the `iss` claims. @defaultValue `https://login.microsoftonline.com` */
  authorityHost?: string;
}

/** The JSON body Entra returns from its token endpoint. */
export interface TokenResponseBody {
  token_type: "Bearer";
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  refresh_in?: number;
  access_token: string;
  refresh_token?: string;
  id_token: string;
  client_info: string;
  foci?: string;
}

/**
 * A successful Entra token response, with a well-formed unsigned id token whose `oid`/`tid`
 * match `clientInfo`. The same response object answers every request it is scripted for; wrap it
 * in a function (`() => tokenResponse(...)`) for a fresh access token per request.
 *
 * @example
 * ```ts
 * fake.on("POST", "/oauth2/v2.0/token", tokenResponse({
 *   scope: "https://vault.azure.net/user_impersonation",
 *   expiresIn: 3600,
 *   idTokenClaims: { preferred_username: "ada@contoso.com" },
 * }));
 * ```
 */
export function tokenResponse(options: TokenResponseOptions): FakeResponse<TokenResponseBody> {
  const clientInfo = options.clientInfo ?? defaultClientInfo;
  const expiresIn = options.expiresIn ?? 3600;
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const host = (options.authorityHost ?? "https://login.microsoftonline.com").replace(/\/+$/, "");
  const clientId = options.clientId ?? "00000000-0000-4000-8000-00000000c11e";
  const idToken = unsignedJwt({
    aud: clientId,
    iss: `${host}/${clientInfo.utid}/v2.0`,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + 3600,
    name: "Test User",
    oid: clientInfo.uid,
    preferred_username: "test.user@contoso.example",
    sub: `sub-${clientInfo.uid}`,
    tid: clientInfo.utid,
    ver: "2.0",
    ...options.idTokenClaims,
  });
  const accessToken =
    options.accessToken ??
    unsignedJwt({
      aud: resourceOf(options.scope),
      iss: `https://sts.windows.net/${clientInfo.utid}/`,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + expiresIn,
      oid: clientInfo.uid,
      tid: clientInfo.utid,
      scp: options.scope,
      uti: randomUUID(),
    });
  const body: TokenResponseBody = {
    token_type: "Bearer",
    scope: options.scope,
    expires_in: expiresIn,
    ext_expires_in: expiresIn,
    access_token: accessToken,
    id_token: idToken,
    client_info: base64url(JSON.stringify({ uid: clientInfo.uid, utid: clientInfo.utid })),
  };
  if (options.refreshIn !== undefined) body.refresh_in = options.refreshIn;
  if (options.refreshToken !== null) {
    // Shaped like Entra's opaque refresh tokens ("0.A..."), random so no two tests share one.
    body.refresh_token = options.refreshToken ?? `0.A${base64url(randomBytes(48))}`;
  }
  if (options.foci !== undefined && options.foci !== false) {
    body.foci = options.foci === true ? "1" : options.foci;
  }
  return { status: 200, body };
}

function resourceOf(scope: string): string {
  const first = scope.split(" ").find((s) => s.includes("://") || s.includes("/")) ?? scope;
  return first.replace(/\/(\.default|[^/]*)$/, "") || first;
}
