// `grant_type=refresh_token`: any resource, FOCI family sharing, rotation with a grace period,
// sliding expiry, and CAE revocation.
import { aadsts } from "./aadsts-errors.js";
import type { RegisteredApp } from "./app-registration.js";
import type { ResolvedTenant } from "./directory.js";
import type { RequestContext } from "./request-context.js";
import { resolveScopes, splitScopes } from "./scopes.js";
import { assertSessionValid, type RequestClaims } from "./session-revocations.js";
import { issueTokens } from "./token-issuer.js";

/** @internal */
export function redeemRefreshToken(
  ctx: RequestContext,
  tenant: ResolvedTenant,
  app: RegisteredApp,
  appidacr: "0" | "1" | "2",
  claims: RequestClaims,
): Record<string, unknown> {
  const { state, form } = ctx;
  const token = form.get("refresh_token");
  if (!token) throw aadsts.missingParameter("refresh_token");
  const grant = state.grants.refreshToken(token);
  if (!grant) throw aadsts.grantInvalid("The refresh token is not recognized.");
  const sameFamily = grant.familyId !== undefined && grant.familyId === app.familyId;
  if (grant.clientId !== app.clientId && !sameFamily) {
    throw aadsts.grantInvalid(
      "The refresh token was issued to a different client, and the two apps are not in one family.",
    );
  }
  const now = state.now();
  if (now >= grant.expiresAt) throw aadsts.grantExpired();
  if (grant.rotatedUntil !== undefined && now >= grant.rotatedUntil) {
    throw aadsts.grantInvalid("The refresh token was already redeemed and has been replaced.");
  }
  const user = state.directory.user(grant.username);
  if (!user) throw aadsts.grantInvalid("The signed-in user no longer exists.");
  assertSessionValid(grant, state.revocations.revocation(grant.username), claims);
  const profile = state.directory.profileFor(user, tenant);
  if (!profile) {
    throw aadsts.userNotInTenant(
      user.username,
      user.homeTenantId,
      tenant.tenantId ?? tenant.segment,
    );
  }
  const scope = form.get("scope");
  if (!scope) throw aadsts.missingParameter("scope");
  const scopes = resolveScopes(splitScopes(scope));

  if (grant.rotatedUntil === undefined) {
    grant.rotatedUntil = now + state.lifetimesFor(grant.clientId).rotatedRefreshTokenGrace * 1000;
  }
  return issueTokens(state, {
    app,
    user,
    profile,
    scopes,
    nonce: undefined,
    capabilities: claims.capabilities,
    generation: grant.generation,
    authTime: grant.authTime,
    appidacr,
    includeRefreshToken: true,
    includeClientInfo: form.get("client_info") === "1",
  });
}
