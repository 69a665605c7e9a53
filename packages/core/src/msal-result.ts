import type { AccessTokenInfo } from "./access-token-info";
import { AuthenticationError } from "./errors/authentication-error";
import { computeRefreshAfter } from "./refresh-policy";

/** The fields of MSAL's `AuthenticationResult` a token is made of (declared structurally). */
export interface MsalResultLike {
  accessToken: string;
  expiresOn: Date | null;
  refreshOn?: Date;
  tokenType?: string;
}

/**
 * Converts an MSAL result into an {@link AccessTokenInfo}: MSAL's `refreshOn` (from Entra's
 * `refresh_in`) when present, else the refresh policy's choice.
 *
 * @throws {@link AuthenticationError} (`invalid_response`) when MSAL returned no token or no
 * expiry, which would otherwise surface later as a confusing 401.
 */
export function accessTokenFromMsalResult(
  result: MsalResultLike | null,
  now: number,
  component: string,
): AccessTokenInfo {
  // An expiry MSAL could not parse (e.g. a non-numeric expires_in) is an invalid date: without
  // this check it would surface later as a RangeError far from its cause.
  if (
    typeof result?.accessToken !== "string" ||
    result.accessToken === "" ||
    !(result.expiresOn instanceof Date) ||
    !Number.isFinite(result.expiresOn.getTime())
  ) {
    throw new AuthenticationError(0, undefined, {
      code: "invalid_response",
      message: `${component}: the authority's answer held no access token or no valid expiry. Retry; if it persists, check the authority host`,
    });
  }
  const expiresOnTimestamp = result.expiresOn.getTime();
  // A refresh time MSAL could not compute (a huge or odd refresh_in) is ignored, not NaN.
  const refreshOn = result.refreshOn?.getTime();
  const policy = computeRefreshAfter(now, expiresOnTimestamp);
  const refreshAfterTimestamp =
    refreshOn !== undefined && Number.isFinite(refreshOn) ? Math.min(refreshOn, policy) : policy;
  return {
    token: result.accessToken,
    expiresOnTimestamp,
    refreshAfterTimestamp,
    tokenType: result.tokenType?.toLowerCase() === "pop" ? "pop" : "Bearer",
  };
}
