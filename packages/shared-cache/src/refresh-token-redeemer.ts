/**
 * Redeems one cached refresh token with MSAL and reports exactly the cache entries that
 * redemption produced, so they can be written to the store the token came from. MSAL's own
 * cache here starts empty and is never persisted by MSAL: the shared cache is far larger than
 * what one redemption needs, and MSAL must never get the chance to remove other apps' entries.
 */
import type { AuthenticationResult, ICachePlugin, INetworkModule } from "@azure/msal-node";
import {
  type AccessTokenInfo,
  accessTokenFromMsalResult,
  authorityUrl,
  type TokenRequest,
} from "@entrakit/core";
import { runWithTransportContext } from "@entrakit/transport";
import { type CacheEntries, changedEntries } from "./cache/cache-entries";
import type { MsalApp, MsalAppFactory } from "./msal-app";
import { toCredentialError } from "./msal-errors";

/** Everything the redeemer needs to build its MSAL applications. */
export interface RedeemerConfig {
  component: string;
  clientId: string;
  authorityHost: string;
  tenantId: string;
  knownAuthorities: string[];
  networkClient: INetworkModule;
  factory: MsalAppFactory;
}

/** A redeemed refresh token: the access token, and the cache entries to write back. */
export interface Redemption {
  readonly token: AccessTokenInfo;
  readonly entries: CacheEntries;
  /** The home account the authority answered for. */
  readonly homeAccountId: string | undefined;
}

// One MSAL application and the entries its cache plugin saw change during one redemption.
class HarvestingApp {
  readonly app: MsalApp;
  baseline: Record<string, unknown> = {};
  changes: CacheEntries = {};
  tail: Promise<unknown> = Promise.resolve();

  readonly cachePlugin: ICachePlugin = {
    beforeCacheAccess: async (context) => {
      this.baseline = parseSerialized(context.tokenCache.serialize());
    },
    afterCacheAccess: async (context) => {
      if (!context.cacheHasChanged) return;
      const after = parseSerialized(context.tokenCache.serialize());
      for (const [section, entries] of Object.entries(changedEntries(this.baseline, after))) {
        this.changes[section] = { ...this.changes[section], ...entries };
      }
    },
  };

  constructor(build: (cachePlugin: ICachePlugin) => MsalApp) {
    this.app = build(this.cachePlugin);
  }
}

/** Redeems refresh tokens through one MSAL application per CAE setting. */
export class RefreshTokenRedeemer {
  readonly #config: RedeemerConfig;
  readonly #apps = new Map<boolean, HarvestingApp>();

  constructor(config: RedeemerConfig) {
    this.#config = config;
  }

  /**
   * Redeems `refreshToken` for the request's scopes, tenant, claims and CAE setting.
   *
   * @throws what {@link toCredentialError} makes of MSAL's error.
   */
  redeem(request: TokenRequest, refreshToken: string, now: () => number): Promise<Redemption> {
    const holder = this.#app(request.enableCae);
    // One redemption at a time per application: the entries it produced are told apart from
    // another redemption's by comparing MSAL's cache before and after.
    const run = holder.tail.then(() => this.#redeemNow(holder, request, refreshToken, now));
    holder.tail = run.catch(() => undefined);
    return run;
  }

  async #redeemNow(
    holder: HarvestingApp,
    request: TokenRequest,
    refreshToken: string,
    now: () => number,
  ): Promise<Redemption> {
    holder.changes = {};
    const { component, authorityHost } = this.#config;
    const result = await runWithTransportContext(
      { abortSignal: request.abortSignal },
      async (diagnostics) => {
        try {
          return await holder.app.acquireTokenByRefreshToken({
            refreshToken,
            scopes: [...request.scopes],
            authority: authorityUrl(authorityHost, request.tenantId),
            // The account is not in MSAL's (empty) cache; without this MSAL would not keep the
            // new tokens, and there would be nothing to write back.
            forceCache: true,
            ...(request.claims ? { claims: request.claims } : {}),
          });
        } catch (error) {
          throw toCredentialError(error, {
            component,
            scopes: request.scopes,
            diagnostics,
            secrets: [refreshToken],
          });
        }
      },
    );
    const token = accessTokenFromMsalResult(result, now(), component);
    return {
      token,
      entries: holder.changes,
      homeAccountId: (result as AuthenticationResult).account?.homeAccountId,
    };
  }

  #app(cae: boolean): HarvestingApp {
    const existing = this.#apps.get(cae);
    if (existing) return existing;
    const { clientId, authorityHost, tenantId, knownAuthorities, networkClient } = this.#config;
    const holder = new HarvestingApp((cachePlugin) =>
      this.#config.factory({
        clientId,
        authority: authorityUrl(authorityHost, tenantId),
        knownAuthorities,
        clientCapabilities: cae ? ["cp1"] : [],
        networkClient,
        cachePlugin,
      }),
    );
    this.#apps.set(cae, holder);
    return holder;
  }
}

function parseSerialized(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
