import { CredentialUnavailableError } from "@entrakit/core";

/** Who held a lock file, as far as its content tells. */
export interface LockHolder {
  /** The holder's process id, when the lock file recorded one. */
  readonly pid?: number;
  /** The holder's host name, when recorded (locks written by other MSAL tools record none). */
  readonly host?: string;
  /** When the holder took the lock (ms since the epoch), from the lock or the file's mtime. */
  readonly startedAt?: number;
}

/**
 * Waiting for the cache's lock file took longer than `lock.timeoutMs`. The message names the
 * lock path and its holder so a person can find the process that keeps it.
 */
export class CacheLockTimeoutError extends CredentialUnavailableError<"cache_lock_timeout"> {
  /** The lock file that stayed taken. */
  readonly lockPath: string;
  /** Who held it when waiting gave up. */
  readonly holder: LockHolder;

  /**
   * @param lockPath - the lock file.
   * @param holder - its holder as read from the file.
   * @param waitedMs - how long the caller waited.
   */
  constructor(lockPath: string, holder: LockHolder, waitedMs: number) {
    super(
      `FileLock: timed out after ${waitedMs} ms waiting for the lock ${lockPath}, held by ${describeHolder(holder)}. ` +
        "If that process is gone, delete the lock file; otherwise raise lock.timeoutMs.",
      { code: "cache_lock_timeout" },
    );
    this.lockPath = lockPath;
    this.holder = holder;
  }
}

/** `pid 123 on host build-7 since 2026-01-01T00:00:00.000Z`, leaving out what is unknown. */
export function describeHolder(holder: LockHolder): string {
  const parts: string[] = [];
  parts.push(holder.pid === undefined ? "an unknown process" : `pid ${holder.pid}`);
  if (holder.host !== undefined) parts.push(`on host ${holder.host}`);
  if (holder.startedAt !== undefined && Number.isFinite(holder.startedAt)) {
    parts.push(`since ${new Date(holder.startedAt).toISOString()}`);
  }
  return parts.join(" ");
}
