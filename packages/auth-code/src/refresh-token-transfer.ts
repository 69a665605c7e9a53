/**
 * Finds the refresh token an MSAL cache holds for an account, so the CAE application can use
 * the one the non-CAE application got (and the reverse) instead of sending the spent code.
 * The secret never leaves this function's caller.
 */
export function refreshTokenOf(
  serializedCache: string,
  homeAccountId: string,
  clientId: string,
): string | undefined {
  let cache: { RefreshToken?: Record<string, Record<string, unknown>> };
  try {
    cache = JSON.parse(serializedCache);
  } catch {
    return undefined;
  }
  for (const entry of Object.values(cache.RefreshToken ?? {})) {
    if (
      entry.home_account_id === homeAccountId &&
      (entry.client_id === clientId || typeof entry.family_id === "string") &&
      typeof entry.secret === "string"
    ) {
      return entry.secret;
    }
  }
  return undefined;
}
