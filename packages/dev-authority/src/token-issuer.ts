// Builds a successful token response: v1 access token (issuer sts.windows.net, as Azure
// resources such as Azurite expect), v2 id token, rotating refresh token, client_info and foci.
import { createHash, randomBytes } from "node:crypto";
import type { RegisteredApp } from "./app-registration.js";
import type { AuthorityState } from "./authority-state.js";
import { signJwt } from "./jwt.js";
import type { ResolvedScopes } from "./scopes.js";
import type { RegisteredUser, TenantProfile } from "./user-registration.js";

/** @internal Everything needed to issue tokens for one request. */
export interface IssueRequest {
  readonly app: RegisteredApp;
  readonly user: RegisteredUser;
  readonly profile: TenantProfile;
  readonly scopes: ResolvedScopes;
  readonly nonce: string | undefined;
  readonly capabilities: readonly string[];
  readonly generation: number;
  readonly authTime: number;
  /** `"0"` public client, `"1"` secret, `"2"` certificate. */
  readonly appidacr: "0" | "1" | "2";
  readonly includeRefreshToken: boolean;
  readonly includeClientInfo: boolean;
}

const opaque = (bytes: number) => randomBytes(bytes).toString("base64url");

/** Entra's `sub` is pairwise: stable per user and audience, different across audiences. */
function pairwiseSubject(objectId: string, audience: string): string {
  return createHash("sha256").update(`${objectId}|${audience}`).digest("base64url").slice(0, 43);
}

/** The session generation hides in `aio`, which Entra documents as opaque. */
function encodeAio(generation: number): string {
  return `${Buffer.from(`g${generation}`).toString("base64url")}.${opaque(12)}`;
}

/** @internal Reads the session generation back from `aio`; undefined when absent. */
export function decodeAio(aio: unknown): number | undefined {
  if (typeof aio !== "string") return undefined;
  const match = /^g(\d+)$/.exec(Buffer.from(aio.split(".")[0] ?? "", "base64url").toString());
  return match ? Number(match[1]) : undefined;
}

/** @internal */
export function issueTokens(state: AuthorityState, request: IssueRequest): Record<string, unknown> {
  const { app, user, profile, scopes } = request;
  const now = state.now();
  const iat = Math.floor(now / 1000);
  const lifetimes = state.lifetimesFor(app.clientId);
  const home = user.profiles.get(user.homeTenantId) ?? profile;
  const header = { kid: state.signingKey.kid, x5t: state.signingKey.kid };

  const accessClaims: Record<string, unknown> = {
    aud: scopes.resource,
    iss: `https://sts.windows.net/${profile.tenantId}/`,
    iat,
    nbf: iat,
    exp: iat + lifetimes.expiresIn,
    acr: "1",
    aio: encodeAio(request.generation),
    amr: ["pwd"],
    appid: app.clientId,
    appidacr: request.appidacr,
    idtyp: "user",
    ipaddr: "127.0.0.1",
    name: user.displayName,
    oid: profile.objectId,
    rh: opaque(24),
    scp: scopes.scp,
    sub: pairwiseSubject(profile.objectId, scopes.resource),
    tid: profile.tenantId,
    unique_name: user.username,
    uti: opaque(16),
    ver: "1.0",
  };
  if (profile.isGuest) {
    accessClaims.idp = `https://sts.windows.net/${user.homeTenantId}/`;
  } else {
    accessClaims.upn = user.username;
  }
  if (request.capabilities.includes("cp1")) accessClaims.xms_cc = ["cp1"];

  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: scopes.responseScope,
    expires_in: lifetimes.expiresIn,
    ext_expires_in: lifetimes.extExpiresIn,
  };
  if (lifetimes.refreshIn !== undefined) body.refresh_in = lifetimes.refreshIn;
  body.access_token = signJwt(header, accessClaims, state.signingKey.privateKey);

  if (request.includeRefreshToken) {
    body.refresh_token = state.grants.issueRefreshToken({
      clientId: app.clientId,
      familyId: app.familyId,
      username: user.username.toLowerCase(),
      generation: request.generation,
      authTime: request.authTime,
      issuedAt: now,
      expiresAt: now + lifetimes.refreshTokenExpiresIn * 1000,
      rotatedUntil: undefined,
    });
  }
  if (scopes.hasOpenId) {
    const idClaims: Record<string, unknown> = {
      aud: app.clientId,
      iss: `${state.baseUrl}/${profile.tenantId}/v2.0`,
      iat,
      nbf: iat,
      exp: iat + 3600,
      aio: encodeAio(request.generation),
      name: user.displayName,
      nonce: request.nonce,
      oid: profile.objectId,
      preferred_username: user.username,
      rh: opaque(24),
      sub: pairwiseSubject(profile.objectId, app.clientId),
      tid: profile.tenantId,
      uti: opaque(16),
      ver: "2.0",
    };
    if (request.nonce === undefined) delete idClaims.nonce;
    body.id_token = signJwt(header, idClaims, state.signingKey.privateKey);
  }
  if (request.includeClientInfo) {
    const clientInfo = JSON.stringify({ uid: home.objectId, utid: home.tenantId });
    body.client_info = Buffer.from(clientInfo).toString("base64url");
  }
  if (app.familyId !== undefined) body.foci = app.familyId;
  return body;
}
