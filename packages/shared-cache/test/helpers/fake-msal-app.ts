// A stand-in for MSAL's public client: records each refresh-token redemption, answers from a
// script, and (like MSAL) writes the new entries to its cache between the plugin's before and
// after calls, so the credential's write-back sees exactly what MSAL would report.
import type { AuthenticationResult } from "@azure/msal-node";
import type { MsalApp, MsalAppConfig, MsalAppFactory } from "../../src/msal-app";

export interface RedemptionCall {
  refreshToken: string;
  scopes: string[];
  authority: string | undefined;
  claims: string | undefined;
  forceCache: boolean | undefined;
  clientId: string;
  clientCapabilities: string[];
}

export type FakeOutcome =
  | {
      accessToken: string;
      expiresOn: Date;
      homeAccountId?: string;
      entries?: Record<string, Record<string, unknown>>;
    }
  | { error: Error };

/** An MSAL-shaped server error (what `ServerError` carries). */
export function msalServerError(errorCode: string, errorMessage: string): Error {
  return Object.assign(new Error(`${errorCode}: ${errorMessage}`), {
    name: "ServerError",
    errorCode,
    errorMessage,
  });
}

/** A factory of fake apps sharing one script and one call log. */
export function fakeMsalApps(respond: (call: RedemptionCall) => FakeOutcome): {
  factory: MsalAppFactory;
  calls: RedemptionCall[];
  configs: MsalAppConfig[];
} {
  const calls: RedemptionCall[] = [];
  const configs: MsalAppConfig[] = [];
  const factory: MsalAppFactory = (config) => {
    configs.push(config);
    let state: Record<string, Record<string, unknown>> = {};
    const tokenCache = {
      serialize: () => JSON.stringify(state),
      deserialize: (text: string) => {
        state = JSON.parse(text);
      },
    };
    const app: MsalApp = {
      async acquireTokenByRefreshToken(request) {
        const call: RedemptionCall = {
          refreshToken: request.refreshToken,
          scopes: request.scopes,
          authority: request.authority,
          claims: request.claims,
          forceCache: request.forceCache,
          clientId: config.clientId,
          clientCapabilities: config.clientCapabilities,
        };
        calls.push(call);
        const outcome = respond(call);
        if ("error" in outcome) throw outcome.error;
        const context = { cacheHasChanged: true, tokenCache } as never;
        await config.cachePlugin.beforeCacheAccess(context);
        for (const [section, entries] of Object.entries(outcome.entries ?? {})) {
          state[section] = { ...state[section], ...entries };
        }
        await config.cachePlugin.afterCacheAccess(context);
        return {
          accessToken: outcome.accessToken,
          expiresOn: outcome.expiresOn,
          tokenType: "Bearer",
          account: outcome.homeAccountId ? { homeAccountId: outcome.homeAccountId } : null,
        } as unknown as AuthenticationResult;
      },
    };
    return app;
  };
  return { factory, calls, configs };
}
