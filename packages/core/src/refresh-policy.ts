/**
 * When a cached token should be refreshed. Mirrors the anchors: Entra's `refresh_in` when
 * given, else half the lifetime for tokens that live two hours or more, and never later than
 * five minutes before expiry.
 */

/** A token is refreshed no later than this long before it expires. */
export const refreshBeforeExpiryMs = 5 * 60_000;

/** After a failed refresh, the still-valid token is served and no new try happens for this long. */
export const refreshRetryDelayMs = 30_000;

const halfLifeThresholdMs = 2 * 60 * 60_000;

/**
 * Computes `refreshAfterTimestamp` for a token.
 *
 * @param issuedAt - when the token was received (ms since epoch).
 * @param expiresOn - when it expires (ms since epoch).
 * @param refreshInMs - Entra's `refresh_in`, in milliseconds, when it sent one.
 */
export function computeRefreshAfter(
  issuedAt: number,
  expiresOn: number,
  refreshInMs?: number,
): number {
  const latest = expiresOn - refreshBeforeExpiryMs;
  if (refreshInMs !== undefined && refreshInMs > 0) return Math.min(issuedAt + refreshInMs, latest);
  const lifetime = expiresOn - issuedAt;
  if (lifetime >= halfLifeThresholdMs) return Math.min(issuedAt + lifetime / 2, latest);
  return latest;
}

/**
 * The moment a cached token stops being served without asking the authority: its refresh
 * time, but never later than five minutes before expiry (for tokens whose producer set a later
 * `refreshAfterTimestamp`).
 */
export function refreshDueAt(token: {
  expiresOnTimestamp: number;
  refreshAfterTimestamp?: number;
}): number {
  const latest = token.expiresOnTimestamp - refreshBeforeExpiryMs;
  const after = token.refreshAfterTimestamp;
  return after === undefined ? latest : Math.min(after, latest);
}
