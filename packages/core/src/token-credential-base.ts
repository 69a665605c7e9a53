import type { GetTokenOptions, TokenCredential } from "@azure/core-auth";
import type { AzureLogger } from "@azure/logger";
import type { AccessTokenInfo } from "./access-token-info";
import { type Clock, systemClock } from "./clock";
import { InvalidArgumentError } from "./errors/invalid-argument-error";
import { formatLogLine, type LogFacts, type LogLevel } from "./logging/logger";
import { type MultiTenantOptions, resolveTenantId } from "./multi-tenant";
import { computeRefreshAfter, refreshDueAt, refreshRetryDelayMs } from "./refresh-policy";
import { checkScopes } from "./scopes";
import { SingleFlight } from "./single-flight";
import { checkTenantId } from "./tenant-id";
import { TokenCache, type TokenPartition } from "./token-cache";
import { scopesKey, tokenKeyPrefix } from "./token-cache-key";
import { hookRequest, type TokenRequest } from "./token-request";

/** Options every credential built on {@link TokenCredentialBase} passes up. */
export interface TokenCredentialBaseOptions extends MultiTenantOptions {
  /** The credential's own tenant. */
  tenantId: string;
  /**
   * Advanced: the source of time for refresh decisions.
   * @defaultValue the system clock
   */
  clock?: Clock;
  /**
   * Advanced: the environment, read once at construction
   * (`AZURE_IDENTITY_DISABLE_MULTITENANTAUTH`).
   * @defaultValue `process.env`
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * The most access tokens kept in memory; expired ones are dropped first.
   * @defaultValue 1000
   */
  maxCachedTokens?: number;
  /**
   * Advanced: maps a log level before a line is written (credential chains lower levels).
   * @defaultValue identity
   */
  adjustLogLevel?: (level: LogLevel) => LogLevel;
}

/**
 * The get-token machinery every entrakit credential extends: scope and tenant checks, an
 * in-memory token cache keyed by (tenant, scopes, CAE), refresh ahead of expiry, a 30 s pause
 * after a failed refresh while the old token stays valid, and one request per key however many
 * callers ask at once. Subclasses supply two hooks: {@link acquireTokenSilently} (their own
 * cache or refresh token) and {@link acquireTokenFromAuthority} (everything else).
 */
export abstract class TokenCredentialBase implements TokenCredential {
  /** The credential's class name, used in messages and log lines. */
  protected readonly component: string;
  /** The credential's own tenant. */
  protected readonly tenantId: string;
  /** The clock every time decision uses. */
  protected readonly clock: Clock;
  /** The environment captured at construction. */
  protected readonly env: Readonly<Record<string, string | undefined>>;
  /** The package logger lines go to. */
  protected readonly logger: AzureLogger;
  private readonly additionallyAllowedTenants: readonly string[];
  private readonly adjustLogLevel: (level: LogLevel) => LogLevel;
  private readonly tokens: TokenCache;
  private readonly flights = new SingleFlight<AccessTokenInfo>();
  private readonly plainPrefix: string;
  private readonly caePrefix: string;
  // The own tenant's partitions, held directly so the hot path does one Map lookup.
  private readonly plainPartition: TokenPartition;
  private readonly caePartition: TokenPartition;

  /**
   * @param component - the credential's class name, for messages and log lines.
   * @param logger - the package logger (`createPackageLogger("<package>")`).
   * @param options - the tenant, multi-tenant and advanced options.
   * @throws {@link InvalidArgumentError} for a malformed `tenantId` or
   * `additionallyAllowedTenants` entry (`invalid_tenant_id`), or a `maxCachedTokens` that is not
   * a positive integer (`invalid_option`).
   */
  protected constructor(
    component: string,
    logger: AzureLogger,
    options: TokenCredentialBaseOptions,
  ) {
    checkTenantId(options.tenantId);
    for (const tenant of options.additionallyAllowedTenants ?? []) {
      if (tenant !== "*") checkTenantId(tenant, "additionallyAllowedTenants");
    }
    this.component = component;
    this.logger = logger;
    this.tenantId = options.tenantId;
    this.clock = options.clock ?? systemClock;
    // A copy: the environment is read once, so later changes to process.env (or to the object
    // passed in) cannot switch multi-tenant checks on or off under a running credential.
    this.env = { ...(options.env ?? process.env) };
    this.additionallyAllowedTenants = [...(options.additionallyAllowedTenants ?? [])];
    const maxCachedTokens = options.maxCachedTokens ?? 1000;
    if (!Number.isSafeInteger(maxCachedTokens) || maxCachedTokens < 1) {
      throw new InvalidArgumentError(
        `${component}: maxCachedTokens ${String(maxCachedTokens)} is not a positive integer. Pass a whole number of at least 1, or leave it out for the default of 1000.`,
        "invalid_option",
      );
    }
    this.adjustLogLevel = options.adjustLogLevel ?? ((level) => level);
    this.plainPrefix = tokenKeyPrefix(this.tenantId, false);
    this.caePrefix = tokenKeyPrefix(this.tenantId, true);
    this.tokens = new TokenCache(maxCachedTokens);
    this.plainPartition = this.tokens.partition(this.plainPrefix);
    this.caePartition = this.tokens.partition(this.caePrefix);
  }

