import {
  type AuthenticationResult,
  type ICachePlugin,
  type INetworkModule,
  PublicClientApplication,
} from "@azure/msal-node";
import { createMsalLoggerOptions } from "@entrakit/core";
import { logger } from "./logger";

/** The part of an MSAL public client the credential uses; fakes implement just this. */
export interface MsalApp {
  acquireTokenByRefreshToken(request: {
    refreshToken: string;
    scopes: string[];
    authority?: string;
    claims?: string;
    forceCache?: boolean;
  }): Promise<AuthenticationResult | null>;
}

/** Everything needed to build one MSAL application. */
export interface MsalAppConfig {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  /** `["cp1"]` for the CAE application. */
  clientCapabilities: string[];
  networkClient: INetworkModule;
  /** Sees every cache write MSAL makes, so it can be copied to the shared cache. */
  cachePlugin: ICachePlugin;
}

/** Builds MSAL applications; tests pass a factory that returns fakes. */
export type MsalAppFactory = (config: MsalAppConfig) => MsalApp;

/**
 * The real factory: a public client (developer sign-on apps have no secret). MSAL's own log
 * lines are redacted before they reach the package logger.
 */
export const createMsalApp: MsalAppFactory = (config) =>
  new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      clientCapabilities: config.clientCapabilities,
    },
    cache: { cachePlugin: config.cachePlugin },
    system: {
      networkClient: config.networkClient,
      loggerOptions: createMsalLoggerOptions(logger),
    },
  });
