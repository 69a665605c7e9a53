import {
  type AccountInfo,
  type AuthenticationResult,
  ConfidentialClientApplication,
  type ICachePlugin,
  type INetworkModule,
  PublicClientApplication,
} from "@azure/msal-node";
import { createMsalLoggerOptions } from "@entrakit/core";
import type { MsalClientAuth } from "./client-authentication";
import { logger } from "./logger";

/** The part of an MSAL client application the credential uses; fakes implement just this. */
export interface MsalApp {
  acquireTokenByCode(request: {
    code: string;
    redirectUri: string;
    scopes: string[];
    codeVerifier?: string;
    nonce?: string;
    claims?: string;
    authority?: string;
  }): Promise<AuthenticationResult>;
  acquireTokenSilent(request: {
    account: AccountInfo;
    scopes: string[];
    forceRefresh: boolean;
    claims?: string;
    authority?: string;
  }): Promise<AuthenticationResult>;
  acquireTokenByRefreshToken(request: {
    refreshToken: string;
    scopes: string[];
    claims?: string;
    authority?: string;
    forceCache?: boolean;
  }): Promise<AuthenticationResult | null>;
  getTokenCache(): {
    serialize(): string;
    getAccountByHomeId(homeAccountId: string): Promise<AccountInfo | null>;
  };
}

/** Everything needed to build one MSAL application. */
export interface MsalAppConfig {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  clientAuth: MsalClientAuth | undefined;
  /** `["cp1"]` for the CAE application. */
  clientCapabilities: string[];
  networkClient: INetworkModule;
  cachePlugin: ICachePlugin | undefined;
  /** Scrubs MSAL's log lines: core's patterns plus the credential's own secrets. */
  redact: (text: string) => string;
}

/** Builds MSAL applications; tests pass a factory that returns fakes. */
export type MsalAppFactory = (config: MsalAppConfig) => MsalApp;

/**
 * The real factory: a confidential client when the app authenticates itself, a public client
 * otherwise. MSAL's own log lines are redacted before they reach the package logger.
 */
export const createMsalApp: MsalAppFactory = (config) => {
  const auth = {
    clientId: config.clientId,
    authority: config.authority,
    knownAuthorities: config.knownAuthorities,
    clientCapabilities: config.clientCapabilities,
  };
  const system = {
    networkClient: config.networkClient,
    loggerOptions: createMsalLoggerOptions(logger, config.redact),
  };
  const cache = config.cachePlugin ? { cachePlugin: config.cachePlugin } : undefined;
  if (config.clientAuth !== undefined) {
    return new ConfidentialClientApplication({
      auth: { ...auth, ...config.clientAuth },
      system,
      ...(cache ? { cache } : {}),
    });
  }
  return new PublicClientApplication({ auth, system, ...(cache ? { cache } : {}) });
};
