// Shared token caches in MSAL's unified schema, as MSAL Node writes them: per account an
// Account, an IdToken, a vault AccessToken and a family RefreshToken.

/** One account of a generated cache. */
export interface CachedAccount {
  readonly username: string;
  readonly uid: string;
  readonly tenantId: string;
  /** Seconds since the epoch; an access token is cached only when given. */
  readonly accessTokenExpiresOn?: number;
  readonly refreshToken: string;
  readonly accessToken?: string;
}

const environment = "login.microsoftonline.com";
const clientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
export const cachedScope = "https://vault.azure.net/.default";

/** A cache object holding `accounts`. */
export function sharedCacheObject(accounts: readonly CachedAccount[]): Record<string, unknown> {
  const cache: Record<string, Record<string, unknown>> = {
    Account: {},
    IdToken: {},
    AccessToken: {},
    RefreshToken: {},
    AppMetadata: {},
  };
  for (const account of accounts) {
    const home = `${account.uid}.${account.tenantId}`;
    const base = { home_account_id: home, environment };
    (cache.Account as Record<string, unknown>)[`${home}-${environment}-${account.tenantId}`] = {
      ...base,
      realm: account.tenantId,
      local_account_id: account.uid,
      username: account.username,
      authority_type: "MSSTS",
    };
    (cache.RefreshToken as Record<string, unknown>)[`${home}-${environment}-refreshtoken-1---`] = {
      ...base,
      credential_type: "RefreshToken",
      client_id: clientId,
      secret: account.refreshToken,
      family_id: "1",
    };
    if (account.accessTokenExpiresOn !== undefined) {
      const target = `https://vault.azure.net/user_impersonation ${cachedScope}`;
      const expiresOn = String(account.accessTokenExpiresOn);
      (cache.AccessToken as Record<string, unknown>)[
        `${home}-${environment}-accesstoken-${clientId}-${account.tenantId}-${target}-`
      ] = {
        ...base,
        credential_type: "AccessToken",
        client_id: clientId,
        realm: account.tenantId,
        target,
        secret: account.accessToken ?? `access-token-${account.uid}`,
        cached_at: String(account.accessTokenExpiresOn - 3600),
        expires_on: expiresOn,
        extended_expires_on: expiresOn,
        token_type: "Bearer",
      };
    }
  }
  (cache.AppMetadata as Record<string, unknown>)[`appmetadata-${environment}-${clientId}`] = {
    client_id: clientId,
    environment,
    family_id: "1",
  };
  return cache;
}
