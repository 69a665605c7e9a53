import {
  type DevAuthority,
  type DevAuthorityOptions,
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
  startDevAuthority,
} from "@entrakit/dev-authority";
import {
  createNetworkModule,
  type NetworkModule,
  type NetworkRequestOptions,
  type TransportOptions,
} from "@entrakit/transport";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import type { AuthorizationCodeCredentialOptions } from "../../src/authorization-code-credential-options";

export const vaultScope = "https://vault.azure.net/.default";
export const storageScope = "https://storage.azure.com/.default";
export const graphScope = "https://graph.microsoft.com/.default";
/** The OpenID scopes MSAL adds to every authorization code and refresh token request. */
export const oidcScopes = ["openid", "profile", "offline_access"];

/** Options of {@link AuthorityFixture.mintWebAppCode}. */
export interface MintOptions {
  scopes?: string[];
  tenant?: string;
  username?: string;
  clientId?: string;
  redirectUri?: string;
  codeChallenge?: string;
  clientCapabilities?: string[];
}

/** A dev authority plus helpers to build credentials that trust it. */
export interface AuthorityFixture {
  authority: DevAuthority;
  /** Transport options that trust the authority, with tiny retry delays. */
  transport(extra?: TransportOptions): TransportOptions;
  options(extra?: AuthorizationCodeCredentialOptions): AuthorizationCodeCredentialOptions;
  /** A code for the default web app, as a sign-in would have produced it. */
  mintWebAppCode(options?: MintOptions): string;
  /** A confidential web-app credential over a freshly minted code for `scopes`. */
  webAppCredential(
    scopes?: string[],
    extra?: AuthorizationCodeCredentialOptions,
  ): { credential: AuthorizationCodeCredential; code: string };
  /** A web-app credential over a given code. */
  webAppCredentialFor(
    code: string,
    extra?: AuthorizationCodeCredentialOptions,
  ): AuthorizationCodeCredential;
  /** Requests with `grant_type=authorization_code` since the log was last cleared. */
  codeRedemptions(): number;
  /** Requests with `grant_type=refresh_token` since the log was last cleared. */
  refreshRedemptions(): number;
  /** Every request to the authority since the log was last cleared. */
  allRequests(): number;
  /**
   * Runs `body` while the web app's refresh tokens are strictly single-use (a rotated one is
   * refused at once instead of after a grace period), then restores the grace period.
   */
  withStrictRefreshTokens<T>(body: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function startAuthorityFixture(
  devOptions: DevAuthorityOptions = {},
): Promise<AuthorityFixture> {
  const authority = await startDevAuthority(devOptions);
  const transport = (extra: TransportOptions = {}): TransportOptions => ({
    ca: authority.caPem,
    env: {},
    retryDelayMs: 1,
    maxRetryDelayMs: 5,
    ...extra,
  });
  const options = (
    extra: AuthorizationCodeCredentialOptions = {},
  ): AuthorizationCodeCredentialOptions => ({
    authorityHost: authority.url,
    disableInstanceDiscovery: true,
    env: {},
    ...extra,
    transportOptions: transport(extra.transportOptions),
  });
  const mintWebAppCode = (mint: MintOptions = {}) =>
    authority.mintCode({
      username: mint.username ?? defaultUsername,
      scopes: [...(mint.scopes ?? [vaultScope]), ...oidcScopes],
      clientId: mint.clientId ?? defaultWebAppClientId,
      redirectUri: mint.redirectUri ?? defaultWebAppRedirectUri,
      ...(mint.tenant ? { tenant: mint.tenant } : {}),
      ...(mint.codeChallenge ? { codeChallenge: mint.codeChallenge } : {}),
      ...(mint.clientCapabilities ? { clientCapabilities: mint.clientCapabilities } : {}),
    });
  const webAppCredentialFor = (code: string, extra: AuthorizationCodeCredentialOptions = {}) =>
    new AuthorizationCodeCredential(
      defaultTenantId,
      defaultWebAppClientId,
      defaultWebAppSecret,
      code,
      defaultWebAppRedirectUri,
      options(extra),
    );
  return {
    authority,
    transport,
    options,
    mintWebAppCode,
    webAppCredential(scopes = [vaultScope], extra = {}) {
      const code = mintWebAppCode({ scopes });
      return { credential: webAppCredentialFor(code, extra), code };
    },
    webAppCredentialFor,
    codeRedemptions: () => authority.countRequests({ grantType: "authorization_code" }),
    refreshRedemptions: () => authority.countRequests({ grantType: "refresh_token" }),
    allRequests: () => authority.countRequests(),
    async withStrictRefreshTokens(body) {
      const app = { clientId: defaultWebAppClientId };
      authority.setTokenLifetimes({ rotatedRefreshTokenGrace: 0 }, app);
      try {
        return await body();
      } finally {
        authority.setTokenLifetimes({ rotatedRefreshTokenGrace: 60 }, app);
      }
    },
    close: () => authority.close(),
  };
}

/**
 * Registers a file's authority lifecycle: one dev authority for the file, its request log and
 * armed faults cleared before each test. Returns the fixture; use it inside tests only.
 */
export function useAuthorityFixture(): AuthorityFixture {
  let started: AuthorityFixture | undefined;
  beforeAll(async () => {
    started = await startAuthorityFixture();
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(() => {
    current().authority.clearRequestLog();
    current().authority.clearFaults();
  });
  function current(): AuthorityFixture {
    if (started === undefined) throw new Error("useAuthorityFixture: used outside a test");
    return started;
  }
  return {
    get authority() {
      return current().authority;
    },
    transport: (extra) => current().transport(extra),
    options: (extra) => current().options(extra),
    mintWebAppCode: (mint) => current().mintWebAppCode(mint),
    webAppCredential: (scopes, extra) => current().webAppCredential(scopes, extra),
    webAppCredentialFor: (code, extra) => current().webAppCredentialFor(code, extra),
    codeRedemptions: () => current().codeRedemptions(),
    refreshRedemptions: () => current().refreshRedemptions(),
    allRequests: () => current().allRequests(),
    withStrictRefreshTokens: (body) => current().withStrictRefreshTokens(body),
    close: () => current().close(),
  };
}

/** A network module trusting the authority, for tests that wrap the transport. */
export function trustingNetworkModule(authority: DevAuthority, extra: TransportOptions = {}) {
  return createNetworkModule({
    ca: authority.caPem,
    env: {},
    retryDelayMs: 1,
    maxRetryDelayMs: 5,
    ...extra,
  });
}

/**
 * Wraps a network module and keeps every secret the authority sent back (access, refresh and
 * id tokens), so a test can prove none of them reaches a log line or an error.
 */
export function recordingNetworkModule(inner: NetworkModule): {
  networkModule: NetworkModule;
  issuedSecrets: string[];
} {
  const issuedSecrets: string[] = [];
  const keep = (body: unknown) => {
    if (typeof body !== "object" || body === null) return;
    for (const field of ["access_token", "refresh_token", "id_token"]) {
      const value = (body as Record<string, unknown>)[field];
      if (typeof value === "string" && value.length > 0) issuedSecrets.push(value);
    }
  };
  const networkModule: NetworkModule = {
    async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number) {
      const response = await inner.sendGetRequestAsync<T>(url, options, timeout);
      keep(response.body);
      return response;
    },
    async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      const response = await inner.sendPostRequestAsync<T>(url, options);
      keep(response.body);
      return response;
    },
  };
  return { networkModule, issuedSecrets };
}

/** Decodes a JWT's payload (the tokens here are the dev authority's own test tokens). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** Resolves with what `promise` rejected with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new TypeError("expected the promise to reject, but it resolved");
}

/**
 * Waits for something the authority does on its own schedule (a delayed request it still
 * processes after the client gave up), polling every few milliseconds.
 */
export async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new TypeError(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
