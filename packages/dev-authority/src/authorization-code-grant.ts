// `grant_type=authorization_code`: single use, bound to client and redirect URI, PKCE-checked,
// expiring, and refused after the user's sessions were revoked.
import { createHash } from "node:crypto";
import { aadsts } from "./aadsts-errors.js";
import type { RegisteredApp } from "./app-registration.js";
import type { ResolvedTenant } from "./directory.js";
import type { RequestContext } from "./request-context.js";
import { resolveScopes, splitScopes } from "./scopes.js";
import { assertSessionValid, type RequestClaims } from "./session-revocations.js";
import { issueTokens } from "./token-issuer.js";

/** @internal */
export function redeemAuthorizationCode(
  ctx: RequestContext,
  tenant: ResolvedTenant,
  app: RegisteredApp,
  appidacr: "0" | "1" | "2",
  claims: RequestClaims,
): Record<string, unknown> {
  const { state, form } = ctx;
  const code = form.get("code");
  if (!code) throw aadsts.missingParameter("code");
  const grant = state.grants.code(code);
  if (!grant) throw aadsts.grantInvalid("The authorization code is not recognized.");
  if (grant.redeemed) throw aadsts.codeRedeemed();
  if (state.now() >= grant.expiresAt) throw aadsts.grantExpired();
  if (grant.clientId !== app.clientId) {
    throw aadsts.grantInvalid("The authorization code was issued to a different client.");
  }
  const redirectUri = form.get("redirect_uri");
  if (!redirectUri) throw aadsts.missingParameter("redirect_uri");
  if (redirectUri !== grant.redirectUri) {
    throw aadsts.redirectUriMismatch(redirectUri, app.clientId, "invalid_grant");
  }
  if (grant.codeChallenge !== undefined) {
    const verifier = form.get("code_verifier");
    if (!verifier) throw aadsts.pkceMismatch("The code_verifier parameter is missing.");
    const computed =
      grant.codeChallengeMethod === "plain"
        ? verifier
        : createHash("sha256").update(verifier, "ascii").digest("base64url");
    if (computed !== grant.codeChallenge) throw aadsts.pkceMismatch("");
  }
  if (tenant.kind === "tenant" && tenant.tenantId !== grant.tenantId) {
    throw aadsts.grantInvalid("The authorization code was issued for a different tenant.");
  }
  const user = state.directory.user(grant.username);
  const profile = user?.profiles.get(grant.tenantId);
  if (!user || !profile) throw aadsts.grantInvalid("The signed-in user no longer exists.");
  assertSessionValid(grant, state.revocations.revocation(grant.username), claims);

  const requested = form.has("scope") ? splitScopes(form.get("scope")) : [...grant.scopes];
  const scopes = resolveScopes(requested);
  // Marked only once every check passed, and before anything asynchronous could interleave.
  grant.redeemed = true;
  return issueTokens(state, {
    app,
    user,
    profile,
    scopes,
    nonce: grant.nonce,
    capabilities: [...new Set([...grant.clientCapabilities, ...claims.capabilities])],
    generation: grant.generation,
    authTime: grant.authTime,
    appidacr,
    includeRefreshToken: scopes.hasOfflineAccess || grant.scopes.includes("offline_access"),
    includeClientInfo: form.get("client_info") === "1",
  });
}
