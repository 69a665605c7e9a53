/**
 * Reads one serialized MSAL cache (any implementation's: Python, .NET, Node) into lookups by
 * home account id. Nothing is read up front but the app families: a cold getToken reads the
 * entries of the one account it chooses (found by username), not every account's, and the
 * whole-cache tables are built only for what needs them (listing, guest tenants, errors).
 * Entries this package does not understand are skipped here and stay untouched in the store.
 */
import { type CachedAccessToken, readAccessToken, readTokenRealm } from "./cached-access-token";
import { type CachedAccount, readAccount } from "./cached-account";
import { type CachedRefreshToken, readRefreshToken } from "./cached-refresh-token";
import { text } from "./entry-fields";
import { forEachEntry, SectionByHome, someEntry } from "./section-by-home";
import { isTenantRealm } from "./tenant-realm";

/** One cache, indexed. Every member reads what it needs on first use and never throws. */
export interface CacheIndex {
  /** Every account's `Account` entries (its tenant profiles). */
  readonly accounts: ReadonlyMap<string, readonly CachedAccount[]>;
  /** Every account's refresh tokens. */
  readonly refreshTokens: ReadonlyMap<string, readonly CachedRefreshToken[]>;
  /** FOCI family per `environment host|client id` (lower case), from `AppMetadata`. */
  readonly families: ReadonlyMap<string, string>;
  /** Tenants each home account holds id or access tokens for. */
  readonly tokenTenants: ReadonlyMap<string, ReadonlySet<string>>;
  /** True when the cache holds a refresh token or an access token this package can serve. */
  readonly holdsTokens: boolean;
  /** One account's `Account` entries. */
  accountsOf(homeAccountId: string): readonly CachedAccount[];
  /** One account's refresh tokens. */
  refreshTokensOf(homeAccountId: string): readonly CachedRefreshToken[];
  /** One account's access tokens that can be served as bearer tokens. */
  accessTokensOf(homeAccountId: string): readonly CachedAccessToken[];
  /** The home account ids of the `Account` entries with this username (case-insensitive). */
  homesNamed(username: string): ReadonlySet<string>;
}

/**
 * Indexes a parsed cache. Never throws, here or on first use of a part: entries with missing
 * or mistyped fields are skipped (other writers' caches are input we do not control). The
 * cache is read, never modified, and must not be modified afterwards.
 */
export function indexCache(cache: Readonly<Record<string, unknown>>): CacheIndex {
  return new LazyCacheIndex(cache);
}

class LazyCacheIndex implements CacheIndex {
  readonly families = new Map<string, string>();
  readonly #accountSection: unknown;
  readonly #accessTokenSection: unknown;
  readonly #refreshTokenSection: unknown;
  #idTokenSection: unknown;
  readonly #accounts: SectionByHome<CachedAccount>;
  readonly #refreshTokens: SectionByHome<CachedRefreshToken>;
  readonly #accessTokens: SectionByHome<CachedAccessToken>;
  #tokenTenants: Map<string, Set<string>> | undefined;

  constructor(cache: Readonly<Record<string, unknown>>) {
    this.#accountSection = cache.Account;
    this.#accessTokenSection = cache.AccessToken;
    this.#refreshTokenSection = cache.RefreshToken;
    this.#idTokenSection = cache.IdToken;
    this.#accounts = new SectionByHome(cache.Account, (_, entry) => readAccount(entry));
    this.#refreshTokens = new SectionByHome(cache.RefreshToken, readRefreshToken);
    this.#accessTokens = new SectionByHome(cache.AccessToken, readAccessToken);
    forEachEntry(cache.AppMetadata, (_, entry) => {
      const environment = text(entry.environment);
      const clientId = text(entry.client_id);
      const family = text(entry.family_id);
      if (environment && clientId && family) {
        this.families.set(`${environment.toLowerCase()}|${clientId.toLowerCase()}`, family);
      }
    });
  }

  get accounts(): ReadonlyMap<string, readonly CachedAccount[]> {
    return this.#accounts.all;
  }

  get refreshTokens(): ReadonlyMap<string, readonly CachedRefreshToken[]> {
    return this.#refreshTokens.all;
  }

  get holdsTokens(): boolean {
    return (
      someEntry(this.#refreshTokenSection, (key, entry) => !!readRefreshToken(key, entry)) ||
      someEntry(this.#accessTokenSection, (key, entry) => !!readAccessToken(key, entry))
    );
  }

  accountsOf(homeAccountId: string): readonly CachedAccount[] {
    return this.#accounts.of(homeAccountId);
  }

  refreshTokensOf(homeAccountId: string): readonly CachedRefreshToken[] {
    return this.#refreshTokens.of(homeAccountId);
  }

  accessTokensOf(homeAccountId: string): readonly CachedAccessToken[] {
    return this.#accessTokens.of(homeAccountId);
  }

  homesNamed(username: string): ReadonlySet<string> {
    const wanted = username.toLowerCase();
    const homes = new Set<string>();
    forEachEntry(this.#accountSection, (_, entry) => {
      const home = text(entry.home_account_id);
      if (!home || !text(entry.environment)) return;
      if ((text(entry.username) ?? "").toLowerCase() === wanted) homes.add(home);
    });
    return homes;
  }

  get tokenTenants(): ReadonlyMap<string, ReadonlySet<string>> {
    if (this.#tokenTenants) return this.#tokenTenants;
    const tenants = new Map<string, Set<string>>();
    const add = (home: string | undefined, realm: string | undefined) => {
      if (!home || realm === undefined || !isTenantRealm(realm)) return;
      const set = tenants.get(home);
      if (set) set.add(realm.toLowerCase());
      else tenants.set(home, new Set([realm.toLowerCase()]));
    };
    // Every complete access token counts, proof-of-possession ones too: they show where the
    // account is known.
    forEachEntry(this.#accessTokenSection, (_, entry) => {
      add(text(entry.home_account_id), readTokenRealm(entry));
    });
    forEachEntry(this.#idTokenSection, (_, entry) => {
      add(text(entry.home_account_id), text(entry.realm) ?? "");
    });
    this.#idTokenSection = undefined;
    this.#tokenTenants = tenants;
    return tenants;
  }
}
