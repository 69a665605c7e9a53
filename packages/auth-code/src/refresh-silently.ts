import type { AccountInfo } from "@azure/msal-node";
import { type AccessTokenInfo, accessTokenFromMsalResult, type TokenRequest } from "@entrakit/core";
import type { MsalAppPair } from "./msal-app-pair";
import { isNothingCached, isStaleRefreshToken } from "./msal-errors";

const component = "AuthorizationCodeCredential";

/** What {@link refreshSilently} works with. */
export interface SilentRefresh {
  readonly apps: MsalAppPair;
  readonly request: TokenRequest;
  /** The signed-in account (from the redemption, or found again through a record). */
  readonly account: AccountInfo;
  /** The credential's own tenant, the one the account was found for. */
  readonly credentialTenantId: string;
  /** The authority URL of the request's tenant. */
  readonly authority: string;
  readonly now: () => number;
  /** Runs one MSAL call and maps what it throws (see `toCredentialError`). */
  readonly callMsal: <T>(call: () => Promise<T>) => Promise<T>;
}

/**
 * Gets a token without the code: MSAL's cached access token, else its refresh token, else a
 * family refresh token MSAL passes over, else the other MSAL application's refresh token. Returns `undefined` when neither application holds
 * anything for the account, so the caller falls back to the code (or reports it spent).
 */
export async function refreshSilently(
  refresh: SilentRefresh,
): Promise<AccessTokenInfo | undefined> {
  const { apps, request, account, authority, callMsal } = refresh;
  const app = apps.app(request.enableCae);
  const claims = request.claims ? { claims: request.claims } : {};
  // MSAL looks cached access tokens up by the account's tenant, not the request's authority:
  // without this, a call for tenant B would be served tenant A's cached token.
  const target =
    request.tenantId === refresh.credentialTenantId
      ? account
      : { ...account, tenantId: request.tenantId };
  try {
    const result = await callMsal(() =>
      app.acquireTokenSilent({
        account: target,
        scopes: [...request.scopes],
        forceRefresh: request.forceRefresh,
        authority,
        ...claims,
      }),
    );
    return accessTokenFromMsalResult(result, refresh.now(), component);
  } catch (error) {
    const nothingCached = isNothingCached(error);
    if (!nothingCached && !isStaleRefreshToken(error)) throw error;
    // MSAL found nothing, yet the cache may hold a family refresh token another family client
    // saved last (see `cachedRefreshToken`): redeem it explicitly. The CAE and non-CAE
    // applications each keep a refresh token too: when this one has none (the first CAE call
    // after non-CAE ones, or the reverse), or its token was refused because the other
    // application's redemption rotated it, the other's is just as good.
    const refreshToken =
      (nothingCached
        ? apps.cachedRefreshToken(request.enableCae, account.homeAccountId)
        : undefined) ?? apps.otherRefreshToken(request.enableCae, account.homeAccountId);
    if (refreshToken === undefined) {
      if (nothingCached) return undefined;
      throw error;
    }
    const result = await callMsal(() =>
      app.acquireTokenByRefreshToken({
        refreshToken,
        scopes: [...request.scopes],
        authority,
        // Without it MSAL keeps nothing when this application's cache has no account yet: the
        // rotated refresh token would be lost and every later call would redo this transfer.
        forceCache: true,
        ...claims,
      }),
    );
    return result === null
      ? undefined
      : accessTokenFromMsalResult(result, refresh.now(), component);
  }
}
