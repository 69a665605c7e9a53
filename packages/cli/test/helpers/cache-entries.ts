// Builds MSAL cache entries in the unified schema, for caches written by hand in tests.

export const entrakitClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
export const otherFamilyClientId = "1950a258-227b-4e31-a9cf-717495945fc2";
export const otherClientId = "0a1b2c3d-0000-4000-8000-00000000abcd";
export const tenantId = "3f2d9c8e-5b1a-4e7d-9c62-7a0e4b1d5f23";

/** A cached identity: its home account id, username and environment. */
export interface TestAccount {
  readonly homeAccountId: string;
  readonly username: string;
  readonly environment: string;
}

export function testAccount(objectId: string, username: string, environment: string): TestAccount {
  return { homeAccountId: `${objectId}.${tenantId}`, username, environment };
}

type Entries = Record<string, Record<string, unknown>>;

export function accountEntry(account: TestAccount): Entries {
  return {
    [`${account.homeAccountId}-${account.environment}-${tenantId}`]: {
      home_account_id: account.homeAccountId,
      environment: account.environment,
      realm: tenantId,
      local_account_id: account.homeAccountId.split(".")[0],
      username: account.username,
      authority_type: "MSSTS",
    },
  };
}

export function refreshTokenEntry(
  account: TestAccount,
  clientId: string,
  secret: string,
  familyId?: string,
): Entries {
  return {
    [`${account.homeAccountId}-${account.environment}-refreshtoken-${familyId ?? clientId}--`]: {
      home_account_id: account.homeAccountId,
      environment: account.environment,
      credential_type: "RefreshToken",
      client_id: clientId,
      secret,
      ...(familyId === undefined ? {} : { family_id: familyId }),
    },
  };
}

export function accessTokenEntry(
  account: TestAccount,
  clientId: string,
  secret: string,
  target: string,
  expiresOnSeconds: number,
): Entries {
  return {
    [`${account.homeAccountId}-${account.environment}-accesstoken-${clientId}-${tenantId}-${target}--`]:
      {
        home_account_id: account.homeAccountId,
        environment: account.environment,
        credential_type: "AccessToken",
        client_id: clientId,
        secret,
        realm: tenantId,
        target,
        cached_at: String(expiresOnSeconds - 3600),
        expires_on: String(expiresOnSeconds),
        extended_expires_on: String(expiresOnSeconds),
        token_type: "Bearer",
      },
  };
}

export function idTokenEntry(account: TestAccount, clientId: string, secret: string): Entries {
  return {
    [`${account.homeAccountId}-${account.environment}-idtoken-${clientId}-${tenantId}--`]: {
      home_account_id: account.homeAccountId,
      environment: account.environment,
      credential_type: "IdToken",
      client_id: clientId,
      secret,
      realm: tenantId,
    },
  };
}

export function appMetadataEntry(
  environment: string,
  clientId: string,
  familyId?: string,
): Entries {
  return {
    [`appmetadata-${environment}-${clientId}`]: {
      client_id: clientId,
      environment,
      ...(familyId === undefined ? {} : { family_id: familyId }),
    },
  };
}

/** Joins sections of entries into a cache. */
export function cacheOf(sections: Record<string, Entries[]>): Record<string, Entries> {
  return Object.fromEntries(
    Object.entries(sections).map(([section, parts]) => [section, Object.assign({}, ...parts)]),
  );
}
