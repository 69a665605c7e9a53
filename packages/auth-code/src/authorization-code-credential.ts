import type { AccountInfo, AuthenticationResult } from "@azure/msal-node";
import { CloseGuard, logLevelInContext } from "@entrakit/async-context";
import {
  type AccessTokenInfo,
  type AuthenticationRecord,
  AuthenticationRequiredError,
  accessTokenFromMsalResult,
  authorityUrl,
  checkTenantId,
  type GetTokenOptions,
  normalizeAuthorityHost,
  TokenCredentialBase,
  type TokenRequest,
} from "@entrakit/core";
import { createNetworkModule, runWithTransportContext } from "@entrakit/transport";
import type { AuthorizationCodeCredentialOptions } from "./authorization-code-credential-options";
import { toMsalClientAuth } from "./client-authentication";
import { CodeRedemption } from "./code-redemption";
import { logger } from "./logger";
import { createMsalApp, type MsalApp, type MsalAppFactory } from "./msal-app";
import { isDefinitiveAnswer, isNothingCached, toCredentialError } from "./msal-errors";
import { createTokenCachePlugin } from "./persistence";
import { refreshTokenOf } from "./refresh-token-transfer";

const component = "AuthorizationCodeCredential";

/** Internal seam: tests build the credential over fake MSAL applications. */
export const msalAppFactoryKey: unique symbol = Symbol("entrakit.auth-code.msal-app-factory");
interface InternalOptions extends AuthorizationCodeCredentialOptions {
  [msalAppFactoryKey]?: MsalAppFactory;
}

/**
 * Authenticates a user with an authorization code the app received from Microsoft Entra ID.
 * The first `getToken` redeems the code (once: racing calls share that one redemption, and a
 * spent code is never sent again); later calls are served from the cache or by redeeming the
 * refresh token, for any resource, tenant (when allowed) or CAE setting.
 *
 * @example
 * ```ts
 * const credential = new AuthorizationCodeCredential(tenantId, clientId, clientSecret, code, redirectUri, {
 *   codeVerifier, // when the sign-in used PKCE
 * });
 * const client = new BlobServiceClient(accountUrl, credential);
 * ```
 */
export class AuthorizationCodeCredential extends TokenCredentialBase implements AsyncDisposable {
  readonly #guard = new CloseGuard();
  readonly #clientId: string;
  readonly #redirectUri: string;
  readonly #codeVerifier: string | undefined;
  readonly #nonce: string | undefined;
  readonly #authorityHost: string;
  readonly #code: CodeRedemption<AccessTokenInfo>;
  readonly #plainApp: MsalApp;
  readonly #caeApp: MsalApp;
  #account: AccountInfo | undefined;
  #record: AuthenticationRecord | undefined;

