// Builds caches in MSAL's unified schema, as MSAL Node writes them, for tests that need many
// accounts or tokens with chosen lifetimes.

export interface BuiltAccount {
  username: string;
  homeAccountId: string;
  homeTenantId: string;
}

export interface AccountSpec {
  username: string;
  uid?: string;
  tenantId?: string;
  environment?: string;
  clientId?: string;
  /** `undefined`: family "1"; `null`: no family. */
  familyId?: string | null;
  refreshToken?: string;
  accessTokens?: AccessTokenSpec[];
  guestTenants?: string[];
}

export interface AccessTokenSpec {
  secret: string;
  target: string;
  realm?: string;
  clientId?: string;
  /** Seconds since the epoch. */
  expiresOn: number;
  cachedAt?: number;
  refreshOn?: number;
  tokenType?: string;
}

const cli = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

/** A cache holding the given accounts. */
export function buildCache(specs: AccountSpec[]): Record<string, Record<string, unknown>> {
  const cache: Record<string, Record<string, unknown>> = {
    Account: {},
    IdToken: {},
    AccessToken: {},
    RefreshToken: {},
    AppMetadata: {},
  };
  for (const [n, spec] of specs.entries()) addAccount(cache, spec, n);
  return cache;
}

/** Adds one account (its Account entries, refresh token and access tokens). */
export function addAccount(
  cache: Record<string, Record<string, unknown>>,
  spec: AccountSpec,
  n = 0,
): BuiltAccount {
  const env = spec.environment ?? "login.microsoftonline.com";
  const tenant = spec.tenantId ?? "72f988bf-86f1-41af-91ab-2d7cd011db47";
  const uid = spec.uid ?? `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const home = `${uid}.${tenant}`;
  const clientId = spec.clientId ?? cli;
  const family = spec.familyId === undefined ? "1" : spec.familyId;
  for (const realm of [tenant, ...(spec.guestTenants ?? [])]) {
    (cache.Account as Record<string, unknown>)[`${home}-${env}-${realm}`] = {
      home_account_id: home,
      environment: env,
      realm,
      local_account_id: uid,
      username: spec.username,
      authority_type: "MSSTS",
    };
  }
  const rtKey = `${home}-${env}-refreshtoken-${family ?? clientId}---`;
  (cache.RefreshToken as Record<string, unknown>)[rtKey] = {
    home_account_id: home,
    environment: env,
    credential_type: "RefreshToken",
    client_id: clientId,
    secret: spec.refreshToken ?? `rt-${uid}`,
    ...(family ? { family_id: family } : {}),
  };
  for (const at of spec.accessTokens ?? []) {
    const realm = at.realm ?? tenant;
    const atClient = at.clientId ?? clientId;
    (cache.AccessToken as Record<string, unknown>)[
      `${home}-${env}-accesstoken-${atClient}-${realm}-${at.target}-`
    ] = {
      home_account_id: home,
      environment: env,
      credential_type: "AccessToken",
      client_id: atClient,
      secret: at.secret,
      realm,
      target: at.target,
      cached_at: String(at.cachedAt ?? at.expiresOn - 3600),
      expires_on: String(at.expiresOn),
      extended_expires_on: String(at.expiresOn),
      token_type: at.tokenType ?? "Bearer",
      ...(at.refreshOn === undefined ? {} : { refresh_on: String(at.refreshOn) }),
    };
  }
  return { username: spec.username, homeAccountId: home, homeTenantId: tenant };
}
