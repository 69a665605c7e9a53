import { CloseGuard, logLevelInContext } from "@entrakit/async-context";
import {
  type AccessTokenInfo,
  CredentialUnavailableError,
  checkTenantId,
  type GetTokenOptions,
  normalizeAuthorityHost,
  TokenCredentialBase,
  type TokenRequest,
} from "@entrakit/core";
import { createNetworkModule } from "@entrakit/transport";
import { AccountDirectory } from "./account-directory";
import { type AccountView, sortAccountViews } from "./account-view";
import { checkRecord, isTenantAlias, optionalText } from "./check-options";
import { type Cloud, cloudOf } from "./cloud";
import { findCachedAccessToken } from "./find-cached-access-token";
import { type InternalOptions, internalOptionsKey } from "./internal-options";
import { logger } from "./logger";
import { createMsalApp } from "./msal-app";
import { isRefusedGrant } from "./msal-errors";
import { RefreshTokenRedeemer } from "./refresh-token-redeemer";
import { type AccountCriteria, selectAccountFrom } from "./select-account";
import type { SharedCacheAccount } from "./shared-cache-account";
import type { SharedTokenCacheCredentialOptions } from "./shared-token-cache-credential-options";
import type { CacheSource, StoreLoad } from "./stores/cache-store";
import { sameSnapshots } from "./stores/same-snapshots";
import { createSharedCacheSource } from "./stores/shared-cache-source";
import { writeBack } from "./write-back";

const component = "SharedTokenCacheCredential";

/** The Microsoft developer sign-on client (Azure CLI's), a first-party FOCI app. */
export const developerSignOnClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

const supportedPlatforms: readonly NodeJS.Platform[] = ["win32", "darwin", "linux"];

interface CacheState {
  readonly load: StoreLoad;
  readonly accounts: AccountDirectory;
}

/**
 * Authenticates with the tokens Microsoft developer tools share on this machine: a developer
 * signs in once (Azure CLI, Visual Studio, `azure-identity`, `AuthorizationCodeCredential` with
 * a persistent cache), and every tool gets tokens silently. A cached access token is used when
 * it fits; otherwise a cached Microsoft first-party (family) refresh token is redeemed and the
 * new tokens are written back beside the other applications' entries.
 *
 * @example
 * ```ts
 * const credential = new SharedTokenCacheCredential({ username: "alice@contoso.com" });
 * const client = new SecretClient("https://my-vault.vault.azure.net", credential);
 * ```
 */
export class SharedTokenCacheCredential extends TokenCredentialBase implements AsyncDisposable {
  readonly #guard = new CloseGuard();
  readonly #clientId: string;
  readonly #cloud: Cloud;
  readonly #criteria: AccountCriteria;
  readonly #source: CacheSource;
  readonly #redeemer: RefreshTokenRedeemer;
  readonly #platform: NodeJS.Platform;
  readonly #platformSupported: boolean;
  readonly #logAccounts: boolean;
  #state: CacheState | undefined;

