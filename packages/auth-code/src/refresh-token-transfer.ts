/**
 * Finds the refresh token an MSAL cache holds for an account, so the CAE application can use
 * the one the non-CAE application got (and the reverse) instead of sending the spent code.
 * The secret never leaves this function's caller.
 *
 * @param serializedCache - an MSAL cache as `getTokenCache().serialize()` returns it.
 * @param homeAccountId - the account's `<object id>.<home tenant id>`.
 * @param clientId - this app's client id; a family (FOCI) token of another app also serves.
 * @returns the refresh token, or `undefined` when there is none or the text is no cache.
 */
export function refreshTokenOf(
  serializedCache: string,
  homeAccountId: string,
  clientId: string,
): string | undefined {
  let cache: unknown;
  try {
    cache = JSON.parse(serializedCache);
  } catch {
    return undefined;
  }
  const section = isRecord(cache) ? cache.RefreshToken : undefined;
  if (!isRecord(section)) return undefined;
  for (const entry of Object.values(section)) {
    if (
      isRecord(entry) &&
      entry.home_account_id === homeAccountId &&
      (entry.client_id === clientId ||
        (typeof entry.family_id === "string" && entry.family_id !== "")) &&
      typeof entry.secret === "string"
    ) {
      return entry.secret;
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
