/**
 * Reads one serialized MSAL cache (any implementation's: Python, .NET, Node) into lookup
 * tables keyed by home account id. Only what selection and token serving need is kept; entries
 * this package does not understand are skipped here and stay untouched in the store.
 */

/** An `Account` entry: one tenant profile of a home account. */
export interface CachedAccount {
  readonly homeAccountId: string;
  readonly environment: string;
  /** The tenant of this profile, or the authority's tenant path (`organizations`) as Python writes it. */
  readonly realm: string;
  readonly username: string;
  /** Tenant ids of this profile and of the `tenantProfiles` MSAL Node adds. */
  readonly tenantIds: readonly string[];
}

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

/** A `RefreshToken` entry. */
export interface CachedRefreshToken {
  readonly key: string;
  readonly homeAccountId: string;
  readonly environment: string;
  readonly clientId: string;
  /** The FOCI family (`"1"` for Microsoft's first-party apps), when the entry says so. */
  readonly familyId: string | undefined;
  /** Seconds since the epoch, when the writer recorded it. */
  readonly lastModified: number;
  readonly secret: string;
}

/** One cache, indexed. */
export interface CacheIndex {
  readonly accounts: ReadonlyMap<string, readonly CachedAccount[]>;
  readonly accessTokens: ReadonlyMap<string, readonly CachedAccessToken[]>;
  readonly refreshTokens: ReadonlyMap<string, readonly CachedRefreshToken[]>;
  /** Tenants each home account holds id or access tokens for. */
  readonly tokenTenants: ReadonlyMap<string, ReadonlySet<string>>;
  /** FOCI family per `environment host|client id` (lower case), from `AppMetadata`. */
  readonly families: ReadonlyMap<string, string>;
}

/** The empty index. */
export const emptyCacheIndex: CacheIndex = Object.freeze({
  accounts: new Map(),
  accessTokens: new Map(),
  refreshTokens: new Map(),
  tokenTenants: new Map(),
  families: new Map(),
});

// Realms that name an authority path, not a tenant.
const tenantAliases = new Set(["organizations", "common", "consumers"]);

/** True for a realm that names a real tenant, not `organizations`/`common`/`consumers`. */
export function isTenantRealm(realm: string): boolean {
  return realm !== "" && !tenantAliases.has(realm.toLowerCase());
}

/**
 * Indexes a parsed cache. Never throws: entries with missing or mistyped fields are skipped
 * (other writers' caches are input we do not control).
 */
export function indexCache(cache: Readonly<Record<string, unknown>>): CacheIndex {
  const accounts = new Map<string, CachedAccount[]>();
  const accessTokens = new Map<string, CachedAccessToken[]>();
  const refreshTokens = new Map<string, CachedRefreshToken[]>();
  const tokenTenants = new Map<string, Set<string>>();
  const families = new Map<string, string>();
  const addTenant = (home: string, realm: string) => {
    if (!isTenantRealm(realm)) return;
    const set = tokenTenants.get(home);
    if (set) set.add(realm.toLowerCase());
    else tokenTenants.set(home, new Set([realm.toLowerCase()]));
  };

  for (const [, entry] of entriesOf(cache.Account)) {
    const home = text(entry.home_account_id);
    const environment = text(entry.environment);
    if (!home || !environment) continue;
    const realm = text(entry.realm) ?? "";
    const tenantIds = new Set<string>();
    if (isTenantRealm(realm)) tenantIds.add(realm.toLowerCase());
    for (const id of profileTenants(entry.tenantProfiles)) tenantIds.add(id);
    push(accounts, home, {
      homeAccountId: home,
      environment,
      realm,
      username: text(entry.username) ?? "",
      tenantIds: [...tenantIds],
    });
  }

  for (const [key, entry] of entriesOf(cache.AccessToken)) {
    const home = text(entry.home_account_id);
    const environment = text(entry.environment);
    const clientId = text(entry.client_id);
    const secret = text(entry.secret);
    const expiresOn = seconds(entry.expires_on);
    const tokenType = text(entry.token_type) ?? "Bearer";
    if (!home || !environment || !clientId || !secret || expiresOn === undefined) continue;
    const realm = text(entry.realm) ?? "";
    addTenant(home, realm);
    // Proof-of-possession and claims-bound tokens are not plain bearer tokens for any caller;
    // tokens on behalf of another user (OBO) belong to a confidential app.
    if (tokenType.toLowerCase() !== "bearer") continue;
    if (entry.requested_claims || entry.requested_claims_hash || entry.user_assertion_hash)
      continue;
    const target = text(entry.target) ?? "";
    push(accessTokens, home, {
      key,
      homeAccountId: home,
      environment,
      clientId: clientId.toLowerCase(),
      realm: realm.toLowerCase(),
      scopes: new Set(target.toLowerCase().split(/\s+/).filter(Boolean)),
      expiresOn: expiresOn * 1000,
      cachedAt: millis(entry.cached_at),
      refreshOn: millis(entry.refresh_on),
      secret,
    });
  }

  for (const [key, entry] of entriesOf(cache.RefreshToken)) {
    const home = text(entry.home_account_id);
    const environment = text(entry.environment);
    const clientId = text(entry.client_id);
    const secret = text(entry.secret);
    if (!home || !environment || !clientId || !secret) continue;
    push(refreshTokens, home, {
      key,
      homeAccountId: home,
      environment,
      clientId: clientId.toLowerCase(),
      familyId: text(entry.family_id),
      lastModified: seconds(entry.last_modification_time) ?? 0,
      secret,
    });
  }

  for (const [, entry] of entriesOf(cache.IdToken)) {
    const home = text(entry.home_account_id);
    if (home) addTenant(home, text(entry.realm) ?? "");
  }

  for (const [, entry] of entriesOf(cache.AppMetadata)) {
    const environment = text(entry.environment);
    const clientId = text(entry.client_id);
    const family = text(entry.family_id);
    if (environment && clientId && family) {
      families.set(`${environment.toLowerCase()}|${clientId.toLowerCase()}`, family);
    }
  }

  return { accounts, accessTokens, refreshTokens, tokenTenants, families };
}

function* entriesOf(section: unknown): Generator<[string, Record<string, unknown>]> {
  if (typeof section !== "object" || section === null || Array.isArray(section)) return;
  for (const key of Object.keys(section)) {
    const entry = (section as Record<string, unknown>)[key];
    if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
      yield [key, entry as Record<string, unknown>];
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Every MSAL writes times as decimal seconds, as a string (some older writers: a number). */
function seconds(value: unknown): number | undefined {
  const number =
    typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

function millis(value: unknown): number | undefined {
  const s = seconds(value);
  return s === undefined ? undefined : s * 1000;
}

// MSAL Node stores each tenant profile as a JSON string (older versions: an object).
function profileTenants(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids: string[] = [];
  for (const item of value) {
    let profile: unknown = item;
    if (typeof item === "string") {
      try {
        profile = JSON.parse(item);
      } catch {
        continue;
      }
    }
    const id = (profile as { tenantId?: unknown } | null)?.tenantId;
    if (typeof id === "string" && isTenantRealm(id)) ids.push(id.toLowerCase());
  }
  return ids;
}
