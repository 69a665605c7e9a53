import { InvalidArgumentError } from "@entrakit/core";

/** How the cross-process lock file behaves. */
export interface LockOptions {
  /**
   * Give up waiting for the lock after this long and throw `CacheLockTimeoutError`.
   * @defaultValue `30_000`
   */
  timeoutMs?: number;
  /**
   * A lock older than this is taken over even if its holder seems alive (a hung or suspended
   * process, or a reused pid). A lock whose holder is dead on this host is taken over at once.
   * @defaultValue `20_000`
   */
  staleAfterMs?: number;
  /**
   * First wait between attempts; waits double up to `maxRetryDelayMs`, with jitter.
   * @defaultValue `5`
   */
  minRetryDelayMs?: number;
  /**
   * Longest wait between attempts.
   * @defaultValue `250`
   */
  maxRetryDelayMs?: number;
}

/** {@link LockOptions} with defaults applied. */
export type ResolvedLockOptions = Required<LockOptions>;

/**
 * Applies defaults and checks each value.
 *
 * @throws InvalidArgumentError (a RangeError) naming the option when a value is not a positive number.
 */
export function resolveLockOptions(options: LockOptions = {}): ResolvedLockOptions {
  const resolved = {
    timeoutMs: options.timeoutMs ?? 30_000,
    staleAfterMs: options.staleAfterMs ?? 20_000,
    minRetryDelayMs: options.minRetryDelayMs ?? 5,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 250,
  };
  for (const [key, value] of Object.entries(resolved)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new InvalidArgumentError(
        `LockOptions: lock.${key} must be a finite number of milliseconds >= 0. Pass a number such as 1000.`,
        "invalid_option",
      );
    }
  }
  if (resolved.maxRetryDelayMs < resolved.minRetryDelayMs)
    resolved.maxRetryDelayMs = resolved.minRetryDelayMs;
  return resolved;
}
