import type { GetTokenOptions } from "@azure/core-auth";

/** What a credential's hooks receive for one token acquisition. */
export interface TokenRequest {
  /** The validated scopes, in the caller's order. */
  readonly scopes: readonly string[];
  /** The tenant this call resolved to (the credential's own or an allowed override). */
  readonly tenantId: string;
  /** A claims challenge to send; when set, no cached access token may be returned. */
  readonly claims: string | undefined;
  /** Whether the token is for continuous access evaluation (CAE). */
  readonly enableCae: boolean;
  /**
   * True when a cached token exists but is due for refresh: the hook must get a new token
   * (e.g. MSAL's `forceRefresh`) rather than return the same one from its own cache.
   */
  readonly forceRefresh: boolean;
  /** Aborts when every caller waiting on this acquisition has aborted. */
  readonly abortSignal: AbortSignal;
  /** The original options of the call that started the acquisition. */
  readonly options: GetTokenOptions;
}

/**
 * A request for the hooks whose `abortSignal` is created when first read: a hook that serves a
 * token from its own cache never pays for an `AbortController`. Internal to the base class.
 *
 * @param fields - everything but `forceRefresh` and `abortSignal`.
 * @param forceRefresh - whether a cached token is due for refresh.
 * @param abortSignal - returns the acquisition's signal (the same one each call).
 */
export function hookRequest(
  fields: Omit<TokenRequest, "forceRefresh" | "abortSignal">,
  forceRefresh: boolean,
  abortSignal: () => AbortSignal,
): TokenRequest {
  // Fields named one by one rather than spread: a spread next to a getter built a slow
  // (dictionary) object, a measurable part of every cold acquisition.
  return {
    scopes: fields.scopes,
    tenantId: fields.tenantId,
    claims: fields.claims,
    enableCae: fields.enableCae,
    options: fields.options,
    forceRefresh,
    get abortSignal() {
      return abortSignal();
    },
  };
}
