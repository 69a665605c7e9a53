/**
 * The cross-process lock: an exclusively created lock file next to the cache. It records pid,
 * host and start time; stale locks (dead holder on this host, or older than a bound) are taken
 * over. It does not protect against a holder that keeps working after being declared stale.
 */
import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { lstat, open, readFile, unlink } from "node:fs/promises";
import { type Clock, formatLogLine } from "@entrakit/core";
import { CacheLockTimeoutError, type LockHolder } from "../errors/cache-lock-timeout-error";
import { cachePersistenceError, systemErrorCode } from "../errors/cache-persistence-error";
import { logger } from "../logger";
import {
  currentHost,
  formatLockRecord,
  isProcessAlive,
  type LockRecord,
  parseLockHolder,
} from "./lock-holder";
import type { ResolvedLockOptions } from "./lock-options";
import { holdsProcessLock, withProcessLock } from "./process-lock-queue";

/** What a file lock needs besides its path. */
export interface FileLockContext {
  readonly clock: Clock;
  readonly options: ResolvedLockOptions;
  /** Overrides liveness checks (tests). */
  readonly isAlive?: (pid: number) => boolean;
}

const createFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;

/**
 * Runs `fn` holding the lock file `lockPath`: first the in-process queue, then the file.
 *
 * @throws CacheLockTimeoutError when the lock stays taken past `timeoutMs`.
 * @throws the abort reason when `abortSignal` aborts while waiting.
 */
export function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  context: FileLockContext,
  abortSignal?: AbortSignal,
): Promise<T> {
  if (holdsProcessLock(lockPath)) return fn();
  return withProcessLock(
    lockPath,
    async () => {
      const token = await acquire(lockPath, context, abortSignal);
      try {
        return await fn();
      } finally {
        await release(lockPath, token);
      }
    },
    abortSignal,
  );
}

async function acquire(
  lockPath: string,
  context: FileLockContext,
  signal: AbortSignal | undefined,
): Promise<string> {
  const { clock, options } = context;
  const startedWaiting = clock.now();
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    const token = randomUUID();
    if (await tryCreate(lockPath, token, clock)) return token;
    const holder = await inspect(lockPath);
    if (holder === undefined) continue;
    const staleReason = whyStale(holder, context);
    if (staleReason !== undefined && (await takeOver(lockPath, holder, staleReason, context))) {
      continue;
    }
    const waited = clock.now() - startedWaiting;
    if (waited >= options.timeoutMs) throw new CacheLockTimeoutError(lockPath, holder, waited);
    const ceiling = Math.min(
      options.maxRetryDelayMs,
      options.minRetryDelayMs * 2 ** Math.min(attempt, 16),
    );
    // Jitter keeps processes that started waiting together from retrying in lockstep.
    const delay = Math.min(ceiling / 2 + Math.random() * (ceiling / 2), options.timeoutMs - waited);
    await clock.sleep(Math.max(1, Math.round(delay)), signal);
  }
}

async function tryCreate(lockPath: string, token: string, clock: Clock): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockPath, createFlags, 0o600);
  } catch (error) {
    if (systemErrorCode(error) === "EEXIST") return false;
    throw cachePersistenceError(
      `FileLock: could not create the lock file ${lockPath} (${systemErrorCode(error) ?? "unknown error"}). Check that the directory exists and is writable.`,
      "cache_lock_failed",
      error,
    );
  }
  const record: LockRecord = {
    pid: process.pid,
    host: currentHost(),
    startedAt: clock.now(),
    token,
  };
  try {
    await handle.writeFile(formatLockRecord(record));
  } finally {
    await handle.close();
  }
  return true;
}

interface InspectedLock extends LockHolder {
  readonly token?: string;
  readonly raw: string;
  readonly ino: number;
}

async function inspect(lockPath: string): Promise<InspectedLock | undefined> {
  try {
    const stats = await lstat(lockPath);
    const raw = await readFile(lockPath, "utf8");
    return { ...parseLockHolder(raw, stats.mtimeMs), raw, ino: stats.ino };
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") return undefined;
    throw cachePersistenceError(
      `FileLock: could not read the lock file ${lockPath} (${systemErrorCode(error) ?? "unknown error"}). Check its permissions.`,
      "cache_lock_failed",
      error,
    );
  }
}

function whyStale(holder: LockHolder, context: FileLockContext): string | undefined {
  const sameHost = holder.host === undefined || holder.host === currentHost();
  if (sameHost && holder.pid !== undefined) {
    // Our own pid can only be a leftover: this process queues its callers before touching the file.
    if (holder.pid === process.pid) return "left by this process";
    if (!(context.isAlive ?? isProcessAlive)(holder.pid)) return "holder is dead";
  }
  const age = context.clock.now() - (holder.startedAt ?? Number.NEGATIVE_INFINITY);
  if (age > context.options.staleAfterMs) return `older than ${context.options.staleAfterMs} ms`;
  return undefined;
}

async function takeOver(
  lockPath: string,
  stale: InspectedLock,
  reason: string,
  context: FileLockContext,
): Promise<boolean> {
  // Breakers serialize on a second file: two waiters that both judged the old lock stale must not
  // each delete the lock the other has just created.
  const breakerPath = `${lockPath}.takeover`;
  let breaker: Awaited<ReturnType<typeof open>>;
  try {
    breaker = await open(breakerPath, createFlags, 0o600);
  } catch (error) {
    if (systemErrorCode(error) !== "EEXIST") {
      throw cachePersistenceError(
        `FileLock: could not create ${breakerPath} (${systemErrorCode(error) ?? "unknown error"}). Check that the directory is writable.`,
        "cache_lock_failed",
        error,
      );
    }
    const stats = await lstat(breakerPath).catch(() => undefined);
    // A breaker that crashed mid-takeover leaves its file; the age bound frees it.
    if (stats && context.clock.now() - stats.mtimeMs > context.options.staleAfterMs) {
      await unlink(breakerPath).catch(() => undefined);
      return true;
    }
    return false;
  }
  try {
    const current = await inspect(lockPath);
    if (current && current.ino === stale.ino && current.raw === stale.raw) {
      await unlink(lockPath).catch(() => undefined);
      logger.warning(
        formatLogLine("FileLock", "acquire", "took over a stale lock", {
          lock: lockPath,
          reason,
          pid: stale.pid,
          host: stale.host,
        }),
      );
    }
  } finally {
    await breaker.close();
    await unlink(breakerPath).catch(() => undefined);
  }
  return true;
}

async function release(lockPath: string, token: string): Promise<void> {
  const raw = await readSmallFile(lockPath).catch(() => undefined);
  if (raw === undefined || parseLockHolder(raw, 0).token !== token) {
    logger.warning(
      formatLogLine(
        "FileLock",
        "release",
        "the lock was taken over while held; left it to its new holder",
        {
          lock: lockPath,
        },
      ),
    );
    return;
  }
  await unlink(lockPath).catch(() => undefined);
}

/** Reads a lock file (a short record) in one read: open, read, close, without a stat. */
async function readSmallFile(path: string): Promise<string> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    const buffer = Buffer.allocUnsafe(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString("utf8", 0, bytesRead);
  } finally {
    await handle.close();
  }
}
