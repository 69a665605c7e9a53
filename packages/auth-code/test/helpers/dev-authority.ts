import {
  type DevAuthority,
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
  startDevAuthority,
} from "@entrakit/dev-authority";
import { createNetworkModule } from "@entrakit/transport";
import { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import type { AuthorizationCodeCredentialOptions } from "../../src/authorization-code-credential-options";

export const vaultScope = "https://vault.azure.net/.default";
export const storageScope = "https://storage.azure.com/.default";

/** A dev authority plus helpers to build credentials that trust it. */
export interface AuthorityFixture {
  authority: DevAuthority;
  options(extra?: AuthorizationCodeCredentialOptions): AuthorizationCodeCredentialOptions;
  /** A confidential web-app credential over a freshly minted code for `scopes`. */
  webAppCredential(
    scopes?: string[],
    extra?: AuthorizationCodeCredentialOptions,
  ): { credential: AuthorizationCodeCredential; code: string };
  close(): Promise<void>;
}

export async function startAuthorityFixture(): Promise<AuthorityFixture> {
  const authority = await startDevAuthority();
  const options = (
    extra: AuthorizationCodeCredentialOptions = {},
  ): AuthorizationCodeCredentialOptions => ({
    authorityHost: authority.url,
    disableInstanceDiscovery: true,
    transportOptions: { ca: authority.caPem, env: {}, retryDelayMs: 1, maxRetryDelayMs: 5 },
    env: {},
    ...extra,
  });
  return {
    authority,
    options,
    webAppCredential(scopes = [vaultScope], extra = {}) {
      const code = authority.mintCode({
        username: defaultUsername,
        scopes: [...scopes, "openid", "profile", "offline_access"],
        clientId: defaultWebAppClientId,
        redirectUri: defaultWebAppRedirectUri,
      });
      const credential = new AuthorizationCodeCredential(
        defaultTenantId,
        defaultWebAppClientId,
        defaultWebAppSecret,
        code,
        defaultWebAppRedirectUri,
        options(extra),
      );
      return { credential, code };
    },
    close: () => authority.close(),
  };
}

/** A network module trusting the authority, for tests that wrap the transport. */
export function trustingNetworkModule(authority: DevAuthority) {
  return createNetworkModule({ ca: authority.caPem, env: {}, retryDelayMs: 1, maxRetryDelayMs: 5 });
}

/** Decodes a JWT's payload (the tokens here are the dev authority's own test tokens). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}