  /**
   * Gets an access token for `scopes`. Same as {@link getTokenInfo}; the result always has
   * `refreshAfterTimestamp` and `tokenType`.
   */
  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessTokenInfo> {
    return this.getTokenInfo(scopes, options);
  }

  /**
   * Gets an access token for `scopes`, from memory when one is fresh, else through the hooks.
   *
   * @throws {@link InvalidArgumentError} for malformed scopes or a tenant that is not allowed;
   * whatever the hooks throw otherwise (`AuthenticationError`, `CredentialUnavailableError`, …).
   */
  getTokenInfo(
    scopes: string | readonly string[],
    options?: GetTokenOptions,
  ): Promise<AccessTokenInfo> {
    // Kept free of awaits and allocations on a cache hit: this runs before every Azure SDK call.
    try {
      const enableCae = options?.enableCae === true;
      const requested = options?.tenantId;
      let tenantId = this.tenantId;
      let prefix = enableCae ? this.caePrefix : this.plainPrefix;
      let partition: TokenPartition | undefined = enableCae
        ? this.caePartition
        : this.plainPartition;
      if (requested !== undefined && requested !== tenantId) {
        tenantId = this.resolveTenant(requested);
        prefix = tokenKeyPrefix(tenantId, enableCae);
        partition = undefined;
      }
      let scopeKey: string;
      let singleScope = true;
      // A single scope is looked up before it is checked: only a checked scope is ever stored
      // as a single-scope entry, so a hit on one proves this exact string passed the checks.
      if (typeof scopes === "string") scopeKey = scopes;
      else if (Array.isArray(scopes) && scopes.length === 1 && typeof scopes[0] === "string") {
        scopeKey = scopes[0];
      } else {
        scopeKey = scopesKey(checkScopes(scopes));
        singleScope = false;
      }
      const claims = options?.claims || undefined;
      const cached =
        partition !== undefined ? partition.get(scopeKey) : this.tokens.get(prefix, scopeKey);
      if (
        claims === undefined &&
        cached !== undefined &&
        cached.singleScope === singleScope &&
        this.clock.now() < cached.dueAt
      ) {
        return cached.promise;
      }
      const request = { scopes: checkScopes(scopes), tenantId, claims, enableCae };
      return this.acquire(prefix, scopeKey, request, options ?? {});
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Gets a token from the credential's own cache or by redeeming a refresh token. Returns
   * `undefined` when there is nothing to go on, so {@link acquireTokenFromAuthority} runs.
   */
  protected abstract acquireTokenSilently(
    request: TokenRequest,
  ): Promise<AccessTokenInfo | undefined>;

  /** Gets a token when the silent path had nothing (e.g. redeems an authorization code). */
  protected abstract acquireTokenFromAuthority(request: TokenRequest): Promise<AccessTokenInfo>;

  /** Resolves a requested tenant against the credential's own and the allowed list. */
  protected resolveTenant(requested: string | undefined): string {
    return resolveTenantId({
      defaultTenantId: this.tenantId,
      requestedTenantId: requested,
      additionallyAllowedTenants: this.additionallyAllowedTenants,
      env: this.env,
      component: this.component,
    });
  }

  /** Drops every token held in memory (the credential's persistent cache is untouched). */
  protected clearMemoryCache(): void {
    this.tokens.clear();
  }

  /** Writes one line in the project's shape, at a level adjusted for the current context. */
  protected log(level: LogLevel, operation: string, message: string, facts?: LogFacts): void {
    const adjusted = this.adjustLogLevel(level);
    const write = this.logger[adjusted];
    if (write.enabled) write(formatLogLine(this.component, operation, message, facts));
  }

  /**
   * {@link log} with facts built only when the line is written: every acquisition logs, and
   * joining scopes or formatting dates for a disabled level was part of each cold call's cost.
   */
  private logLazily(
    level: LogLevel,
    operation: string,
    message: string,
    facts: () => LogFacts,
  ): void {
    const adjusted = this.adjustLogLevel(level);
    const write = this.logger[adjusted];
    if (write.enabled) write(formatLogLine(this.component, operation, message, facts()));
  }

  private acquire(
    prefix: string,
    scopeKey: string,
    request: Omit<TokenRequest, "forceRefresh" | "abortSignal" | "options">,
    options: GetTokenOptions,
  ): Promise<AccessTokenInfo> {
    const key = prefix + scopeKey;
    // Claims challenges get their own flight: a caller without claims must not receive a
    // token that was fetched for (and may only satisfy) somebody else's challenge.
    const flightKey = request.claims === undefined ? key : `${key}\nclaims\n${request.claims}`;
    // The flight's signal is made only if a hook reads `abortSignal`: a token served from the
    // subclass's own cache never does, and an AbortController is most of such a call's cost.
    return this.flights.runLazy(
      flightKey,
      // Fields named one by one: a spread made the request a slow object on every cold call.
      (abortSignal) =>
        this.refresh(
          prefix,
          scopeKey,
          {
            scopes: request.scopes,
            tenantId: request.tenantId,
            claims: request.claims,
            enableCae: request.enableCae,
            options,
          },
          abortSignal,
        ),
      options.abortSignal,
    );
  }

  private async refresh(
    prefix: string,
    scopeKey: string,
    fields: Omit<TokenRequest, "forceRefresh" | "abortSignal">,
    abortSignal: () => AbortSignal,
  ): Promise<AccessTokenInfo> {
    const request = hookRequest(fields, false, abortSignal);
    const previous = this.tokens.get(prefix, scopeKey);
    const now = this.clock.now();
    // A flight for this key may have finished between this caller's lookup and its joining.
    if (request.claims === undefined && previous !== undefined && now < previous.dueAt) {
      return previous.token;
    }
    const facts = (): LogFacts => ({
      tenant: request.tenantId,
      scopes: request.scopes.join(" "),
      cae: request.enableCae,
    });
    this.logLazily("verbose", "getToken", previous ? "refreshing" : "cache miss", facts);
    try {
      const silentRequest =
        previous === undefined ? request : hookRequest(fields, true, abortSignal);
      const token =
        (await this.acquireTokenSilently(silentRequest)) ??
        (await this.acquireTokenFromAuthority(request));
      const stored = this.store(prefix, scopeKey, request.scopes.length, token);
      this.logLazily("info", "getToken", "token acquired", () => ({
        ...facts(),
        expiresOn: new Date(stored.expiresOnTimestamp).toISOString(),
      }));
      return stored;
    } catch (error) {
      // Read the clock again: the failed attempt may have taken long enough (timeouts, retries)
      // for the old token to expire, and the 30 s pause counts from the failure.
      const failedAt = this.clock.now();
      const stillValid = previous !== undefined && failedAt < previous.token.expiresOnTimestamp;
      if (stillValid && request.claims === undefined) {
        previous.dueAt = Math.min(
          failedAt + refreshRetryDelayMs,
          previous.token.expiresOnTimestamp,
        );
        const retryAfter = previous.dueAt;
        this.logLazily("warning", "getToken", "refresh failed; serving the cached token", () => ({
          ...facts(),
          retryAfter: new Date(retryAfter).toISOString(),
          error: error instanceof Error ? error.name : typeof error,
        }));
        return previous.token;
      }
      this.logLazily("error", "getToken", "failed", () => ({
        ...facts(),
        error: error instanceof Error ? error.name : typeof error,
      }));
      throw error;
    }
  }

  private store(
    prefix: string,
    scopeKey: string,
    scopeCount: number,
    received: AccessTokenInfo,
  ): AccessTokenInfo {
    const now = this.clock.now();
    const token: AccessTokenInfo = Object.freeze({
      token: received.token,
      expiresOnTimestamp: received.expiresOnTimestamp,
      refreshAfterTimestamp:
        received.refreshAfterTimestamp ?? computeRefreshAfter(now, received.expiresOnTimestamp),
      tokenType: received.tokenType ?? "Bearer",
    });
    // A token that lives less than the refresh window would be due at once, and every call
    // would fetch a new one (a request storm): serve it for half its remaining life instead.
    let dueAt = refreshDueAt(token);
    if (dueAt <= now) dueAt = now + Math.max(0, token.expiresOnTimestamp - now) / 2;
    this.tokens.set(prefix, scopeKey, token, dueAt, scopeCount === 1, now);
    return token;
  }
}