  /**
   * @param options - which account, tenant, client and cache; see {@link SharedTokenCacheCredentialOptions}.
   * @throws TypeError for a malformed `username`, `clientId` or `authenticationRecord`;
   * {@link @entrakit/core!InvalidArgumentError} for a malformed `tenantId`, `authorityHost` or cache name.
   */
  constructor(options: SharedTokenCacheCredentialOptions = {}) {
    const internal = (options as InternalOptions)[internalOptionsKey] ?? {};
    const record = checkRecord(component, options.authenticationRecord);
    if (options.tenantId !== undefined) checkTenantId(options.tenantId);
    super(component, logger, {
      tenantId: options.tenantId ?? record?.tenantId ?? "organizations",
      additionallyAllowedTenants: options.additionallyAllowedTenants,
      clock: options.clock,
      env: options.env,
      adjustLogLevel: logLevelInContext,
    });
    optionalText(component, options.username, "username", "the account's user principal name");
    optionalText(component, options.clientId, "clientId", "an application (client) id");
    this.#clientId = options.clientId ?? developerSignOnClientId;
    const authorityHost = normalizeAuthorityHost(
      options.authorityHost ??
        (this.env.AZURE_AUTHORITY_HOST?.trim()
          ? undefined
          : record &&
            (/^https?:\/\//i.test(record.authority)
              ? record.authority
              : `https://${record.authority}`)),
      this.env,
    );
    this.#cloud = cloudOf(authorityHost);
    this.#criteria = record
      ? { homeAccountId: record.homeAccountId }
      : {
          username: options.username,
          tenantId: isTenantAlias(options.tenantId) ? undefined : options.tenantId,
          enableGuestTenantAuthentication: options.enableGuestTenantAuthentication === true,
        };
    this.#logAccounts = options.loggingOptions?.allowLoggingAccountIdentifiers === true;
    const platform = internal.platform ?? process.platform;
    this.#platform = platform;
    this.#platformSupported =
      supportedPlatforms.includes(platform) ||
      internal.stores !== undefined ||
      options.tokenCachePersistenceOptions?.persistence !== undefined;
    this.#source = createSharedCacheSource({
      options: options.tokenCachePersistenceOptions,
      directory: options.cacheDirectory,
      env: this.env,
      platform,
      clock: this.clock,
      ...(internal.keyring === undefined ? {} : { keyring: internal.keyring }),
      ...(internal.stores === undefined ? {} : { stores: internal.stores }),
    });
    const host = this.#cloud.host;
    this.#redeemer = new RefreshTokenRedeemer({
      component,
      clientId: this.#clientId,
      authorityHost,
      tenantId: this.tenantId,
      knownAuthorities: options.disableInstanceDiscovery ? [host] : [],
      networkClient: options.networkModule ?? createNetworkModule(options.transportOptions),
      factory: internal.msalAppFactory ?? createMsalApp,
    });
  }

  /**
   * Whether a shared token cache can exist on this platform (Windows, macOS, Linux).
   *
   * @returns `true` on those platforms.
   */
  static supported(): boolean {
    return supportedPlatforms.includes(process.platform);
  }

  /**
   * Gets a token; see {@link TokenCredentialBase.getTokenInfo}.
   *
   * @throws `ClosedError` after {@link close}; {@link CredentialUnavailableError} when no
   * single account can be chosen or the cache cannot be read (`no_accounts`,
   * `no_matching_account`, `multiple_matching_accounts`, `keyring_unavailable`,
   * `cache_unreadable`, …); {@link @entrakit/core!AuthenticationRequiredError} when the cached refresh tokens
   * expired or were revoked; `AuthenticationError` when the authority refused otherwise.
   */
  override getTokenInfo(
    scopes: string | readonly string[],
    options?: GetTokenOptions,
  ): Promise<AccessTokenInfo> {
    if (this.#guard.isClosed) {
      try {
        this.#guard.assertOpen(`${component}.getToken`);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return super.getTokenInfo(scopes, options);
  }

  /**
   * The accounts this credential can choose from: those of its cloud that hold a refresh
   * token it may redeem. Use it to show a person what to pass as `username` / `tenantId`.
   *
   * @throws CredentialUnavailableError when no cache could be read at all (e.g.
   * `keyring_unavailable`); `ClosedError` after {@link close}.
   */
  listAccounts(): Promise<SharedCacheAccount[]> {
    return this.#guard.track(`${component}.listAccounts`, async () => {
      const { load, accounts } = await this.#cacheState();
      const all = accounts.all();
      const failure = load.failures[0];
      if (all.length === 0 && load.snapshots.length === 0 && failure) throw failure;
      return sortAccountViews(all).map((account) => ({
        username: account.username,
        homeAccountId: account.homeAccountId,
        homeTenantId: account.homeTenantId,
        tenantIds: [...account.tenantIds],
        cloud: account.environment,
      }));
    });
  }

  /** Releases the credential; later calls reject with `ClosedError`. Idempotent. */
  close(): Promise<void> {
    return this.#guard.close().then(() => {
      this.clearMemoryCache();
      this.#state = undefined;
    });
  }

  /** The same as {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  protected acquireTokenSilently(request: TokenRequest): Promise<AccessTokenInfo | undefined> {
    return this.#guard.track(`${component}.getToken`, async () => {
      const { load, account } = await this.#chooseAccount();
      if (request.claims) return undefined;
      const token = findCachedAccessToken(load.snapshots, {
        homeAccountId: account.homeAccountId,
        homeTenantId: account.homeTenantId,
        clientId: this.#clientId,
        tenantId: request.tenantId,
        scopes: request.scopes,
        enableCae: request.enableCae,
        now: this.clock.now(),
        cloud: this.#cloud,
      });
      if (token) this.log("verbose", "getToken", "served from the shared cache", { cache: "hit" });
      return token;
    });
  }

  protected acquireTokenFromAuthority(request: TokenRequest): Promise<AccessTokenInfo> {
    return this.#guard.track(`${component}.getToken`, async () => {
      const { load, account } = await this.#chooseAccount();
      let refusal: unknown;
      for (const source of account.refreshTokens) {
        try {
          const redemption = await this.#redeemer.redeem(request, source.token.secret, () =>
            this.clock.now(),
          );
          await writeBack({
            entries: redemption.entries,
            source: source.snapshot,
            enableCae: request.enableCae,
            load,
            log: (level, message, facts) => this.log(level, "writeBack", message, facts),
          });
          return redemption.token;
        } catch (error) {
          if (!isRefusedGrant(error)) throw error;
          refusal = error;
          this.log("warning", "getToken", "a cached refresh token was refused; trying the next", {
            error: (error as { code?: string }).code,
            cache: source.snapshot.store.description,
          });
        }
      }
      throw refusal ?? this.#noRefreshToken();
    });
  }

  async #chooseAccount(): Promise<{ load: StoreLoad; account: AccountView }> {
    const { load, accounts } = await this.#cacheState();
    for (const failure of load.failures) {
      this.log("verbose", "getToken", "a shared cache could not be read", { code: failure.code });
    }
    const account = selectAccountFrom(accounts, this.#criteria, load);
    this.log(
      "verbose",
      "getToken",
      "account selected",
      this.#logAccounts
        ? { username: account.username, homeAccountId: account.homeAccountId }
        : undefined,
    );
    return { load, account };
  }

  async #cacheState(): Promise<CacheState> {
    if (!this.#platformSupported) {
      throw new CredentialUnavailableError(
        `${component}: there is no shared token cache on ${this.#platform}. Use another credential, or pass tokenCachePersistenceOptions.persistence to read a cache you keep yourself.`,
        { code: "platform_not_supported" },
      );
    }
    const load = await this.#source.load();
    const cached = this.#state;
    if (cached && sameSnapshots(cached.load.snapshots, load.snapshots)) {
      return { load, accounts: cached.accounts };
    }
    const state = {
      load,
      accounts: new AccountDirectory(load.snapshots, this.#cloud, this.#clientId),
    };
    this.#state = state;
    return state;
  }

  #noRefreshToken(): CredentialUnavailableError {
    return new CredentialUnavailableError(
      `${component}: the chosen account has no refresh token left to redeem. Sign in again with a Microsoft developer tool, then retry.`,
      { code: "no_refresh_token" },
    );
  }
}
