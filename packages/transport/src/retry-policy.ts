// Which failures are retried and how long to wait. The retry loop applies the POST safety rule
// and the time budget on top of these answers.
import type { AttemptErrorKind } from "./attempt-record.js";
import { parseRetryAfter } from "./parse-retry-after.js";

/** Each retry's jitter ceiling doubles the previous one. */
export const backoffFactor = 2;

/**
 * Statuses that say "try again": request timeout, throttling, and server-side failures. 501 and
 * 505 are left out because the same request will never succeed on that server.
 */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/**
 * Network failures are worth retrying, except those the next attempt would repeat: an
 * untrusted certificate, a proxy that wants credentials (407), a request Node refuses to send,
 * and an abort.
 */
export function isRetryableFailure(kind: AttemptErrorKind, errorCode: string | undefined): boolean {
  if (kind === "tls_certificate" || kind === "aborted" || kind === "invalid_request") return false;
  return errorCode !== "PROXY_STATUS_407";
}

/**
 * Exponential backoff with full jitter: a uniform delay in `[0, min(max, base * 2^(n-1)))`,
 * which spreads clients that failed together (AWS's "full jitter" result).
 *
 * @param failedAttempt - The number of the attempt that just failed (1-based).
 */
export function backoffDelayMs(
  failedAttempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxMs, baseMs * backoffFactor ** (failedAttempt - 1));
  const fraction = Math.min(Math.max(random(), 0), 1);
  return Math.floor(fraction * ceiling);
}

/**
 * The delay the server asked for: Azure's millisecond headers first (`retry-after-ms`,
 * `x-ms-retry-after-ms`), then `Retry-After`.
 */
export function serverRetryDelayMs(
  headers: Record<string, string>,
  now: number,
): number | undefined {
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const value = headers[name]?.trim();
    if (value !== undefined && /^\d+$/.test(value)) return Number(value);
  }
  return parseRetryAfter(headers["retry-after"], now);
}