  /**
   * A confidential client: the app authenticates itself with `clientSecret`.
   *
   * @param tenantId - The directory (tenant) id or a verified domain; `common` or `organizations` for multi-tenant apps.
   * @param clientId - The app registration's client id.
   * @param clientSecret - The app's client secret.
   * @param authorizationCode - The code the authorize endpoint redirected back with.
   * @param redirectUri - The redirect URI the code was requested with (must match exactly).
   * @throws TypeError / {@link InvalidArgumentError} for malformed arguments.
   */
  constructor(
    tenantId: string,
    clientId: string,
    clientSecret: string,
    authorizationCode: string,
    redirectUri: string,
    options?: AuthorizationCodeCredentialOptions,
  );
  /**
   * A public client (or a confidential one authenticating with `clientCertificate` or
   * `getClientAssertion` in the options).
   */
  constructor(
    tenantId: string,
    clientId: string,
    authorizationCode: string,
    redirectUri: string,
    options?: AuthorizationCodeCredentialOptions,
  );
  constructor(
    tenantId: string,
    clientId: string,
    secretOrCode: string,
    codeOrRedirectUri: string,
    redirectUriOrOptions?: string | AuthorizationCodeCredentialOptions,
    maybeOptions?: AuthorizationCodeCredentialOptions,
  ) {
    const withSecret = typeof redirectUriOrOptions === "string";
    const options: InternalOptions = (withSecret ? maybeOptions : redirectUriOrOptions) ?? {};
    checkTenantId(tenantId);
    super(component, logger, {
      tenantId,
      additionallyAllowedTenants: options.additionallyAllowedTenants,
      clock: options.clock,
      env: options.env,
      adjustLogLevel: logLevelInContext,
    });
    const clientSecret = withSecret ? secretOrCode : undefined;
    const code = withSecret ? codeOrRedirectUri : secretOrCode;
    const redirectUri = withSecret ? (redirectUriOrOptions as string) : codeOrRedirectUri;
    requireText(clientId, "clientId", "the app registration's application (client) id");
    requireText(
      redirectUri,
      "redirectUri",
      "the redirect URI the authorization code was requested with",
    );
    if (code !== undefined && typeof code !== "string") {
      throw new TypeError(
        `${component}: authorizationCode is not a string. Pass the code from the redirect's query string.`,
      );
    }
    this.#clientId = clientId;
    this.#redirectUri = redirectUri;
    this.#codeVerifier = options.codeVerifier;
    this.#nonce = options.nonce;
    this.#authorityHost = normalizeAuthorityHost(options.authorityHost, this.env);
    this.#record = options.authenticationRecord;
    this.#code = new CodeRedemption(code || undefined, isDefinitiveAnswer);

    const clientAuth = toMsalClientAuth({
      clientSecret,
      clientCertificate: options.clientCertificate,
      getClientAssertion: options.getClientAssertion,
    });
    const networkClient = options.networkModule ?? createNetworkModule(options.transportOptions);
    const host = new URL(this.#authorityHost).host;
    const factory = options[msalAppFactoryKey] ?? createMsalApp;
    const appFor = (cae: boolean) =>
      factory({
        clientId,
        authority: authorityUrl(this.#authorityHost, tenantId),
        knownAuthorities: options.disableInstanceDiscovery ? [host] : [],
        clientAuth,
        clientCapabilities: cae ? ["cp1"] : [],
        networkClient,
        cachePlugin: createTokenCachePlugin(options.tokenCachePersistenceOptions, cae),
      });
    // CAE and non-CAE tokens live in separate applications (and caches) so they never mix;
    // MSAL sets client capabilities per application, not per request.
    this.#plainApp = appFor(false);
    this.#caeApp = appFor(true);
  }

  /**
   * Gets a token; see {@link TokenCredentialBase.getTokenInfo}.
   *
   * @throws `ClosedError` after {@link close}; {@link AuthenticationRequiredError} (`code_spent`)
   * when the code was used up and no refresh token is left; {@link AuthenticationError} with the
   * AADSTS code when the authority refused.
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
   * The account the code signed in, for a later process to resume with
   * `authenticationRecord` (no secret in it). `undefined` before the first token.
   */
  getAuthenticationRecord(): AuthenticationRecord | undefined {
    return this.#record;
  }

  /** Releases the credential; later calls reject with `ClosedError`. Idempotent. */
  close(): Promise<void> {
    return this.#guard.close().then(() => this.clearMemoryCache());
  }

  /** The same as {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  protected acquireTokenSilently(request: TokenRequest): Promise<AccessTokenInfo | undefined> {
    return this.#guard.track(`${component}.getToken`, async () => {
      await this.#code.settled();
      const account = await this.#findAccount();
      return account ? this.#silent(request, account) : undefined;
    });
  }

  protected acquireTokenFromAuthority(request: TokenRequest): Promise<AccessTokenInfo> {
    return this.#guard.track(`${component}.getToken`, async () => {
      const outcome = await this.#code.redeemOnce((code) => this.#redeem(code, request));
      if (outcome.redeemedHere) return outcome.value;
      // Another call redeemed the code (its refresh token serves this one), or it is spent.
      const account = await this.#findAccount();
      const token = account ? await this.#silent(request, account) : undefined;
      if (token) return token;
      throw this.#codeSpentError(request);
    });
  }

  async #redeem(code: string, request: TokenRequest): Promise<AccessTokenInfo> {
    const app = this.#app(request.enableCae);
    const result = await this.#callMsal(
      request,
      () =>
        app.acquireTokenByCode({
          code,
          redirectUri: this.#redirectUri,
          scopes: [...request.scopes],
          authority: authorityUrl(this.#authorityHost, request.tenantId),
          ...(this.#codeVerifier ? { codeVerifier: this.#codeVerifier } : {}),
          ...(this.#nonce ? { nonce: this.#nonce } : {}),
          ...(request.claims ? { claims: request.claims } : {}),
        }),
      true,
    );
    this.#remember(result);
    return accessTokenFromMsalResult(result, this.clock.now(), component);
  }

  async #silent(request: TokenRequest, account: AccountInfo): Promise<AccessTokenInfo | undefined> {
    const app = this.#app(request.enableCae);
    const authority = authorityUrl(this.#authorityHost, request.tenantId);
    const claims = request.claims ? { claims: request.claims } : {};
    try {
      const result = await this.#callMsal(request, () =>
        app.acquireTokenSilent({
          account,
          scopes: [...request.scopes],
          forceRefresh: request.forceRefresh,
          authority,
          ...claims,
        }),
      );
      return accessTokenFromMsalResult(result, this.clock.now(), component);
    } catch (error) {
      if (!isNothingCached(error)) throw error;
    }
    // This application's cache has no refresh token for the account (first CAE call after
    // non-CAE ones, or the reverse): the other application's refresh token is just as good.
    const other = this.#app(!request.enableCae);
    const refreshToken = refreshTokenOf(
      other.getTokenCache().serialize(),
      account.homeAccountId,
      this.#clientId,
    );
    if (refreshToken === undefined) return undefined;
    const result = await this.#callMsal(request, () =>
      app.acquireTokenByRefreshToken({
        refreshToken,
        scopes: [...request.scopes],
        authority,
        ...claims,
      }),
    );
    if (result === null) return undefined;
    return accessTokenFromMsalResult(result, this.clock.now(), component);
  }

  #callMsal<T>(request: TokenRequest, call: () => Promise<T>, sendsCode = false): Promise<T> {
    return runWithTransportContext({ abortSignal: request.abortSignal }, async (diagnostics) => {
      try {
        return await call();
      } catch (error) {
        throw toCredentialError(error, {
          component,
          scopes: request.scopes,
          diagnostics,
          sendsCode,
        });
      }
    });
  }

  async #findAccount(): Promise<AccountInfo | undefined> {
    if (this.#account) return this.#account;
    const record = this.#record;
    if (!record) return undefined;
    const account =
      (await this.#plainApp.getTokenCache().getAccountByHomeId(record.homeAccountId)) ??
      (await this.#caeApp.getTokenCache().getAccountByHomeId(record.homeAccountId));
    if (account) {
      // A resumed session already redeemed its code in an earlier run.
      this.#code.spend();
      this.#account = account;
    }
    return account ?? undefined;
  }

  #remember(result: AuthenticationResult): void {
    const account = result.account;
    if (!account) return;
    this.#account = account;
    this.#record = {
      authority: new URL(this.#authorityHost).host,
      homeAccountId: account.homeAccountId,
      clientId: this.#clientId,
      tenantId: account.tenantId,
      username: account.username,
    };
  }

  #app(cae: boolean): MsalApp {
    return cae ? this.#caeApp : this.#plainApp;
  }

  #codeSpentError(request: TokenRequest): AuthenticationRequiredError {
    const state = this.#code.state;
    const refused = state.kind === "spent" && state.refusal !== undefined;
    return new AuthenticationRequiredError({
      scopes: [...request.scopes],
      getTokenOptions: request.options,
      code: "code_spent",
      message: refused
        ? `${component}: the authorization code was refused by the authority and there is no refresh token to use instead. Sign the user in again to get a new authorization code.`
        : `${component}: the authorization code was already redeemed and no refresh token is available for this request. Sign the user in again to get a new authorization code.`,
    });
  }
}

function requireText(value: unknown, option: string, what: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${component}: ${option} is missing or empty. Pass ${what}.`);
  }
}
