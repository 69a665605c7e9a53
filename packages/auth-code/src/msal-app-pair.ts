import type { AccountInfo } from "@azure/msal-node";
import type { TokenCachePersistenceOptions } from "@entrakit/cache-persistence";
import type { MsalApp, MsalAppConfig, MsalAppFactory } from "./msal-app";
import { createTokenCachePlugin } from "./persistence";
import { refreshTokenOf } from "./refresh-token-transfer";

/**
 * The credential's two MSAL applications, one without and one with the CAE capability (`cp1`).
 * CAE and non-CAE tokens must never mix, and MSAL sets client capabilities per application and
 * keys cached access tokens without them; so each kind has its own application and cache, and
 * they share only what is good for both: the account and its refresh token.
 */
export class MsalAppPair {
  readonly #plain: MsalApp;
  readonly #cae: MsalApp;
  readonly #clientId: string;

  /**
   * @param config - what both applications share.
   * @param persistence - the credential's `tokenCachePersistenceOptions`.
   * @param factory - builds one application (tests pass fakes).
   */
  constructor(
    config: Omit<MsalAppConfig, "clientCapabilities" | "cachePlugin">,
    persistence: TokenCachePersistenceOptions | undefined,
    factory: MsalAppFactory,
  ) {
    const build = (cae: boolean) =>
      factory({
        ...config,
        clientCapabilities: cae ? ["cp1"] : [],
        cachePlugin: createTokenCachePlugin(persistence, cae),
      });
    this.#plain = build(false);
    this.#cae = build(true);
    this.#clientId = config.clientId;
  }

  /** The application for CAE tokens, or for the others. */
  app(cae: boolean): MsalApp {
    return cae ? this.#cae : this.#plain;
  }

  /** The account with this home account id in either application's cache. */
  async account(homeAccountId: string): Promise<AccountInfo | undefined> {
    const found =
      (await this.#plain.getTokenCache().getAccountByHomeId(homeAccountId)) ??
      (await this.#cae.getTokenCache().getAccountByHomeId(homeAccountId));
    return found ?? undefined;
  }

  /**
   * The refresh token this application's cache holds for the account, a family (FOCI) token
   * included. The family token has one cache key for the whole family, so when another family
   * client shares the cache, the entry carries that client's id; MSAL matches family tokens by
   * client id too and never uses it, though the authority accepts it from any family member.
   */
  cachedRefreshToken(cae: boolean, homeAccountId: string): string | undefined {
    return refreshTokenOf(this.app(cae).getTokenCache().serialize(), homeAccountId, this.#clientId);
  }

  /**
   * The other application's refresh token for the account, when it has one that differs from
   * this application's: the token to fall back on when this one has none or it was rotated.
   */
  otherRefreshToken(cae: boolean, homeAccountId: string): string | undefined {
    const read = (app: MsalApp) =>
      refreshTokenOf(app.getTokenCache().serialize(), homeAccountId, this.#clientId);
    const other = read(this.app(!cae));
    return other !== undefined && other !== read(this.app(cae)) ? other : undefined;
  }
}
