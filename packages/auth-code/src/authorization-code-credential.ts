import type { AccountInfo, AuthenticationResult } from "@azure/msal-node";
import { CloseGuard, logLevelInContext } from "@entrakit/async-context";
import {
  type AccessTokenInfo,
  type AuthenticationRecord,
  accessTokenFromMsalResult,
  authorityUrl,
  checkTenantId,
  createRedactor,
  type GetTokenOptions,
  normalizeAuthorityHost,
  TokenCredentialBase,
  type TokenRequest,
} from "@entrakit/core";
import { createNetworkModule, runWithTransportContext } from "@entrakit/transport";
import type { AuthorizationCodeCredentialOptions } from "./authorization-code-credential-options";
import { toMsalClientAuth } from "./client-authentication";
import { CodeRedemption, type RedeemContext } from "./code-redemption";
import { codeSpentError } from "./code-spent-error";
import { resolveCredentialArguments } from "./credential-arguments";
import { logger } from "./logger";
import { createMsalApp, type MsalAppFactory } from "./msal-app";
import { MsalAppPair } from "./msal-app-pair";
import { codeFateOf, refreshRefusal, toCredentialError } from "./msal-errors";
import { refreshSilently } from "./refresh-silently";

const component = "AuthorizationCodeCredential";
const operation = `${component}.getToken`;

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
  readonly #scrub: (text: string) => string;
  readonly #authorityHost: string;
  readonly #code: CodeRedemption<AuthenticationResult>;
  readonly #apps: MsalAppPair;
  readonly #logAccounts: boolean;
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
   * @throws TypeError / {@link @entrakit/core!InvalidArgumentError} for malformed arguments.
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
    const { clientSecret, code, redirectUri, options } =
      resolveCredentialArguments<InternalOptions>(
        clientId,
        secretOrCode,
        codeOrRedirectUri,
        redirectUriOrOptions,
        maybeOptions,
      );
    checkTenantId(tenantId);
    super(component, logger, {
      tenantId,
      additionallyAllowedTenants: options.additionallyAllowedTenants,
      clock: options.clock,
      env: options.env,
      adjustLogLevel: logLevelInContext,
    });
    this.#clientId = clientId;
    this.#redirectUri = redirectUri;
    this.#codeVerifier = options.codeVerifier;
    this.#nonce = options.nonce;
    this.#authorityHost = normalizeAuthorityHost(options.authorityHost, this.env);
    this.#record = options.authenticationRecord;
    this.#logAccounts = options.loggingOptions?.allowLoggingAccountIdentifiers === true;
    this.#code = new CodeRedemption(code, codeFateOf);
    // Also scrubs MSAL's log lines and the authority's error texts, which may quote a request.
    this.#scrub = createRedactor([clientSecret, code, options.codeVerifier]);
    this.#apps = new MsalAppPair(
      {
        clientId,
        authority: authorityUrl(this.#authorityHost, tenantId),
        knownAuthorities: options.disableInstanceDiscovery
          ? [new URL(this.#authorityHost).host]
          : [],
        clientAuth: toMsalClientAuth({
          clientSecret,
          clientCertificate: options.clientCertificate,
          getClientAssertion: options.getClientAssertion,
        }),
        networkClient: options.networkModule ?? createNetworkModule(options.transportOptions),
        redact: this.#scrub,
      },
      options.tokenCachePersistenceOptions,
      options[msalAppFactoryKey] ?? createMsalApp,
    );
  }

  /**
   * Gets a token; see {@link TokenCredentialBase.getTokenInfo}.
   *
   * @throws `ClosedError` after {@link close}; {@link @entrakit/core!AuthenticationRequiredError} (`code_spent`)
   * when the code was used up and no refresh token is left; {@link @entrakit/core!AuthenticationError} with the
   * AADSTS code when the authority refused.
   */
  override getTokenInfo(
    scopes: string | readonly string[],
    options?: GetTokenOptions,
  ): Promise<AccessTokenInfo> {
    if (this.#guard.isClosed) {
      try {
        this.#guard.assertOpen(operation);
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

  // One tracked operation covers the whole acquisition (cache, refresh token, then the code),
  // so close() waits for every call in flight, whichever step it is at.
  protected acquireTokenSilently(request: TokenRequest): Promise<AccessTokenInfo> {
    return this.#guard.track(operation, async () => {
      const cached = await this.#fromAccount(request);
      return cached ?? this.#fromCode({ ...request, forceRefresh: false });
    });
  }

  // The base calls this only when acquireTokenSilently found nothing, which it never reports.
  protected acquireTokenFromAuthority(request: TokenRequest): Promise<AccessTokenInfo> {
    return this.#guard.track(operation, () => this.#fromCode(request));
  }

  async #fromAccount(request: TokenRequest): Promise<AccessTokenInfo | undefined> {
    await this.#code.settled();
    const account = await this.#findAccount();
    return account ? this.#silent(request, account) : undefined;
  }

  async #fromCode(request: TokenRequest): Promise<AccessTokenInfo> {
    const outcome = await this.#code.redeemOnce((code, context) =>
      this.#redeem(code, request, context),
    );
    // A code is bound to the tenant it was issued for, so it is always redeemed there; another
    // tenant's token then comes from the refresh token, like every later call's.
    if (outcome.redeemedHere && request.tenantId === this.tenantId) {
      return accessTokenFromMsalResult(outcome.value, this.clock.now(), component);
    }
    // Another call redeemed the code (its refresh token serves this one), or it is spent.
    const account = await this.#findAccount();
    const token = account ? await this.#silent(request, account) : undefined;
    if (token) return token;
    throw codeSpentError(this.#code.state, request);
  }

  async #redeem(
    code: string,
    request: TokenRequest,
    context: RedeemContext,
  ): Promise<AuthenticationResult> {
    const app = this.#apps.app(request.enableCae);
    const ownTenant = request.tenantId === this.tenantId;
    const result = await this.#callMsal(
      request,
      () =>
        app.acquireTokenByCode({
          code,
          redirectUri: this.#redirectUri,
          scopes: [...request.scopes],
          authority: authorityUrl(this.#authorityHost, this.tenantId),
          ...(this.#codeVerifier ? { codeVerifier: this.#codeVerifier } : {}),
          ...(this.#nonce ? { nonce: this.#nonce } : {}),
          ...(request.claims && ownTenant ? { claims: request.claims } : {}),
        }),
      { sendsCode: true, codeMayHaveBeenReceived: context.mayHaveBeenReceived },
    );
    this.#remember(result);
    return result;
  }

  async #silent(request: TokenRequest, account: AccountInfo): Promise<AccessTokenInfo | undefined> {
    try {
      return await refreshSilently({
        apps: this.#apps,
        request,
        account,
        credentialTenantId: this.tenantId,
        authority: authorityUrl(this.#authorityHost, request.tenantId),
        now: () => this.clock.now(),
        callMsal: (call) => this.#callMsal(request, call),
      });
    } catch (error) {
      throw refreshRefusal(error, {
        component,
        scopes: request.scopes,
        getTokenOptions: request.options,
      });
    }
  }

  #callMsal<T>(
    request: TokenRequest,
    call: () => Promise<T>,
    redemption: { sendsCode: boolean; codeMayHaveBeenReceived?: boolean } = { sendsCode: false },
  ): Promise<T> {
    return runWithTransportContext({ abortSignal: request.abortSignal }, async (diagnostics) => {
      try {
        return await call();
      } catch (error) {
        throw toCredentialError(error, {
          component,
          scopes: request.scopes,
          diagnostics,
          abortSignal: request.abortSignal,
          scrub: this.#scrub,
          ...redemption,
        });
      }
    });
  }

  async #findAccount(): Promise<AccountInfo | undefined> {
    if (this.#account) return this.#account;
    const record = this.#record;
    if (!record) return undefined;
    const account = await this.#apps.account(record.homeAccountId);
    if (account) {
      // A resumed session already redeemed its code in an earlier run.
      this.#code.spend("not_needed");
      this.#account = account;
    }
    return account;
  }

  #remember(result: AuthenticationResult): void {
    const account = result.account;
    if (!account) return;
    this.#account = account;
    // Who signed in is what an operator needs to debug a wrong-account problem, but it is
    // personal data: identifiers are logged only when the app opted in.
    this.log(
      "info",
      "getToken",
      "authorization code redeemed",
      this.#logAccounts
        ? {
            clientId: this.#clientId,
            tenantId: account.tenantId,
            username: account.username,
            homeAccountId: account.homeAccountId,
          }
        : undefined,
    );
    this.#record = {
      authority: new URL(this.#authorityHost).host,
      homeAccountId: account.homeAccountId,
      clientId: this.#clientId,
      tenantId: account.tenantId,
      username: account.username,
    };
  }
}
